import { useState } from 'react';
import type { CompanyDto, InboundNumberDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { ActiveBadge } from '../../components/ActiveBadge';
import { Button } from '../../components/Button';
import { ToggleActiveButton } from '../../components/ToggleActiveButton';
import { Card, PageHeader } from '../../components/Card';
import { EmptyState, Notice, QueryView } from '../../components/Feedback';
import { toast } from '../../components/Toaster';
import { useCan } from '../../lib/useCan';
import { InboundDialog } from './InboundDialog';
import { PreviewDialog } from './PreviewDialog';

export function InboundNumbersPage({ company }: { company: CompanyDto }) {
  const canEdit = useCan('operate');
  const numbers = useQuery(() => api.call('inbound.list', { companyId: company.id }), [company.id]);
  const agents = useQuery(() => api.call('aiAgents.list', { companyId: company.id }), [company.id]);
  const [editing, setEditing] = useState<InboundNumberDto | 'new' | null>(null);
  const [preview, setPreview] = useState<number | null>(null);
  const agentName = (id: number | null) => (id === null ? null : (agents.data?.find((a) => a.id === id)?.name ?? `#${id}`));
  const toggle = useAction(async (n: InboundNumberDto) => {
    const saved = n.isActive
      ? await api.call('inbound.deactivate', { companyId: company.id, id: n.id })
      : await api.call('inbound.update', { companyId: company.id, id: n.id, isActive: true });
    toast(`${saved.phone} is ${saved.isActive ? 'active' : 'inactive'}`);
    await numbers.reload();
  });

  return (
    <div className="page">
      <PageHeader
        title="Inbound numbers"
        description="The numbers (DIDs) customers call. The telephony server asks DialDesk how to answer each one."
        actions={canEdit && <Button variant="primary" onClick={() => setEditing('new')}>New inbound number</Button>}
      />
      {toggle.error && <Notice tone="warn">{toggle.error}</Notice>}
      <Card>
        <QueryView query={numbers}>
          {(rows) =>
            rows.length === 0 ? (
              <EmptyState title="No inbound numbers yet" action={canEdit && <Button variant="primary" onClick={() => setEditing('new')}>Add a number</Button>}>
                Add the numbers your telephony server routes to this company, with the AI agent that answers them.
              </EmptyState>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>Number</th>
                    <th>Name</th>
                    <th>AI agent</th>
                    <th>Departments</th>
                    <th>Support</th>
                    <th>Status</th>
                    <th className="actions-col"><span className="sr-only">Actions</span></th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((n) => (
                    <tr key={n.id}>
                      <td className="mono">{n.phone}</td>
                      <td>{n.displayName || <span className="muted">—</span>}</td>
                      <td>{agentName(n.aiAgentId) ?? <span className="muted">none</span>}</td>
                      <td>{n.departments.length ? n.departments.map((d) => d.name).join(', ') : <span className="muted">—</span>}</td>
                      <td className="mono">{n.supportNumber ?? <span className="muted">—</span>}</td>
                      <td><ActiveBadge active={n.isActive} /></td>
                      <td className="actions-col">
                        <Button size="sm" variant="ghost" onClick={() => setPreview(n.id)} aria-label={`Preview ${n.phone}`}>Preview</Button>
                        {canEdit && <Button size="sm" onClick={() => setEditing(n)} aria-label={`Edit ${n.phone}`}>Edit</Button>}
                        {canEdit && (
                          <ToggleActiveButton active={n.isActive} label={n.phone} onClick={() => void toggle.run(n)} />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryView>
      </Card>
      {editing !== null && (
        <InboundDialog
          companyId={company.id}
          number={editing === 'new' ? null : editing}
          aiAgents={agents.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void numbers.reload();
          }}
        />
      )}
      {preview !== null && <PreviewDialog companyId={company.id} inboundId={preview} onClose={() => setPreview(null)} />}
    </div>
  );
}
