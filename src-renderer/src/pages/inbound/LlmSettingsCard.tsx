import { useState, type FormEvent } from 'react';
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
  const settings = useQuery(() => api.call('inbound.llmSettings', {}), []);
  return (
    <Card title="Voice model connection" subtitle="Site-wide: every company's AI agents use it.">
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
      toast('Voice model connection saved');
      onSaved();
    }
  };
  return (
    <form className="form" onSubmit={submit}>
      {save.error && <ErrorNote message={save.error} />}
      <TextField label="Model" value={model} onChange={(e) => setModel(e.target.value)} />
      <TextField
        label="API key"
        type="password"
        autoComplete="off"
        value={apiKey}
        onChange={(e) => setApiKey(e.target.value)}
        placeholder={keySet ? `set, ends in ${hint ?? '…'}` : 'not set'}
        hint="Stored on this desk and never shown again. Leave empty to keep the current key."
      />
      <div className="form-actions">
        {keySet ? <Badge tone="ok">Key set</Badge> : <Badge tone="warn">No key: AI agents cannot answer</Badge>}
        <span className="spacer" />
        {keySet && (
          <Button variant="danger" onClick={() => void save.run(true).then((r) => r && onSaved())}>
            Remove key
          </Button>
        )}
        <Button type="submit" variant="primary" busy={save.busy}>
          Save
        </Button>
      </div>
    </form>
  );
}
