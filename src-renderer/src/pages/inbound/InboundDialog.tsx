import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
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
      toast(t('inbound.saved', { phone: saved.phone }));
      onSaved();
    }
  };

  return (
    <FormDialog
      open
      wide
      title={number ? t('inbound.editTitle', { phone: number.phone }) : t('inbound.new')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={number ? t('common.save') : t('inbound.add')}
      busy={save.busy}
      error={save.error}
    >
      <div className="form-grid">
        <TextField label={t('inbound.phone')} value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" autoFocus required />
        <TextField
          label={t('inbound.country')}
          className="mono-input"
          value={region}
          maxLength={2}
          placeholder="DE"
          onChange={(e) => setRegion(e.target.value.toUpperCase())}
          hint={t('inbound.countryHint')}
        />
        <TextField
          label={t('inbound.displayName')}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          placeholder={t('inbound.displayNamePlaceholder')}
        />
        <SelectField
          label={t('inbound.aiAgent')}
          value={aiAgentId ?? ''}
          onChange={(e) => setAiAgentId(e.target.value ? Number(e.target.value) : null)}
          hint={aiAgents.length === 0 ? t('inbound.aiAgentFirst') : undefined}
        >
          <option value="">{t('inbound.noAgent')}</option>
          {aiAgents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
              {a.isActive ? '' : t('shell.inactiveSuffix')}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('inbound.supportNumber')}
          value={supportNumber}
          onChange={(e) => setSupportNumber(e.target.value)}
          inputMode="tel"
          hint={t('inbound.supportHint')}
        />
      </div>
      <DepartmentsEditor value={departments} onChange={setDepartments} />
      <fieldset className="fieldset-box">
        <legend>{t('inbound.voice')}</legend>
        <div className="form-grid">
          <TextField
            label={t('inbound.speechVendor')}
            className="mono-input"
            value={vendor}
            onChange={(e) => setVendor(e.target.value)}
            placeholder="google"
          />
          <TextField
            label={t('inbound.voiceName')}
            className="mono-input"
            value={voice}
            onChange={(e) => setVoice(e.target.value)}
            placeholder="en-US-Wavenet-C"
          />
          <TextField
            label={t('inbound.language')}
            className="mono-input"
            value={language}
            onChange={(e) => setLanguage(e.target.value)}
            placeholder="en-US"
          />
        </div>
        <TextAreaField
          label={t('inbound.closedMessage')}
          value={closedMessage}
          onChange={(e) => setClosedMessage(e.target.value)}
          rows={2}
          placeholder={t('inbound.closedPlaceholder')}
        />
      </fieldset>
      <CheckboxField label={t('inbound.active')} checked={isActive} onChange={(e) => setIsActive(e.target.checked)} />
    </FormDialog>
  );
}
