import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_STATUSES, type CallStatus } from '../../../../src-shared/statuses';
import { formatInt } from '../../lib/format';
import { STATUS_COLORS, statusLabel } from '../../lib/statusColors';

/** A compact multi-select of call statuses: a button that opens a checklist. */
export function StatusPicker({ value, onChange }: { value: CallStatus[]; onChange(v: CallStatus[]): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        ref.current?.querySelector('button')?.focus();
      }
    };
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);
  const toggle = (s: CallStatus) =>
    onChange(value.includes(s) ? value.filter((x) => x !== s) : CALL_STATUSES.filter((x) => x === s || value.includes(x)));
  const label =
    value.length === 0
      ? t('calls.filters.anyStatus')
      : value.length === 1
        ? statusLabel(value[0])
        : t('calls.filters.statuses', { count: formatInt(value.length) });
  return (
    <div
      className="field status-picker"
      ref={ref}
      onBlur={(e) => {
        if (!ref.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <span className="field-label" id="status-picker-label">
        {t('calls.filters.status')}
      </span>
      <button
        type="button"
        className="input picker-button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-labelledby="status-picker-label status-picker-value"
        onClick={() => setOpen(!open)}
      >
        <span id="status-picker-value">{label}</span>
        <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <fieldset className="picker-panel">
          <legend className="sr-only">{t('calls.filters.statusesLegend')}</legend>
          {CALL_STATUSES.map((s) => (
            <label key={s} className="picker-option">
              <input type="checkbox" checked={value.includes(s)} onChange={() => toggle(s)} />
              <span className="status-dot" style={{ background: STATUS_COLORS[s] }} aria-hidden="true" />
              {statusLabel(s)}
            </label>
          ))}
          <button type="button" className="link-button" onClick={() => onChange([])}>
            {t('calls.filters.clear')}
          </button>
        </fieldset>
      )}
    </div>
  );
}
