import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { DateInput } from '../../components/Field';
import { PRESETS, type RangeChoice } from './range';

interface Props {
  value: RangeChoice;
  /** the dates the server resolved the current range to, to start a custom range from */
  resolved: { from: string; to: string } | null;
  onChange(r: RangeChoice): void;
}

/** Presets as a segmented control, plus a custom from–to that applies on Enter or "Apply". */
export function RangePicker({ value, resolved, onChange }: Props) {
  const { t } = useTranslation();
  const custom = !('preset' in value);
  const [open, setOpen] = useState(custom);
  const [from, setFrom] = useState(custom ? value.from : (resolved?.from ?? ''));
  const [to, setTo] = useState(custom ? value.to : (resolved?.to ?? ''));

  useEffect(() => {
    if (!custom && resolved && !open) {
      setFrom(resolved.from);
      setTo(resolved.to);
    }
  }, [custom, resolved, open]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (from && to) onChange({ from: from <= to ? from : to, to: from <= to ? to : from });
  };

  return (
    <div className="range-picker">
      <div className="segmented" role="group" aria-label={t('dashboard.range')}>
        {PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            aria-pressed={'preset' in value && value.preset === p}
            onClick={() => {
              setOpen(false);
              onChange({ preset: p });
            }}
          >
            {t(`dashboard.ranges.${p}`)}
          </button>
        ))}
        <button type="button" aria-pressed={custom || open} onClick={() => setOpen(true)}>
          {t('dashboard.custom')}
        </button>
      </div>
      {(open || custom) && (
        <form className="range-custom" onSubmit={apply}>
          <label>
            <span className="sr-only">{t('common.from')}</span>
            <DateInput className="input input-compact" value={from} onChange={(e) => setFrom(e.target.value)} required />
          </label>
          <span className="muted">{t('dashboard.to')}</span>
          <label>
            <span className="sr-only">{t('common.to')}</span>
            <DateInput className="input input-compact" value={to} onChange={(e) => setTo(e.target.value)} required />
          </label>
          <Button type="submit" size="sm" variant="primary">
            {t('common.apply')}
          </Button>
        </form>
      )}
    </div>
  );
}
