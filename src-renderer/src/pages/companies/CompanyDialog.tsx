import { useState } from 'react';
import type { BillingMode, CompanyDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { FormDialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { MoneyField } from '../../components/MoneyInput';
import { toast } from '../../components/Toaster';
import { moneyInputValue, parseMoney } from '../../lib/format';
import { COMMON_CURRENCIES, isCurrency, localTimeZone, timeZones } from '../../lib/zones';

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

function CompanyForm({ company, onClose, onSaved }: Omit<Props, 'open'>) {
  const [name, setName] = useState(company?.name ?? '');
  const [slug, setSlug] = useState(company?.slug ?? '');
  const [slugTouched, setSlugTouched] = useState(false);
  const [timezone, setTimezone] = useState(company?.timezone ?? localTimeZone());
  const [currency, setCurrency] = useState(company?.currency ?? 'USD');
  const [billingMode, setBillingMode] = useState<BillingMode>(company?.billingMode ?? 'per_call');
  const cur = isCurrency(currency) ? currency : 'USD';
  const [perCall, setPerCall] = useState(company ? moneyInputValue(company.costPerBillable, company.currency) : '');
  const [perMinute, setPerMinute] = useState(company ? moneyInputValue(company.costPerMinute, company.currency) : '');
  const [threshold, setThreshold] = useState(company ? moneyInputValue(company.lowBalanceThreshold, company.currency) : '');
  const [problem, setProblem] = useState<string | null>(null);

  const save = useAction(async () => {
    const amounts = { costPerBillable: perCall, costPerMinute: perMinute, lowBalanceThreshold: threshold };
    const parsed: Record<string, number> = {};
    for (const [key, text] of Object.entries(amounts)) {
      const v = text.trim() === '' ? 0 : parseMoney(text, cur);
      if (v === null || v < 0) throw new Error(`"${text}" is not an amount in ${cur}.`);
      parsed[key] = v;
    }
    const fields = { name: name.trim(), timezone, currency: currency.trim().toUpperCase(), billingMode, ...parsed };
    return company
      ? api.call('companies.update', { companyId: company.id, ...fields })
      : api.call('companies.create', { slug: slug.trim(), ...fields });
  });

  const submit = async () => {
    if (!isCurrency(currency.trim().toUpperCase())) return setProblem('Currency is a three-letter code such as USD or EUR.');
    setProblem(null);
    const saved = await save.run();
    if (saved) {
      toast(company ? `${saved.name} saved` : `${saved.name} created`);
      onSaved(saved);
    }
  };

  return (
    <FormDialog
      open
      title={company ? `Edit ${company.name}` : 'New company'}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={company ? 'Save' : 'Create company'}
      busy={save.busy}
      error={problem ?? save.error}
      wide
    >
      <div className="form-grid">
        <TextField
          label="Name"
          value={name}
          autoFocus
          required
          onChange={(e) => {
            setName(e.target.value);
            if (!company && !slugTouched) setSlug(slugFrom(e.target.value));
          }}
        />
        <TextField
          label="Slug"
          value={slug}
          disabled={!!company}
          hint={company ? 'The slug dialers send; it cannot change.' : 'What dialers send: lowercase letters, digits, hyphens.'}
          onChange={(e) => {
            setSlugTouched(true);
            setSlug(e.target.value);
          }}
          required
        />
        <SelectField
          label="Time zone"
          value={timezone}
          onChange={(e) => setTimezone(e.target.value)}
          hint="Hours, the dashboard's days and all times use this zone."
        >
          {timeZones().map((z) => (
            <option key={z}>{z}</option>
          ))}
        </SelectField>
        <TextField
          label="Currency"
          value={currency}
          list="currency-codes"
          maxLength={3}
          onChange={(e) => setCurrency(e.target.value.toUpperCase())}
          hint="ISO code: USD, EUR, IRR…"
        />
        <datalist id="currency-codes">
          {COMMON_CURRENCIES.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <SelectField label="Billing" value={billingMode} onChange={(e) => setBillingMode(e.target.value as BillingMode)}>
          <option value="per_call">Per billable call</option>
          <option value="per_minute">Per started minute</option>
        </SelectField>
        {billingMode === 'per_call' ? (
          <MoneyField label="Cost per billable call" currency={cur} value={perCall} onChange={setPerCall} />
        ) : (
          <MoneyField label="Cost per minute" currency={cur} value={perMinute} onChange={setPerMinute} />
        )}
        <MoneyField
          label="Low-balance warning below"
          currency={cur}
          value={threshold}
          onChange={setThreshold}
          hint="The dashboard warns when the wallet drops under this."
        />
      </div>
    </FormDialog>
  );
}
