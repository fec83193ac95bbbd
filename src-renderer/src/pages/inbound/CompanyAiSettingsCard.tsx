import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDto, InboundSettingsDto, InboundSettingsPatch, SecretStatusDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Badge, Card } from '../../components/Card';
import { ErrorNote, QueryView } from '../../components/Feedback';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { MoneyField } from '../../components/MoneyInput';
import { moneyInputValue, parseMoney } from '../../lib/format';
import { useUnsavedGuard } from '../../lib/guard';
import { toast } from '../../components/Toaster';

type SecretName = 'llmApiKey' | 'webhookSecret' | 'jambonzApiKey';
const FIELDS = ['llmVendor', 'llmModel', 'llmHost', 'llmApiKey', 'webhookSecret', 'jambonzApiUrl', 'jambonzApiKey', 'aiCostPerMinute'];

/**
 * A company's own AI settings (its model and key, the Jambonz webhook secret, Jambonz's REST API,
 * recording, the price of AI minutes), for its admins and the site's owner. Keys are write-only: the
 * card shows whether each is set and its last four characters, and can clear it.
 */
/** The server names what seals keys in English (src-main/index.ts, core.ts); the console words the two it knows. */
const SEALED_WITH: Record<string, 'keyFile' | 'keychain'> = {
  'a key file in the data folder': 'keyFile',
  "the system's keychain": 'keychain',
};

export function CompanyAiSettingsCard({ company, onSaved }: { company: CompanyDto; onSaved?(): void }) {
  const { t } = useTranslation();
  const settings = useQuery(() => api.call('inbound.settings', { companyId: company.id }), [company.id]);
  const sealedWith = (label: string) => (label in SEALED_WITH ? t(`inboundSettings.sealedWith.${SEALED_WITH[label]}`) : label);
  // a new form after each save: what it shows is then what was stored
  const [version, setVersion] = useState(0);
  const saved = async () => {
    await settings.reload();
    setVersion((v) => v + 1);
    onSaved?.();
  };
  return (
    <Card
      title={t('inboundSettings.title')}
      subtitle={settings.data && t('inboundSettings.subtitle', { sealedWith: sealedWith(settings.data.sealedWith) })}
    >
      <QueryView query={settings}>
        {(s) => <SettingsForm key={version} s={s} currency={company.currency} onSaved={() => void saved()} />}
      </QueryView>
    </Card>
  );
}

