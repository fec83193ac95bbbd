import { useState } from 'react';
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
      if (v === null || v < 0) problems[key] = `Not an amount in ${currency}.`;
      else parsed[key] = v;
    }
    setAmountErrors(problems);
    if (Object.keys(problems).length) return save.clearError();
    const fields = { name: name.trim(), timezone, currency, billingMode, defaultCountry: country || null, ...parsed };
    const saved = await save.run(fields);
    if (saved) {
      toast(company ? `${saved.name} saved` : `${saved.name} created`);
      onSaved(saved);
    }
  };
  const err = (field: string) => amountErrors[field] ?? save.fieldErrors[field];

  return (
    <FormDialog
      open
      title={company ? `Edit ${company.name}` : 'New company'}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={company ? 'Save' : 'Create company'}
      busy={save.busy}
      error={save.error}
      wide
    >
      <div className="form-grid">
        <TextField
          label="Name"
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
          label="Slug"
          value={slug}
          disabled={!!company}
          maxLength={40}
          error={err('slug')}
          hint={company ? 'The slug dialers send; it cannot change.' : 'What dialers send: lowercase letters, digits, hyphens.'}
          onChange={(e) => {
            setSlugTouched(true);
            setSlug(e.target.value);
          }}
          required
        />
        <TimeZonePicker
          label="Time zone"
          value={timezone}
          onChange={setTimezone}
          error={err('timezone')}
          hint="Hours, the dashboard's days and all times use this zone."
        />
        <CurrencyPicker label="Currency" value={currency} onChange={setCurrency} error={err('currency')} />
        <CountryPicker
          label="Default country"
          value={country}
          onChange={setCountry}
          error={err('defaultCountry')}
          hint="How numbers typed without their country code are read: imports, searches, inbound numbers."
        />
        <SelectField label="Billing" value={billingMode} onChange={(e) => setBillingMode(e.target.value as BillingMode)}>
          <option value="per_call">Per billable call</option>
          <option value="per_minute">Per started minute</option>
        </SelectField>
        {billingMode === 'per_call' ? (
          <MoneyField
            label="Cost per billable call"
            currency={currency}
            value={perCall}
            onChange={setPerCall}
            error={err('costPerBillable')}
          />
        ) : (
          <MoneyField label="Cost per minute" currency={currency} value={perMinute} onChange={setPerMinute} error={err('costPerMinute')} />
        )}
        <MoneyField
          label="Low-balance warning below"
          currency={currency}
          value={threshold}
          onChange={setThreshold}
          error={err('lowBalanceThreshold')}
          hint="The dashboard warns when the wallet drops under this."
        />
      </div>
    </FormDialog>
  );
}
