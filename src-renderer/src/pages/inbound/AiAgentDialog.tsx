import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AiAgentDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { FormDialog } from '../../components/Dialog';
import { CheckboxField, TextAreaField, TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';
import { asciiDigits } from '../../lib/format';

/** What the temperature field holds, typed in either digits (۰٫۴ as 0.4); NaN when it is no number. */
const readTemperature = (text: string) => (text.trim() === '' ? NaN : Number(asciiDigits(text.trim()).replace('\u066b', '.')));

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
  const { t } = useTranslation();
  const [name, setName] = useState(agent?.name ?? '');
  const [systemPrompt, setSystemPrompt] = useState(agent?.systemPrompt ?? '');
  const [greeting, setGreeting] = useState(agent?.greeting ?? '');
  const [language, setLanguage] = useState(agent?.language ?? 'en-US');
  const [voice, setVoice] = useState(agent?.voice ?? '');
  const [temperature, setTemperature] = useState(String(agent?.temperature ?? 0.7));
  const [isActive, setIsActive] = useState(agent?.isActive ?? true);
  const [problem, setProblem] = useState<string | null>(null);

  const save = useAction(() => {
    const fields = { name, systemPrompt, greeting, language, voice, temperature: readTemperature(temperature), isActive };
    return agent
      ? api.call('aiAgents.update', { companyId, id: agent.id, ...fields })
      : api.call('aiAgents.create', { companyId, ...fields });
  });
  const submit = async () => {
    const value = readTemperature(temperature);
    if (!Number.isFinite(value) || value < 0 || value > 2) return setProblem(t('aiAgents.badTemperature'));
    setProblem(null);
    const saved = await save.run();
    if (saved) {
      toast(t('common.saved', { name: saved.name }));
      onSaved();
    }
  };

  return (
    <FormDialog
      open
      wide
      title={agent ? t('common.editLabel', { name: agent.name }) : t('aiAgents.new')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={agent ? t('common.save') : t('aiAgents.add')}
      busy={save.busy}
      error={problem ?? save.error}
    >
      <div className="form-grid">
        <TextField label={t('aiAgents.name')} maxLength={120} value={name} onChange={(e) => setName(e.target.value)} autoFocus required />
        <TextField
          label={t('aiAgents.language')}
          className="mono-input"
          value={language}
          onChange={(e) => setLanguage(e.target.value)}
          hint={t('aiAgents.languageHint')}
        />
        <TextField
          label={t('aiAgents.voice')}
          className="mono-input"
          value={voice}
          onChange={(e) => setVoice(e.target.value)}
          hint={t('aiAgents.voiceHint')}
        />
        <TextField
          label={t('aiAgents.temperature')}
          inputMode="decimal"
          value={temperature}
          onChange={(e) => setTemperature(e.target.value)}
          hint={t('aiAgents.temperatureHint')}
        />
      </div>
      <TextField
        label={t('aiAgents.greeting')}
        dir="auto"
        value={greeting}
        onChange={(e) => setGreeting(e.target.value)}
        hint={t('aiAgents.greetingHint')}
      />
      <TextAreaField
        label={t('aiAgents.systemPrompt')}
        dir="auto"
        value={systemPrompt}
        onChange={(e) => setSystemPrompt(e.target.value)}
        rows={8}
        hint={t('aiAgents.systemPromptHint')}
      />
      <CheckboxField label={t('aiAgents.active')} checked={isActive} onChange={(e) => setIsActive(e.target.checked)} />
    </FormDialog>
  );
}
