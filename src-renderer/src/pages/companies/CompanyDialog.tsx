import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BillingMode, CompanyDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { FormDialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { CountryPicker, CurrencyPicker, TimeZonePicker } from '../../components/Pickers';
import { MoneyField } from '../../components/MoneyInput';
import { toast } from '../../components/Toaster';
import { moneyInputValue, parseMoney } from '../../lib/format';
import { countryOfZone, localTimeZone } from '../../lib/zones';

interface Props {
  /** null: a new company */
  company: CompanyDto | null;
  open: boolean;
  onClose(): void;
  onSaved(company: CompanyDto): void;
}

export function CompanyDialog({ company, open, onClose, onSaved }: Props) {
  return open ? <CompanyForm key={company?.id ?? 'new'} company={company} onClose={onClose} onSaved={onSaved} /> : null;
}

function slugFrom(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40);
}

const FIELDS = [
  'name',
  'slug',
  'timezone',
  'currency',
  'costPerBillable',
  'costPerMinute',
  'lowBalanceThreshold',
  'defaultCountry',
] as const;

function CompanyForm({ company, onClose, onSaved }: Omit<Props, 'open'>) {
  const { t } = useTranslation();
  const [name, setName] = useState(company?.name ?? '');
  const [slug, setSlug] = useState(company?.slug ?? '');
  const [slugTouched, setSlugTouched] = useState(false);
  const [timezone, setTimezone] = useState(company?.timezone ?? localTimeZone());
  const [currency, setCurrency] = useState(company?.currency ?? 'USD');
  const [country, setCountry] = useState(company ? (company.defaultCountry ?? '') : (countryOfZone(localTimeZone()) ?? ''));
  const [billingMode, setBillingMode] = useState<BillingMode>(company?.billingMode ?? 'per_call');
  const [perCall, setPerCall] = useState(company ? moneyInputValue(company.costPerBillable, company.currency) : '');
  const [perMinute, setPerMinute] = useState(company ? moneyInputValue(company.costPerMinute, company.currency) : '');
  const [threshold, setThreshold] = useState(company ? moneyInputValue(company.lowBalanceThreshold, company.currency) : '');
  const [amountErrors, setAmountErrors] = useState<Record<string, string>>({});

  const save = useAction(
    (fields: Record<string, unknown>) =>
      company
        ? api.call('companies.update', { companyId: company.id, ...fields })
        : api.call('companies.create', { slug: slug.trim(), ...(fields as { name: string }) }),
    { fields: FIELDS },
  );

  const submit = async () => {
    // only the price the form shows is read: the other billing mode's field is hidden and must not
    // refuse the save (a USD "0.75" per minute is no amount in IRR); a new company gets 0 there
    const shown: Record<string, string> = billingMode === 'per_call' ? { costPerBillable: perCall } : { costPerMinute: perMinute };
    const amounts: Record<string, string> = { ...shown, lowBalanceThreshold: threshold };
    const parsed: Record<string, number> = {};
    const problems: Record<string, string> = {};
    for (const [key, text] of Object.entries(amounts)) {
      const v = text.trim() === '' ? 0 : parseMoney(text, currency);
      if (v === null || v < 0) problems[key] = t('companies.form.badAmount', { currency });
      else parsed[key] = v;
    }
    setAmountErrors(problems);
    if (Object.keys(problems).length) return save.clearError();
    const fields = { name: name.trim(), timezone, currency, billingMode, defaultCountry: country || null, ...parsed };
    const saved = await save.run(fields);
    if (saved) {
      toast(t(company ? 'common.saved' : 'companies.form.created', { name: saved.name }));
      onSaved(saved);
    }
  };
  const err = (field: string) => amountErrors[field] ?? save.fieldErrors[field];

  return (
    <FormDialog
      open
      title={company ? t('common.editLabel', { name: company.name }) : t('companies.form.newTitle')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={company ? t('common.save') : t('companies.form.create')}
      busy={save.busy}
      error={save.error}
      wide
    >
      <div className="form-grid">
        <TextField
          label={t('companies.form.name')}
          value={name}
          autoFocus
          required
          maxLength={120}
          error={err('name')}
          onChange={(e) => {
            setName(e.target.value);
            if (!company && !slugTouched) setSlug(slugFrom(e.target.value));
          }}
        />
        <TextField
          label={t('companies.form.slug')}
          value={slug}
          disabled={!!company}
          maxLength={40}
          error={err('slug')}
          hint={company ? t('companies.form.slugFixed') : t('companies.form.slugHint')}
          onChange={(e) => {
            setSlugTouched(true);
            setSlug(e.target.value);
          }}
          required
        />
        <TimeZonePicker
          label={t('companies.form.timezone')}
          value={timezone}
          onChange={setTimezone}
          error={err('timezone')}
          hint={t('companies.form.timezoneHint')}
        />
        <CurrencyPicker label={t('companies.form.currency')} value={currency} onChange={setCurrency} error={err('currency')} />
        <CountryPicker
          label={t('companies.form.country')}
          value={country}
          onChange={setCountry}
          error={err('defaultCountry')}
          hint={t('companies.form.countryHint')}
        />
        <SelectField
          label={t('companies.form.billing')}
          value={billingMode}
          onChange={(e) => setBillingMode(e.target.value as BillingMode)}
        >
          <option value="per_call">{t('companies.form.perCall')}</option>
          <option value="per_minute">{t('companies.form.perMinute')}</option>
        </SelectField>
        {billingMode === 'per_call' ? (
          <MoneyField
            label={t('companies.form.costPerCall')}
            currency={currency}
            value={perCall}
            onChange={setPerCall}
            error={err('costPerBillable')}
          />
        ) : (
          <MoneyField
            label={t('companies.form.costPerMinute')}
            currency={currency}
            value={perMinute}
            onChange={setPerMinute}
            error={err('costPerMinute')}
          />
        )}
        <MoneyField
          label={t('companies.form.threshold')}
          currency={currency}
          value={threshold}
          onChange={setThreshold}
          error={err('lowBalanceThreshold')}
          hint={t('companies.form.thresholdHint')}
        />
      </div>
    </FormDialog>
  );
}
