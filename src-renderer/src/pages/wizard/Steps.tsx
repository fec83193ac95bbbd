import type { BillingMode } from '../../../../src-shared/contract';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { MoneyField } from '../../components/MoneyInput';
import { COMMON_CURRENCIES, isCurrency, timeZones } from '../../lib/zones';
import { DayWindows } from '../schedule/DayWindows';
import { ExceptionsEditor } from '../schedule/ExceptionsEditor';
import { WeekGrid } from '../schedule/WeekGrid';
import type { WizardDraft } from './wizardState';

export interface StepProps {
  d: WizardDraft;
  set(patch: Partial<WizardDraft>): void;
}

const slugFrom = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40);

export function StepCompany({ d, set }: StepProps) {
  return (
    <div className="form">
      <TextField
        label="Company name"
        value={d.name}
        autoFocus
        onChange={(e) => set({ name: e.target.value, ...(d.slug === slugFrom(d.name) && { slug: slugFrom(e.target.value) }) })}
      />
      <TextField
        label="Slug"
        value={d.slug}
        onChange={(e) => set({ slug: e.target.value })}
        hint="What dialers send to name this company. Lowercase letters, digits and hyphens; it cannot change later."
      />
    </div>
  );
}

export function StepRegion({ d, set }: StepProps) {
  return (
    <div className="form">
      <SelectField
        label="Time zone"
        value={d.timezone}
        onChange={(e) => set({ timezone: e.target.value })}
        hint="Calling hours, the dashboard's days and every time shown use this zone."
      >
        {timeZones().map((z) => (
          <option key={z}>{z}</option>
        ))}
      </SelectField>
      <TextField
        label="Currency"
        value={d.currency}
        list="wizard-currencies"
        maxLength={3}
        onChange={(e) => set({ currency: e.target.value.toUpperCase() })}
        hint="The wallet and prices are kept in this currency."
      />
      <datalist id="wizard-currencies">
        {COMMON_CURRENCIES.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
    </div>
  );
}

export function StepHours({ d, set }: StepProps) {
  return (
    <div className="form">
      <CheckboxField label="Open around the clock (24 × 7)" checked={d.open24x7} onChange={(e) => set({ open24x7: e.target.checked })} />
      {!d.open24x7 && (
        <>
          <p className="muted small">
            Drag across a row to open or close half-hours, or type exact times below. Times are in {d.timezone}.
          </p>
          <WeekGrid windows={d.windows} editable onChange={(windows) => set({ windows })} />
          <DayWindows windows={d.windows} editable onChange={(windows) => set({ windows })} />
        </>
      )}
      <h3 className="step-sub">Exceptions</h3>
      <ExceptionsEditor value={d.exceptions} editable onChange={(exceptions) => set({ exceptions })} />
    </div>
  );
}

export function StepBilling({ d, set }: StepProps) {
  const cur = isCurrency(d.currency) ? d.currency : 'USD';
  return (
    <div className="form">
      <SelectField label="Billing" value={d.billingMode} onChange={(e) => set({ billingMode: e.target.value as BillingMode })}>
        <option value="per_call">Per billable call</option>
        <option value="per_minute">Per started minute</option>
      </SelectField>
      <div className="form-row">
        <MoneyField
          label={d.billingMode === 'per_call' ? 'Price per billable call' : 'Price per minute'}
          currency={cur}
          value={d.price}
          onChange={(price) => set({ price })}
        />
        <MoneyField label="Low-balance warning below" currency={cur} value={d.threshold} onChange={(threshold) => set({ threshold })} />
        <MoneyField
          label="Opening balance"
          currency={cur}
          value={d.openingBalance}
          onChange={(openingBalance) => set({ openingBalance })}
          hint="Recorded as the first top-up."
        />
      </div>
    </div>
  );
}

export function StepKey({ d, set }: StepProps) {
  const toggle = (s: 'dialer' | 'inbound', on: boolean) =>
    set({ keyScopes: on ? [...d.keyScopes, s] : d.keyScopes.filter((x) => x !== s) });
  return (
    <div className="form">
      <CheckboxField
        label="Create an API key for the dialers now"
        checked={d.makeKey}
        onChange={(e) => set({ makeKey: e.target.checked })}
        hint="It is shown once when the company is created."
      />
      {d.makeKey && (
        <>
          <TextField label="Key name" value={d.keyName} onChange={(e) => set({ keyName: e.target.value })} />
          <CheckboxField
            label="Dialer: take numbers, report results"
            checked={d.keyScopes.includes('dialer')}
            onChange={(e) => toggle('dialer', e.target.checked)}
          />
          <CheckboxField
            label="Inbound: the telephony server"
            checked={d.keyScopes.includes('inbound')}
            onChange={(e) => toggle('inbound', e.target.checked)}
          />
        </>
      )}
    </div>
  );
}
