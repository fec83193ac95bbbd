import { useState } from 'react';
import type { CompanyDto, ScenarioDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { ActiveBadge } from '../../components/ActiveBadge';
import { Button } from '../../components/Button';
import { ToggleActiveButton } from '../../components/ToggleActiveButton';
import { Card, PageHeader } from '../../components/Card';
import { EmptyState, Notice, QueryView } from '../../components/Feedback';
import { FormDialog } from '../../components/Dialog';
import { CheckboxField, TextAreaField, TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';
import { useCan } from '../../lib/useCan';

export function ScenariosPage({ company }: { company: CompanyDto }) {
  const canEdit = useCan('operate');
  const list = useQuery(() => api.call('scenarios.list', { companyId: company.id }), [company.id]);
  const [editing, setEditing] = useState<ScenarioDto | 'new' | null>(null);
  const toggle = useAction(async (s: ScenarioDto) => {
    const saved = s.isActive
      ? await api.call('scenarios.deactivate', { companyId: company.id, id: s.id })
      : await api.call('scenarios.update', { companyId: company.id, id: s.id, isActive: true });
    toast(saved.isActive ? `${saved.name} is active: dialers may run it` : `${saved.name} is inactive`);
    await list.reload();
  });
  const activeCount = list.data?.filter((s) => s.isActive).length ?? 0;

  return (
    <div className="page">
      <PageHeader
        title="Scenarios"
        description="What the dialers run. A dialer names a scenario by its key; dialers may also register their own (they start inactive)."
        actions={canEdit && <Button variant="primary" onClick={() => setEditing('new')}>New scenario</Button>}
      />
      {toggle.error && <Notice tone="warn">{toggle.error}</Notice>}
      {list.data && list.data.length > 0 && activeCount === 0 && (
        <Notice tone="warn">No scenario is active, so dialers get no numbers for {company.name}. Activate one to start dialing.</Notice>
      )}
      <Card>
        <QueryView query={list}>
          {(rows) =>
            rows.length === 0 ? (
              <EmptyState title="No scenarios yet" action={canEdit && <Button variant="primary" onClick={() => setEditing('new')}>Add a scenario</Button>}>
                Dialers need at least one active scenario before they are given numbers.
              </EmptyState>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Key</th>
                    <th>Description</th>
                    <th>Status</th>
                    {canEdit && <th className="actions-col"><span className="sr-only">Actions</span></th>}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((s) => (
                    <tr key={s.id}>
                      <td><strong>{s.name}</strong></td>
                      <td className="mono">{s.key}</td>
                      <td className="muted clamp">{s.description || '—'}</td>
                      <td><ActiveBadge active={s.isActive} /></td>
                      {canEdit && (
                        <td className="actions-col">
                          <Button size="sm" onClick={() => setEditing(s)} aria-label={`Edit ${s.name}`}>Edit</Button>
                          <ToggleActiveButton active={s.isActive} label={s.name} onClick={() => void toggle.run(s)} />
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
        <ScenarioDialog
          companyId={company.id}
          scenario={editing === 'new' ? null : editing}
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

function ScenarioDialog({ companyId, scenario, onClose, onSaved }: { companyId: number; scenario: ScenarioDto | null; onClose(): void; onSaved(): void }) {
  const [key, setKey] = useState(scenario?.key ?? '');
  const [name, setName] = useState(scenario?.name ?? '');
  const [description, setDescription] = useState(scenario?.description ?? '');
  const [isActive, setIsActive] = useState(scenario?.isActive ?? true);
  const save = useAction(() =>
    scenario
      ? api.call('scenarios.update', { companyId, id: scenario.id, name, description, isActive })
      : api.call('scenarios.create', { companyId, key, name, description, isActive }),
  );
  const submit = async () => {
    const saved = await save.run();
    if (saved) {
      toast(`${saved.name} saved`);
      onSaved();
    }
  };
  return (
    <FormDialog open title={scenario ? `Edit ${scenario.name}` : 'New scenario'} onClose={onClose} onSubmit={submit} submitLabel={scenario ? 'Save' : 'Add scenario'} busy={save.busy} error={save.error}>
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} autoFocus required />
      <TextField
        label="Key"
        value={key}
        disabled={!!scenario}
        className="mono-input"
        onChange={(e) => setKey(e.target.value.toLowerCase())}
        hint={scenario ? 'Dialers know the scenario by this key; it cannot change.' : 'What the dialer sends: lowercase letters, digits, _ or -, e.g. sales_q3.'}
      />
      <TextAreaField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} rows={3} />
      <CheckboxField label="Active: dialers may run it" checked={isActive} onChange={(e) => setIsActive(e.target.checked)} />
    </FormDialog>
  );
}
