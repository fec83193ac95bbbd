import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDigits } from '../../lib/format';
import type { ScheduleWindow, Weekday } from '../../../../src-shared/contract/schedule';
import { DAYS, SLOTS, slotsOf, windowsFromSlots } from './windows';

interface Props {
  windows: ScheduleWindow[];
  editable: boolean;
  onChange(windows: ScheduleWindow[]): void;
}

/**
 * Seven rows of 48 half-hours. Press on a cell and drag along the row to open (or, starting on an
 * open cell, close) a stretch; arrows move between cells and Space toggles one, for the keyboard.
 */
export function WeekGrid({ windows, editable, onChange }: Props) {
  const { t } = useTranslation();
  const [drag, setDrag] = useState<{ day: Weekday; from: number; to: number; open: boolean } | null>(null);
  const [cursor, setCursor] = useState({ row: 0, col: 18 });
  const gridRef = useRef<HTMLDivElement>(null);

  const applyRun = (day: Weekday, a: number, b: number, open: boolean) => {
    const slots = slotsOf(windows, day);
    for (let i = Math.min(a, b); i <= Math.max(a, b); i++) slots[i] = open;
    onChange([...windows.filter((w) => w.day !== day), ...windowsFromSlots(day, slots)]);
  };

  const finish = () => {
    if (drag) applyRun(drag.day, drag.from, drag.to, drag.open);
    setDrag(null);
  };

  const onKey = (e: React.KeyboardEvent) => {
    const moves: Record<string, [number, number]> = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    if (moves[e.key]) {
      e.preventDefault();
      const [dr, dc] = moves[e.key];
      setCursor((c) => ({ row: (c.row + dr + 7) % 7, col: (c.col + dc + SLOTS) % SLOTS }));
    } else if ((e.key === ' ' || e.key === 'Enter') && editable) {
      e.preventDefault();
      const day = DAYS[cursor.row].key;
      applyRun(day, cursor.col, cursor.col, !slotsOf(windows, day)[cursor.col]);
    }
  };

  const cursorDay = DAYS[cursor.row];
  const cursorOpen = slotsOf(windows, cursorDay.key)[cursor.col];
  const cursorTime = `${String(Math.floor(cursor.col / 2)).padStart(2, '0')}:${cursor.col % 2 ? '30' : '00'}`;

  return (
    <div
      className={`week-grid ${editable ? 'is-editable' : ''}`}
      ref={gridRef}
      tabIndex={0}
      role="group"
      aria-label={t('schedule.grid')}
      aria-describedby="week-grid-cursor"
      onKeyDown={onKey}
      onMouseLeave={finish}
      onMouseUp={finish}
    >
      <span id="week-grid-cursor" className="sr-only" aria-live="polite">
        {cursorDay.label} {formatDigits(cursorTime)}: {cursorOpen ? t('schedule.open') : t('schedule.closed')}
      </span>
      <div className="wg-hours" aria-hidden="true">
        <span />
        {Array.from({ length: 24 }, (_, h) => (
          <span key={h} className="wg-hour">
            {h % 3 === 0 ? formatDigits(String(h).padStart(2, '0')) : ''}
          </span>
        ))}
      </div>
      {DAYS.map((d, row) => {
        const slots = slotsOf(windows, d.key);
        return (
          <div className="wg-row" key={d.key}>
            <span className="wg-day">{d.short}</span>
            {slots.map((open, col) => {
              const inDrag = drag && drag.day === d.key && col >= Math.min(drag.from, drag.to) && col <= Math.max(drag.from, drag.to);
              const shown = inDrag ? drag.open : open;
              const isCursor = cursor.row === row && cursor.col === col;
              return (
                <span
                  key={col}
                  className={`wg-cell ${shown ? 'open' : ''} ${col % 2 ? '' : 'hour-start'} ${isCursor ? 'cursor' : ''}`}
                  onMouseDown={(e) => {
                    if (!editable) return;
                    e.preventDefault();
                    gridRef.current?.focus();
                    setCursor({ row, col });
                    setDrag({ day: d.key, from: col, to: col, open: !open });
                  }}
                  onMouseEnter={() => drag && drag.day === d.key && setDrag({ ...drag, to: col })}
                />
              );
            })}
          </div>
        );
      })}
    </div>
  );
}
