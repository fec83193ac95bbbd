import { useState } from 'react';
import type { CompanyDto, OutboundLineDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { ActiveBadge } from '../../components/ActiveBadge';
import { Button } from '../../components/Button';
import { ToggleActiveButton } from '../../components/ToggleActiveButton';
import { Card, PageHeader } from '../../components/Card';
import { EmptyState, Notice, QueryView } from '../../components/Feedback';
import { FormDialog } from '../../components/Dialog';
import { CheckboxField, TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';
import { formatDate } from '../../lib/format';
import { useCan } from '../../lib/useCan';

export function LinesPage({ company }: { company: CompanyDto }) {
  const canEdit = useCan('operate');
  const list = useQuery(() => api.call('lines.list', { companyId: company.id }), [company.id]);
  const [editing, setEditing] = useState<OutboundLineDto | 'new' | null>(null);
  const toggle = useAction(async (l: OutboundLineDto) => {
    const saved = l.isActive
      ? await api.call('lines.deactivate', { companyId: company.id, id: l.id })
      : await api.call('lines.update', { companyId: company.id, id: l.id, isActive: true });
    toast(`${saved.name} is ${saved.isActive ? 'active' : 'inactive'}`);
    await list.reload();
  });

  return (
    <div className="page">
      <PageHeader
        title="Outbound lines"
        description="The caller IDs and trunks dialers call from. Dialers receive the active ones with every batch."
        actions={canEdit && <Button variant="primary" onClick={() => setEditing('new')}>New line</Button>}
      />
      {toggle.error && <Notice tone="warn">{toggle.error}</Notice>}
      <Card>
        <QueryView query={list}>
          {(rows) =>
            rows.length === 0 ? (
              <EmptyState title="No outbound lines yet" action={canEdit && <Button variant="primary" onClick={() => setEditing('new')}>Add a line</Button>}>
                Add the phone numbers your dialers present to the people they call.
              </EmptyState>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Phone</th>
                    <th>Added</th>
                    <th>Status</th>
                    {canEdit && <th className="actions-col"><span className="sr-only">Actions</span></th>}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((l) => (
                    <tr key={l.id}>
                      <td><strong>{l.name}</strong></td>
                      <td className="mono">{l.phone}</td>
                      <td>{formatDate(l.createdAt, company.timezone)}</td>
                      <td><ActiveBadge active={l.isActive} /></td>
                      {canEdit && (
                        <td className="actions-col">
                          <Button size="sm" onClick={() => setEditing(l)} aria-label={`Edit ${l.name}`}>Edit</Button>
                          <ToggleActiveButton active={l.isActive} label={l.name} onClick={() => void toggle.run(l)} />
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
        <LineDialog
          companyId={company.id}
          line={editing === 'new' ? null : editing}
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

function LineDialog({ companyId, line, onClose, onSaved }: { companyId: number; line: OutboundLineDto | null; onClose(): void; onSaved(): void }) {
  const [name, setName] = useState(line?.name ?? '');
  const [phone, setPhone] = useState(line?.phone ?? '');
  const [region, setRegion] = useState('');
  const [isActive, setIsActive] = useState(line?.isActive ?? true);
  const regionArg = region.trim() ? { region: region.trim().toUpperCase() } : {};
  const save = useAction(() =>
    line
      ? api.call('lines.update', { companyId, id: line.id, name, ...(phone !== line.phone && { phone, ...regionArg }), isActive })
      : api.call('lines.create', { companyId, name, phone, ...regionArg }),
  );
  const submit = async () => {
    const saved = await save.run();
    if (saved) {
      toast(`${saved.name} saved as ${saved.phone}`);
      onSaved();
    }
  };
  return (
    <FormDialog open title={line ? `Edit ${line.name}` : 'New outbound line'} onClose={onClose} onSubmit={submit} submitLabel={line ? 'Save' : 'Add line'} busy={save.busy} error={save.error}>
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} autoFocus required hint="How supervisors know it, e.g. “Berlin trunk 1”." />
      <div className="form-row">
        <TextField label="Phone number" value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" required hint="International (+49 30 …) or national with a country." />
        <TextField label="Country (if national)" value={region} maxLength={2} onChange={(e) => setRegion(e.target.value.toUpperCase())} placeholder="DE" />
      </div>
      {line && <CheckboxField label="Active: dialers may call from it" checked={isActive} onChange={(e) => setIsActive(e.target.checked)} />}
    </FormDialog>
  );
}
