import { useState } from 'react';
import type { AiAgentDto, Department, InboundNumberDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { FormDialog } from '../../components/Dialog';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';
import { DepartmentsEditor } from './DepartmentsEditor';

interface Props {
  companyId: number;
  number: InboundNumberDto | null;
  aiAgents: AiAgentDto[];
  onClose(): void;
  onSaved(): void;
}

const orUndefined = (s: string) => (s.trim() === '' ? undefined : s.trim());

export function InboundDialog({ companyId, number, aiAgents, onClose, onSaved }: Props) {
  const [phone, setPhone] = useState(number?.phone ?? '');
  const [region, setRegion] = useState('');
  const [displayName, setDisplayName] = useState(number?.displayName ?? '');
  const [aiAgentId, setAiAgentId] = useState<number | null>(number?.aiAgentId ?? aiAgents.find((a) => a.isActive)?.id ?? null);
  const [supportNumber, setSupportNumber] = useState(number?.supportNumber ?? '');
  const [departments, setDepartments] = useState<Department[]>(number?.departments ?? []);
  const [vendor, setVendor] = useState(number?.voiceSettings.vendor ?? '');
  const [voice, setVoice] = useState(number?.voiceSettings.voice ?? '');
  const [language, setLanguage] = useState(number?.voiceSettings.language ?? '');
  const [closedMessage, setClosedMessage] = useState(number?.voiceSettings.closedMessage ?? '');
  const [isActive, setIsActive] = useState(number?.isActive ?? true);

  const save = useAction(() => {
    const voiceSettings = {
      vendor: orUndefined(vendor),
      voice: orUndefined(voice),
      language: orUndefined(language),
      closedMessage: orUndefined(closedMessage),
    };
    const fields = {
      displayName,
      aiAgentId,
      supportNumber: supportNumber.trim() === '' ? null : supportNumber,
      departments: departments.filter((d) => d.name.trim() || d.transferNumber.trim()),
      voiceSettings: Object.fromEntries(Object.entries(voiceSettings).filter(([, v]) => v !== undefined)),
      isActive,
      ...(region.trim() && { region: region.trim().toUpperCase() }),
    };
    return number
      ? api.call('inbound.update', { companyId, id: number.id, ...(phone !== number.phone && { phone }), ...fields })
      : api.call('inbound.create', { companyId, phone, ...fields });
  });
  const submit = async () => {
    const saved = await save.run();
    if (saved) {
      toast(`${saved.phone} saved`);
      onSaved();
    }
  };

  return (
    <FormDialog
      open
      wide
      title={number ? `Edit ${number.phone}` : 'New inbound number'}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={number ? 'Save' : 'Add number'}
      busy={save.busy}
      error={save.error}
    >
      <div className="form-grid">
        <TextField label="Phone number (DID)" value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" autoFocus required />
        <TextField
          label="Country (if national)"
          value={region}
          maxLength={2}
          placeholder="DE"
          onChange={(e) => setRegion(e.target.value.toUpperCase())}
          hint="For numbers written without +country code."
        />
        <TextField label="Display name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} placeholder="Acme hotline" />
        <SelectField
          label="AI agent"
          value={aiAgentId ?? ''}
          onChange={(e) => setAiAgentId(e.target.value ? Number(e.target.value) : null)}
          hint={aiAgents.length === 0 ? 'Add an AI agent first to answer with one.' : undefined}
        >
          <option value="">None: transfer straight to support</option>
          {aiAgents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
              {a.isActive ? '' : ' (inactive)'}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Support number"
          value={supportNumber}
          onChange={(e) => setSupportNumber(e.target.value)}
          inputMode="tel"
          hint="Where callers go when no department fits."
        />
      </div>
      <DepartmentsEditor value={departments} onChange={setDepartments} />
      <fieldset className="fieldset-box">
        <legend>Voice (overrides the AI agent)</legend>
        <div className="form-grid">
          <TextField label="Speech vendor" value={vendor} onChange={(e) => setVendor(e.target.value)} placeholder="google" />
          <TextField label="Voice name" value={voice} onChange={(e) => setVoice(e.target.value)} placeholder="en-US-Wavenet-C" />
          <TextField label="Language" value={language} onChange={(e) => setLanguage(e.target.value)} placeholder="en-US" />
        </div>
        <TextAreaField
          label="Closed-hours message"
          value={closedMessage}
          onChange={(e) => setClosedMessage(e.target.value)}
          rows={2}
          placeholder="We are closed right now. Please call again during our opening hours."
        />
      </fieldset>
      <CheckboxField label="Active: answer calls on this number" checked={isActive} onChange={(e) => setIsActive(e.target.checked)} />
    </FormDialog>
  );
}
