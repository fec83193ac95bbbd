import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentDto, AgentType, CompanyDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { Badge } from '../../components/Card';
import { OwnedRecordsPage } from '../../components/OwnedRecordsPage';
import { FormDialog } from '../../components/Dialog';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';
import { useCan } from '../../lib/useCan';

export function AgentsPage({ company }: { company: CompanyDto }) {
  const { t } = useTranslation();
  const [type, setType] = useState<AgentType | 'all'>('all');
  const list = useQuery(() => api.call('agents.list', { companyId: company.id, ...(type !== 'all' && { type }) }), [company.id, type]);
  return (
    <OwnedRecordsPage<AgentDto>
      title={t('nav.pages.agents')}
      description={t('agents.lead')}
      newLabel={t('agents.new')}
      empty={{
        title: type === 'all' ? t('agents.emptyTitle') : type === 'inbound' ? t('agents.emptyInbound') : t('agents.emptyOutbound'),
        addLabel: t('agents.emptyAdd'),
        body: t('agents.emptyBody'),
      }}
      query={list}
      canEdit={useCan('operate')}
      label={(a) => a.name}
      setActive={(a, active) =>
        active
          ? api.call('agents.update', { companyId: company.id, id: a.id, isActive: true })
          : api.call('agents.deactivate', { companyId: company.id, id: a.id })
      }
      cardTitle={t('agents.team')}
      cardActions={
        <div className="segmented" role="group" aria-label={t('agents.typeFilter')}>
          {(['all', 'outbound', 'inbound'] as const).map((k) => (
            <button key={k} type="button" aria-pressed={type === k} onClick={() => setType(k)}>
              {k === 'all' ? t('agents.all') : t(`agents.types.${k}`)}
            </button>
          ))}
        </div>
      }
      columns={[
        { header: t('agents.name'), cell: (a) => <strong>{a.name}</strong> },
        { header: t('agents.extension'), cell: (a) => a.extension, className: 'mono' },
        {
          header: t('agents.type'),
          cell: (a) => <Badge tone={a.type === 'inbound' ? 'info' : 'neutral'}>{t(`agents.types.${a.type}`)}</Badge>,
        },
      ]}
      dialog={(agent, close, saved) => <AgentDialog companyId={company.id} agent={agent} onClose={close} onSaved={saved} />}
    />
  );
}

function AgentDialog({
  companyId,
  agent,
  onClose,
  onSaved,
}: {
  companyId: number;
  agent: AgentDto | null;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(agent?.name ?? '');
  const [extension, setExtension] = useState(agent?.extension ?? '');
  const [type, setType] = useState<AgentType>(agent?.type ?? 'outbound');
  const [isActive, setIsActive] = useState(agent?.isActive ?? true);
  const save = useAction(() =>
    agent
      ? api.call('agents.update', { companyId, id: agent.id, name, extension, type, isActive })
      : api.call('agents.create', { companyId, name, extension, type }),
  );
  const submit = async () => {
    const saved = await save.run();
    if (saved) {
      toast(t('common.saved', { name: saved.name }));
      onSaved();
    }
  };
  return (
    <FormDialog
      open
      title={agent ? t('common.editLabel', { name: agent.name }) : t('agents.new')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={agent ? t('common.save') : t('agents.add')}
      busy={save.busy}
      error={save.error}
    >
      <TextField label={t('agents.name')} maxLength={120} value={name} onChange={(e) => setName(e.target.value)} autoFocus required />
      <TextField
        label={t('agents.extension')}
        value={extension}
        maxLength={120}
        onChange={(e) => setExtension(e.target.value)}
        required
        hint={t('agents.extensionHint')}
      />
      <SelectField label={t('agents.type')} value={type} onChange={(e) => setType(e.target.value as AgentType)} hint={t('agents.typeHint')}>
        <option value="outbound">{t('agents.types.outbound')}</option>
        <option value="inbound">{t('agents.types.inbound')}</option>
      </SelectField>
      {agent && <CheckboxField label={t('common.active')} checked={isActive} onChange={(e) => setIsActive(e.target.checked)} />}
    </FormDialog>
  );
}
