import type { ReactNode } from 'react';
import { TextField } from './Field';

/**
 * An amount typed in major units ("12.50") next to its currency. The caller keeps the text and
 * converts it with parseMoney on submit, so half-typed values never jump around.
 */
export function MoneyField({
  label,
  currency,
  value,
  onChange,
  hint,
  error,
  autoFocus,
}: {
  label: string;
  currency: string;
  value: string;
  onChange(v: string): void;
  hint?: ReactNode;
  error?: string | null;
  autoFocus?: boolean;
}) {
  return (
    <div className="money-field">
      <TextField
        label={`${label} (${currency})`}
        inputMode="decimal"
        className="num-input"
        value={value}
        maxLength={24}
        onChange={(e) => onChange(e.target.value)}
        hint={hint}
        error={error}
        autoFocus={autoFocus}
      />
    </div>
  );
}