function SettingsForm({ s, currency, onSaved }: { s: InboundSettingsDto; currency: string; onSaved(): void }) {
  const { t } = useTranslation();
  const initial = {
    vendor: s.llmVendor ?? '',
    model: s.llmModel ?? '',
    host: s.llmHost ?? '',
    url: s.jambonzApiUrl ?? '',
    rate: moneyInputValue(s.aiCostPerMinute, currency),
    record: s.recordCalls,
  };
  const [form, setForm] = useState(initial);
  const [secrets, setSecrets] = useState<Record<SecretName, string>>({ llmApiKey: '', webhookSecret: '', jambonzApiKey: '' });
  const [rateError, setRateError] = useState<string | null>(null);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const changed = (k: keyof typeof form) => form[k] !== initial[k];
  useUnsavedGuard((Object.keys(form) as (keyof typeof form)[]).some(changed) || Object.values(secrets).some((v) => v !== ''));

  const save = useAction((patch: InboundSettingsPatch) => api.call('inbound.updateSettings', patch), { fields: FIELDS });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const rate = parseMoney(form.rate, currency);
    setRateError(rate === null ? t('inboundSettings.badRate') : null);
    if (rate === null) return;
    const orNull = (v: string) => v.trim() || null;
    const patch: InboundSettingsPatch = {
      companyId: s.companyId,
      ...(changed('vendor') && { llmVendor: form.vendor === '' ? null : (form.vendor as 'openai' | 'microsoft') }),
      ...(changed('model') && { llmModel: orNull(form.model) }),
      ...(changed('host') && { llmHost: orNull(form.host) }),
      ...(changed('url') && { jambonzApiUrl: orNull(form.url) }),
      ...(rate !== s.aiCostPerMinute && { aiCostPerMinute: rate }),
      ...(changed('record') && { recordCalls: form.record }),
      ...Object.fromEntries(Object.entries(secrets).filter(([, v]) => v.trim() !== '')),
    };
    if (await save.run(patch)) {
      toast(t('inboundSettings.saved'));
      onSaved();
    }
  };
  const clear = async (name: SecretName) => {
    if (await save.run({ companyId: s.companyId, [name]: null })) {
      toast(t('inboundSettings.cleared', { what: t(`inboundSettings.${name}`) }));
      onSaved();
    }
  };
  const secret = (name: SecretName, hint?: string) => (
    <SecretField
      name={name}
      status={s[name]}
      value={secrets[name]}
      onChange={(v) => setSecrets((x) => ({ ...x, [name]: v }))}
      onClear={() => void clear(name)}
      error={save.fieldErrors[name]}
      hint={hint}
    />
  );

  return (
    <form className="form" onSubmit={submit} aria-label={t('inboundSettings.title')}>
      {save.error && <ErrorNote message={save.error} />}
      <SelectField
        label={t('inboundSettings.vendor')}
        value={form.vendor}
        onChange={(e) => set({ vendor: e.target.value })}
        error={save.fieldErrors.llmVendor}
      >
        <option value="">{t('inboundSettings.vendorSite')}</option>
        <option value="openai">OpenAI</option>
        <option value="microsoft">Azure OpenAI</option>
      </SelectField>
      {form.vendor !== '' && (
        <>
          <TextField
            label={t('inboundSettings.model')}
            value={form.model}
            onChange={(e) => set({ model: e.target.value })}
            hint={t('inboundSettings.modelHint')}
            error={save.fieldErrors.llmModel}
          />
          {form.vendor === 'microsoft' && (
            <TextField
              label={t('inboundSettings.host')}
              value={form.host}
              onChange={(e) => set({ host: e.target.value })}
              error={save.fieldErrors.llmHost}
            />
          )}
          {secret('llmApiKey')}
        </>
      )}
      {secret('webhookSecret', t('inboundSettings.webhookSecretHint'))}
      <TextField
        label={t('inboundSettings.jambonzApiUrl')}
        value={form.url}
        onChange={(e) => set({ url: e.target.value })}
        hint={t('inboundSettings.jambonzApiUrlHint')}
        error={save.fieldErrors.jambonzApiUrl}
        inputMode="url"
      />
      {secret('jambonzApiKey')}
      <CheckboxField label={t('inboundSettings.recordCalls')} checked={form.record} onChange={(e) => set({ record: e.target.checked })} />
      <MoneyField
        label={t('inboundSettings.rate')}
        currency={currency}
        value={form.rate}
        onChange={(rate) => set({ rate })}
        hint={t('inboundSettings.rateHint')}
        error={rateError ?? save.fieldErrors.aiCostPerMinute}
      />
      <div className="form-actions">
        <span className="spacer" />
        <Button type="submit" variant="primary" busy={save.busy}>
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}

/** A write-only secret: typed to set it, never shown; the status says whether one is set and how it ends. */
function SecretField(props: {
  name: SecretName;
  status: SecretStatusDto;
  value: string;
  onChange(v: string): void;
  onClear(): void;
  error?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  const { name, status } = props;
  const label = t(`inboundSettings.${name}`);
  const state = status.set
    ? t(status.readable ? 'inboundSettings.keySet' : 'inboundSettings.keySetUnreadable', { hint: status.hint ?? '…' })
    : t('inboundSettings.keyNotSet');
  return (
    <div className="secret-field" data-testid={`secret-${name}`}>
      <TextField
        label={label}
        type="password"
        autoComplete="off"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        error={props.error}
        hint={[props.hint, status.set ? t('inboundSettings.keyKeep') : t('inboundSettings.keyNew')].filter(Boolean).join(' ')}
      />
      <div className="form-actions">
        <Badge tone={status.set ? (status.readable ? 'ok' : 'warn') : 'neutral'}>{state}</Badge>
        {status.set && (
          <Button size="sm" variant="danger" onClick={props.onClear} aria-label={t('inboundSettings.clearNamed', { what: label })}>
            {t('inboundSettings.clear')}
          </Button>
        )}
      </div>
    </div>
  );
}
