import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Badge, Card } from '../../components/Card';
import { ErrorNote, QueryView } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { useUnsavedGuard } from '../../lib/guard';
import { toast } from '../../components/Toaster';

/** The site-wide realtime model every AI agent talks through; the key is write-only. */
export function LlmSettingsCard({ onSaved }: { onSaved?(): void } = {}) {
  const { t } = useTranslation();
  const settings = useQuery(() => api.call('inbound.llmSettings', {}), []);
  return (
    <Card title={t('aiAgents.llm.title')} subtitle={t('aiAgents.llm.subtitle')}>
      <QueryView query={settings}>
        {(s) => (
          <LlmForm
            model={s.model}
            keySet={s.apiKeySet}
            hint={s.apiKeyHint}
            onSaved={() => {
              void settings.reload();
              onSaved?.();
            }}
          />
        )}
      </QueryView>
    </Card>
  );
}

function LlmForm({ model: initialModel, keySet, hint, onSaved }: { model: string; keySet: boolean; hint: string | null; onSaved(): void }) {
  const { t } = useTranslation();
  const [model, setModel] = useState(initialModel);
  const [apiKey, setApiKey] = useState('');
  useUnsavedGuard(model !== initialModel || apiKey !== '');
  const save = useAction((clear: boolean) =>
    api.call('inbound.updateLlmSettings', {
      model: model.trim(),
      ...(clear ? { apiKey: null } : apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
    }),
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await save.run(false)) {
      setApiKey('');
      toast(t('aiAgents.llm.saved'));
      onSaved();
    }
  };
  return (
    <form className="form" onSubmit={submit}>
      {save.error && <ErrorNote message={save.error} />}
      <TextField label={t('aiAgents.llm.model')} className="mono-input" value={model} onChange={(e) => setModel(e.target.value)} />
      <TextField
        label={t('aiAgents.llm.apiKey')}
        type="password"
        autoComplete="off"
        value={apiKey}
        onChange={(e) => setApiKey(e.target.value)}
        placeholder={keySet ? t('aiAgents.llm.keyPlaceholderSet', { hint: hint ?? '…' }) : t('aiAgents.llm.keyPlaceholderNotSet')}
        hint={t('aiAgents.llm.keyHint')}
      />
      <div className="form-actions">
        {keySet ? <Badge tone="ok">{t('aiAgents.llm.keySet')}</Badge> : <Badge tone="warn">{t('aiAgents.llm.noKey')}</Badge>}
        <span className="spacer" />
        {keySet && (
          <Button variant="danger" onClick={() => void save.run(true).then((r) => r && onSaved())}>
            {t('aiAgents.llm.removeKey')}
          </Button>
        )}
        <Button type="submit" variant="primary" busy={save.busy}>
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}
