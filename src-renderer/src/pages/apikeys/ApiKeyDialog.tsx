import { useState } from 'react';
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
  const [name, setName] = useState('dialers');
  const [scopes, setScopes] = useState<ApiScope[]>(['dialer']);
  const [siteWide, setSiteWide] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const save = useAction(() => api.call('apikeys.create', { companyId: siteWide ? null : companyId, name, scopes }));
  const toggle = (s: ApiScope, on: boolean) => setScopes(on ? [...scopes, s] : scopes.filter((x) => x !== s));
  const submit = async () => {
    if (scopes.length === 0) return setProblem('Choose at least one use: dialer or inbound.');
    setProblem(null);
    const made = await save.run();
    if (made) onCreated(made.key, made.apiKey.name);
  };
  return (
    <FormDialog
      open
      title="New API key"
      onClose={onClose}
      onSubmit={submit}
      submitLabel="Create key"
      busy={save.busy}
      error={problem ?? save.error}
    >
      <TextField
        label="Name"
        maxLength={120}
        value={name}
        onChange={(e) => setName(e.target.value)}
        autoFocus
        hint="Which machine uses it, e.g. “dialer room 2”."
      />
      <fieldset className="fieldset">
        <legend className="field-label">May be used for</legend>
        <CheckboxField
          label="Dialer: take numbers, report results"
          checked={scopes.includes('dialer')}
          onChange={(e) => toggle('dialer', e.target.checked)}
        />
        <CheckboxField
          label="Inbound: the telephony server's lookups and webhooks"
          checked={scopes.includes('inbound')}
          onChange={(e) => toggle('inbound', e.target.checked)}
        />
      </fieldset>
      {allowSiteWide && (
        <CheckboxField
          label="Site-wide: acts for every company"
          checked={siteWide}
          onChange={(e) => setSiteWide(e.target.checked)}
          hint={siteWide ? 'A site-wide key can report for any company. Prefer a company key.' : `The key acts for ${companyName} only.`}
        />
      )}
    </FormDialog>
  );
}
