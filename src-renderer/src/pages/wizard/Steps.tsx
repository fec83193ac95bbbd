import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  return (
    <div className="form">
      <TextField
        label={t('wizard.company.name')}
        value={d.name}
        maxLength={120}
        autoFocus
        onChange={(e) => set({ name: e.target.value, ...(d.slug === slugFrom(d.name) && { slug: slugFrom(e.target.value) }) })}
      />
      <TextField
        label={t('wizard.company.slug')}
        value={d.slug}
        maxLength={40}
        onChange={(e) => set({ slug: e.target.value })}
        hint={t('wizard.company.slugHint')}
      />
    </div>
  );
}

export function StepRegion({ d, set }: StepProps) {
  const { t } = useTranslation();
  return (
    <div className="form">
      <SelectField
        label={t('wizard.region.timezone')}
        value={d.timezone}
        onChange={(e) => set({ timezone: e.target.value })}
        hint={t('wizard.region.timezoneHint')}
      >
        {timeZones().map((z) => (
          <option key={z}>{z}</option>
        ))}
      </SelectField>
      <TextField
        label={t('wizard.region.currency')}
        value={d.currency}
        list="wizard-currencies"
        maxLength={3}
        onChange={(e) => set({ currency: e.target.value.toUpperCase() })}
        hint={t('wizard.region.currencyHint')}
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
  const { t } = useTranslation();
  return (
    <div className="form">
      <CheckboxField label={t('wizard.hours.always')} checked={d.open24x7} onChange={(e) => set({ open24x7: e.target.checked })} />
      {!d.open24x7 && (
        <>
          <p className="muted small">{t('wizard.hours.hint', { timezone: d.timezone })}</p>
          <WeekGrid windows={d.windows} editable onChange={(windows) => set({ windows })} />
          <DayWindows windows={d.windows} editable onChange={(windows) => set({ windows })} />
        </>
      )}
      <h3 className="step-sub">{t('wizard.hours.exceptions')}</h3>
      <ExceptionsEditor value={d.exceptions} editable onChange={(exceptions) => set({ exceptions })} />
    </div>
  );
}

export function StepBilling({ d, set }: StepProps) {
  const { t } = useTranslation();
  const cur = isCurrency(d.currency) ? d.currency : 'USD';
  return (
    <div className="form">
      <SelectField
        label={t('wizard.billing.mode')}
        value={d.billingMode}
        onChange={(e) => set({ billingMode: e.target.value as BillingMode })}
      >
        <option value="per_call">{t('wizard.billing.perCall')}</option>
        <option value="per_minute">{t('wizard.billing.perMinute')}</option>
      </SelectField>
      <div className="form-row">
        <MoneyField
          label={d.billingMode === 'per_call' ? t('wizard.billing.pricePerCall') : t('wizard.billing.pricePerMinute')}
          currency={cur}
          value={d.price}
          onChange={(price) => set({ price })}
        />
        <MoneyField label={t('wizard.billing.threshold')} currency={cur} value={d.threshold} onChange={(threshold) => set({ threshold })} />
        <MoneyField
          label={t('wizard.billing.opening')}
          currency={cur}
          value={d.openingBalance}
          onChange={(openingBalance) => set({ openingBalance })}
          hint={t('wizard.billing.openingHint')}
        />
      </div>
    </div>
  );
}

export function StepKey({ d, set }: StepProps) {
  const { t } = useTranslation();
  const toggle = (s: 'dialer' | 'inbound', on: boolean) =>
    set({ keyScopes: on ? [...d.keyScopes, s] : d.keyScopes.filter((x) => x !== s) });
  return (
    <div className="form">
      <CheckboxField
        label={t('wizard.key.make')}
        checked={d.makeKey}
        onChange={(e) => set({ makeKey: e.target.checked })}
        hint={t('wizard.key.makeHint')}
      />
      {d.makeKey && (
        <>
          <TextField label={t('wizard.key.name')} maxLength={120} value={d.keyName} onChange={(e) => set({ keyName: e.target.value })} />
          <CheckboxField
            label={t('wizard.key.dialer')}
            checked={d.keyScopes.includes('dialer')}
            onChange={(e) => toggle('dialer', e.target.checked)}
          />
          <CheckboxField
            label={t('wizard.key.inbound')}
            checked={d.keyScopes.includes('inbound')}
            onChange={(e) => toggle('inbound', e.target.checked)}
          />
        </>
      )}
    </div>
  );
}
