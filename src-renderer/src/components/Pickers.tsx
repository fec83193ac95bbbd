import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { countries, currencies, currencyLabel, timeZones } from '../lib/zones';
import { SelectField } from './Field';

interface PickerProps {
  label: string;
  value: string;
  onChange(v: string): void;
  hint?: ReactNode;
  error?: string | null;
  disabled?: boolean;
}

/** An ISO 4217 currency, chosen from the list (never typed: "rials" was read as RIA). */
export function CurrencyPicker(p: PickerProps) {
  return (
    <SelectField
      label={p.label}
      value={p.value}
      onChange={(e) => p.onChange(e.target.value)}
      hint={p.hint}
      error={p.error}
      disabled={p.disabled}
    >
      {currencies().map((c) => (
        <option key={c} value={c}>
          {currencyLabel(c)}
        </option>
      ))}
    </SelectField>
  );
}

/** A country for national numbers, or none (numbers then need their country code). */
export function CountryPicker(p: PickerProps & { noneLabel?: string }) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={p.label}
      value={p.value}
      onChange={(e) => p.onChange(e.target.value)}
      hint={p.hint}
      error={p.error}
      disabled={p.disabled}
    >
      <option value="">{p.noneLabel ?? t('companies.form.noCountry')}</option>
      {countries().map((c) => (
        <option key={c.code} value={c.code}>
          {c.name} ({c.code})
        </option>
      ))}
    </SelectField>
  );
}

export function TimeZonePicker(p: PickerProps) {
  return (
    <SelectField
      label={p.label}
      value={p.value}
      onChange={(e) => p.onChange(e.target.value)}
      hint={p.hint}
      error={p.error}
      disabled={p.disabled}
    >
      {timeZones().map((z) => (
        <option key={z}>{z}</option>
      ))}
    </SelectField>
  );
}
