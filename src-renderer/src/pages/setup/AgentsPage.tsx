import { useState } from 'react';
import type { AgentDto, AgentType, CompanyDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { Badge } from '../../components/Card';
import { OwnedRecordsPage } from '../../components/OwnedRecordsPage';
import { FormDialog } from '../../components/Dialog';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';
import { useCan } from '../../lib/useCan';

const TYPE_TEXT: Record<AgentType, string> = { inbound: 'Inbound', outbound: 'Outbound' };

export function AgentsPage({ company }: { company: CompanyDto }) {
  const [type, setType] = useState<AgentType | 'all'>('all');
  const list = useQuery(() => api.call('agents.list', { companyId: company.id, ...(type !== 'all' && { type }) }), [company.id, type]);
  return (
    <OwnedRecordsPage<AgentDto>
      title="Agents"
      description="The people calls are routed to. Dialers receive the active inbound and outbound agents with every batch."
      newLabel="New agent"
      empty={{
        title: type === 'all' ? 'No agents yet' : `No ${type} agents`,
        addLabel: 'Add an agent',
        body: 'An agent is a person with an extension or SIP address that calls are transferred to.',
      }}
      query={list}
      canEdit={useCan('operate')}
      label={(a) => a.name}
      setActive={(a, active) =>
        active
          ? api.call('agents.update', { companyId: company.id, id: a.id, isActive: true })
          : api.call('agents.deactivate', { companyId: company.id, id: a.id })
      }
      cardTitle="Team"
      cardActions={
        <div className="segmented" role="group" aria-label="Agent type">
          {(['all', 'outbound', 'inbound'] as const).map((t) => (
            <button key={t} type="button" aria-pressed={type === t} onClick={() => setType(t)}>
              {t === 'all' ? 'All' : TYPE_TEXT[t]}
            </button>
          ))}
        </div>
      }
      columns={[
        { header: 'Name', cell: (a) => <strong>{a.name}</strong> },
        { header: 'Extension', cell: (a) => a.extension, className: 'mono' },
        { header: 'Type', cell: (a) => <Badge tone={a.type === 'inbound' ? 'info' : 'neutral'}>{TYPE_TEXT[a.type]}</Badge> },
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
      toast(`${saved.name} saved`);
      onSaved();
    }
  };
  return (
    <FormDialog
      open
      title={agent ? `Edit ${agent.name}` : 'New agent'}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={agent ? 'Save' : 'Add agent'}
      busy={save.busy}
      error={save.error}
    >
      <TextField label="Name" maxLength={120} value={name} onChange={(e) => setName(e.target.value)} autoFocus required />
      <TextField
        label="Extension"
        value={extension}
        onChange={(e) => setExtension(e.target.value)}
        required
        hint="1001, +4930…, or sip:anna@pbx.local"
      />
      <SelectField
        label="Type"
        value={type}
        onChange={(e) => setType(e.target.value as AgentType)}
        hint="Inbound agents take customers who call in; outbound agents take the dialer's transfers."
      >
        <option value="outbound">Outbound</option>
        <option value="inbound">Inbound</option>
      </SelectField>
      {agent && <CheckboxField label="Active" checked={isActive} onChange={(e) => setIsActive(e.target.checked)} />}
    </FormDialog>
  );
}
