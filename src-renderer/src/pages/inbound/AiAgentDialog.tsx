import { useState } from 'react';
import type { AiAgentDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { FormDialog } from '../../components/Dialog';
import { CheckboxField, TextAreaField, TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';

export function AiAgentDialog({
  companyId,
  agent,
  onClose,
  onSaved,
}: {
  companyId: number;
  agent: AiAgentDto | null;
  onClose(): void;
  onSaved(): void;
}) {
  const [name, setName] = useState(agent?.name ?? '');
  const [systemPrompt, setSystemPrompt] = useState(agent?.systemPrompt ?? '');
  const [greeting, setGreeting] = useState(agent?.greeting ?? '');
  const [language, setLanguage] = useState(agent?.language ?? 'en-US');
  const [voice, setVoice] = useState(agent?.voice ?? '');
  const [temperature, setTemperature] = useState(String(agent?.temperature ?? 0.7));
  const [isActive, setIsActive] = useState(agent?.isActive ?? true);
  const [problem, setProblem] = useState<string | null>(null);

  const save = useAction(() => {
    const fields = { name, systemPrompt, greeting, language, voice, temperature: Number(temperature), isActive };
    return agent
      ? api.call('aiAgents.update', { companyId, id: agent.id, ...fields })
      : api.call('aiAgents.create', { companyId, ...fields });
  });
  const submit = async () => {
    const t = Number(temperature);
    if (temperature.trim() === '' || !Number.isFinite(t) || t < 0 || t > 2)
      return setProblem('Temperature is a number from 0 (steady) to 2 (inventive).');
    setProblem(null);
    const saved = await save.run();
    if (saved) {
      toast(`${saved.name} saved`);
      onSaved();
    }
  };

  return (
    <FormDialog
      open
      wide
      title={agent ? `Edit ${agent.name}` : 'New AI agent'}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={agent ? 'Save' : 'Add AI agent'}
      busy={save.busy}
      error={problem ?? save.error}
    >
      <div className="form-grid">
        <TextField label="Name" maxLength={120} value={name} onChange={(e) => setName(e.target.value)} autoFocus required />
        <TextField
          label="Language"
          value={language}
          onChange={(e) => setLanguage(e.target.value)}
          hint="A tag such as en-US, de-DE or fa-IR."
        />
        <TextField
          label="Voice"
          value={voice}
          onChange={(e) => setVoice(e.target.value)}
          hint="The speech vendor's voice name; empty for its default."
        />
        <TextField
          label="Temperature"
          inputMode="decimal"
          value={temperature}
          onChange={(e) => setTemperature(e.target.value)}
          hint="0 answers the same way every time; higher varies more."
        />
      </div>
      <TextField
        label="Greeting"
        value={greeting}
        onChange={(e) => setGreeting(e.target.value)}
        hint="The first sentence a caller hears."
      />
      <TextAreaField
        label="System prompt"
        value={systemPrompt}
        onChange={(e) => setSystemPrompt(e.target.value)}
        rows={8}
        hint="Who the agent is, what it may promise, when it transfers to a department."
      />
      <CheckboxField label="Active: inbound numbers may use it" checked={isActive} onChange={(e) => setIsActive(e.target.checked)} />
    </FormDialog>
  );
}
