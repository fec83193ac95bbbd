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

/** The one select the pickers share: only their options differ. */
function Picker({ children, ...p }: PickerProps & { children: ReactNode }) {
  return (
    <SelectField
      label={p.label}
      value={p.value}
      onChange={(e) => p.onChange(e.target.value)}
      hint={p.hint}
      error={p.error}
      disabled={p.disabled}
    >
      {children}
    </SelectField>
  );
}

/** An ISO 4217 currency, chosen from the list (never typed: "rials" was read as RIA). */
export function CurrencyPicker(p: PickerProps) {
  return (
    <Picker {...p}>
      {currencies().map((c) => (
        <option key={c} value={c}>
          {currencyLabel(c)}
        </option>
      ))}
    </Picker>
  );
}

/** A country for national numbers, or none (numbers then need their country code). */
export function CountryPicker({ noneLabel, ...p }: PickerProps & { noneLabel?: string }) {
  const { t } = useTranslation();
  return (
    <Picker {...p}>
      <option value="">{noneLabel ?? t('companies.form.noCountry')}</option>
      {countries().map((c) => (
        <option key={c.code} value={c.code}>
          {c.name} ({c.code})
        </option>
      ))}
    </Picker>
  );
}

export function TimeZonePicker(p: PickerProps) {
  return (
    <Picker {...p}>
      {timeZones().map((z) => (
        <option key={z}>{z}</option>
      ))}
    </Picker>
  );
}
