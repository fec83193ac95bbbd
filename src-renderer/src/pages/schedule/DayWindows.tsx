import { useTranslation } from 'react-i18next';
import type { ScheduleWindow } from '../../../../src-shared/contract/schedule';
import { Button } from '../../components/Button';
import { DAYS } from './windows';

/**
 * The exact times behind the grid, one line per window, typed as 24-hour HH:MM ("24:00" closes at
 * midnight). Windows keep their place while being typed in, so focus never jumps.
 */
export function DayWindows({
  windows,
  editable,
  onChange,
}: {
  windows: ScheduleWindow[];
  editable: boolean;
  onChange(w: ScheduleWindow[]): void;
}) {
  const { t } = useTranslation();
  const replace = (index: number, patch: Partial<ScheduleWindow>) =>
    onChange(windows.map((x, j) => (j === index ? { ...x, ...patch } : x)));
  return (
    <div className="day-windows">
      {DAYS.map((d) => {
        const mine = windows.map((w, index) => ({ w, index })).filter(({ w }) => w.day === d.key);
        return (
          <div className="dw-row" key={d.key}>
            <div className="dw-day">{d.label}</div>
            <div className="dw-list">
              {mine.length === 0 && <span className="muted small">{t('schedule.closed')}</span>}
              {mine.map(({ w, index }, i) => (
                <span className="dw-window" key={index}>
                  <input
                    className="input input-time"
                    inputMode="numeric"
                    maxLength={5}
                    placeholder="09:00"
                    aria-label={t('schedule.windowOpens', { day: d.label, n: i + 1 })}
                    value={w.start}
                    disabled={!editable}
                    onChange={(e) => replace(index, { start: e.target.value })}
                  />
                  <span className="muted">–</span>
                  <input
                    className="input input-time"
                    inputMode="numeric"
                    maxLength={5}
                    placeholder="17:00"
                    aria-label={t('schedule.windowCloses', { day: d.label, n: i + 1 })}
                    value={w.end}
                    disabled={!editable}
                    onChange={(e) => replace(index, { end: e.target.value })}
                  />
                  {editable && (
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={t('schedule.removeWindow', { day: d.label, start: w.start, end: w.end })}
                      onClick={() => onChange(windows.filter((_, j) => j !== index))}
                    >
                      ×
                    </button>
                  )}
                </span>
              ))}
              {editable && (
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => onChange([...windows, { day: d.key, start: '09:00', end: '17:00' }])}
                  aria-label={t('schedule.addWindow', { day: d.label })}
                >
                  {t('schedule.window')}
                </Button>
              )}
            </div>
          </div>
        );
      })}
    </div>
  );
}
