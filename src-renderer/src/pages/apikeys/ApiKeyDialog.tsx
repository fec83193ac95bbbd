import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiScope } from '../../../../src-shared/contract/apikeys';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { FormDialog } from '../../components/Dialog';
import { CheckboxField, TextField } from '../../components/Field';

export function ApiKeyDialog({
  companyId,
  companyName,
  allowSiteWide,
  onClose,
  onCreated,
}: {
  companyId: number;
  companyName: string;
  allowSiteWide: boolean;
  onClose(): void;
  onCreated(key: string, name: string): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(() => t('apiKeys.dialog.defaultName'));
  const [scopes, setScopes] = useState<ApiScope[]>(['dialer']);
  const [siteWide, setSiteWide] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const save = useAction(() => api.call('apikeys.create', { companyId: siteWide ? null : companyId, name, scopes }), {
    fields: ['name', 'scopes'],
  });
  const toggle = (s: ApiScope, on: boolean) => setScopes(on ? [...scopes, s] : scopes.filter((x) => x !== s));
  const submit = async () => {
    if (scopes.length === 0) return setProblem(t('apiKeys.dialog.noScope'));
    setProblem(null);
    const made = await save.run();
    if (made) onCreated(made.key, made.apiKey.name);
  };
  return (
    <FormDialog
      open
      title={t('apiKeys.new')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('apiKeys.dialog.submit')}
      busy={save.busy}
      error={problem ?? save.error}
    >
      <TextField
        label={t('apiKeys.dialog.name')}
        maxLength={120}
        required
        error={save.fieldErrors.name}
        value={name}
        onChange={(e) => setName(e.target.value)}
        autoFocus
        hint={t('apiKeys.dialog.nameHint')}
      />
      <fieldset className="fieldset">
        <legend className="field-label">{t('apiKeys.dialog.uses')}</legend>
        <CheckboxField
          label={t('apiKeys.dialog.dialer')}
          checked={scopes.includes('dialer')}
          onChange={(e) => toggle('dialer', e.target.checked)}
        />
        <CheckboxField
          label={t('apiKeys.dialog.inbound')}
          checked={scopes.includes('inbound')}
          onChange={(e) => toggle('inbound', e.target.checked)}
        />
      </fieldset>
      {allowSiteWide && (
        <CheckboxField
          label={t('apiKeys.dialog.siteWide')}
          checked={siteWide}
          onChange={(e) => setSiteWide(e.target.checked)}
          hint={siteWide ? t('apiKeys.dialog.siteWideHint') : t('apiKeys.dialog.companyOnly', { company: companyName })}
        />
      )}
    </FormDialog>
  );
}
