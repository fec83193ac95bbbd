import { useState } from 'react';
import type { AgentDto, AgentType, CompanyDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { ActiveBadge } from '../../components/ActiveBadge';
import { Button } from '../../components/Button';
import { ToggleActiveButton } from '../../components/ToggleActiveButton';
import { Badge, Card, PageHeader } from '../../components/Card';
import { EmptyState, Notice, QueryView } from '../../components/Feedback';
import { FormDialog } from '../../components/Dialog';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';
import { useCan } from '../../lib/useCan';

const TYPE_TEXT: Record<AgentType, string> = { inbound: 'Inbound', outbound: 'Outbound' };

export function AgentsPage({ company }: { company: CompanyDto }) {
  const canEdit = useCan('operate');
  const [type, setType] = useState<AgentType | 'all'>('all');
  const list = useQuery(() => api.call('agents.list', { companyId: company.id, ...(type !== 'all' && { type }) }), [company.id, type]);
  const [editing, setEditing] = useState<AgentDto | 'new' | null>(null);
  const toggle = useAction(async (a: AgentDto) => {
    const saved = a.isActive
      ? await api.call('agents.deactivate', { companyId: company.id, id: a.id })
      : await api.call('agents.update', { companyId: company.id, id: a.id, isActive: true });
    toast(`${saved.name} is ${saved.isActive ? 'active' : 'inactive'}`);
    await list.reload();
  });

  return (
    <div className="page">
      <PageHeader
        title="Agents"
        description="The people calls are routed to. Dialers receive the active inbound and outbound agents with every batch."
        actions={canEdit && <Button variant="primary" onClick={() => setEditing('new')}>New agent</Button>}
      />
      {toggle.error && <Notice tone="warn">{toggle.error}</Notice>}
      <Card
        actions={
          <div className="segmented" role="group" aria-label="Agent type">
            {(['all', 'outbound', 'inbound'] as const).map((t) => (
              <button key={t} type="button" aria-pressed={type === t} onClick={() => setType(t)}>
                {t === 'all' ? 'All' : TYPE_TEXT[t]}
              </button>
            ))}
          </div>
        }
        title="Team"
      >
        <QueryView query={list}>
          {(rows) =>
            rows.length === 0 ? (
              <EmptyState title={type === 'all' ? 'No agents yet' : `No ${type} agents`} action={canEdit && <Button variant="primary" onClick={() => setEditing('new')}>Add an agent</Button>}>
                An agent is a person with an extension or SIP address that calls are transferred to.
              </EmptyState>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Extension</th>
                    <th>Type</th>
                    <th>Status</th>
                    {canEdit && <th className="actions-col"><span className="sr-only">Actions</span></th>}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((a) => (
                    <tr key={a.id}>
                      <td><strong>{a.name}</strong></td>
                      <td className="mono">{a.extension}</td>
                      <td><Badge tone={a.type === 'inbound' ? 'info' : 'neutral'}>{TYPE_TEXT[a.type]}</Badge></td>
                      <td><ActiveBadge active={a.isActive} /></td>
                      {canEdit && (
                        <td className="actions-col">
                          <Button size="sm" onClick={() => setEditing(a)} aria-label={`Edit ${a.name}`}>Edit</Button>
                          <ToggleActiveButton active={a.isActive} label={a.name} onClick={() => void toggle.run(a)} />
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryView>
      </Card>
      {editing !== null && (
        <AgentDialog
          companyId={company.id}
          agent={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void list.reload();
          }}
        />
      )}
    </div>
  );
}

function AgentDialog({ companyId, agent, onClose, onSaved }: { companyId: number; agent: AgentDto | null; onClose(): void; onSaved(): void }) {
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
    <FormDialog open title={agent ? `Edit ${agent.name}` : 'New agent'} onClose={onClose} onSubmit={submit} submitLabel={agent ? 'Save' : 'Add agent'} busy={save.busy} error={save.error}>
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} autoFocus required />
      <TextField label="Extension" value={extension} onChange={(e) => setExtension(e.target.value)} required hint="1001, +4930…, or sip:anna@pbx.local" />
      <SelectField label="Type" value={type} onChange={(e) => setType(e.target.value as AgentType)} hint="Inbound agents take customers who call in; outbound agents take the dialer's transfers.">
        <option value="outbound">Outbound</option>
        <option value="inbound">Inbound</option>
      </SelectField>
      {agent && <CheckboxField label="Active" checked={isActive} onChange={(e) => setIsActive(e.target.checked)} />}
    </FormDialog>
  );
}
