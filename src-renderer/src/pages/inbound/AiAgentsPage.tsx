import { useState } from 'react';
import type { AiAgentDto, CompanyDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { ActiveBadge } from '../../components/ActiveBadge';
import { Button } from '../../components/Button';
import { ToggleActiveButton } from '../../components/ToggleActiveButton';
import { Card, PageHeader } from '../../components/Card';
import { EmptyState, Notice, QueryView } from '../../components/Feedback';
import { toast } from '../../components/Toaster';
import { useCan } from '../../lib/useCan';
import { AiAgentDialog } from './AiAgentDialog';
import { LlmSettingsCard } from './LlmSettingsCard';
import { PreviewDialog } from './PreviewDialog';

export function AiAgentsPage({ company }: { company: CompanyDto }) {
  const canEdit = useCan('operate');
  const isSite = useCan('site');
  const agents = useQuery(() => api.call('aiAgents.list', { companyId: company.id }), [company.id]);
  const numbers = useQuery(() => api.call('inbound.list', { companyId: company.id }), [company.id]);
  const [editing, setEditing] = useState<AiAgentDto | 'new' | null>(null);
  const [preview, setPreview] = useState<number | null>(null);
  const toggle = useAction(async (a: AiAgentDto) => {
    const saved = a.isActive
      ? await api.call('aiAgents.deactivate', { companyId: company.id, id: a.id })
      : await api.call('aiAgents.update', { companyId: company.id, id: a.id, isActive: true });
    toast(`${saved.name} is ${saved.isActive ? 'active' : 'inactive'}`);
    await agents.reload();
  });

  return (
    <div className="page">
      <PageHeader
        title="AI agents"
        description="Voice agents that answer inbound calls: what they say, how they sound, and which numbers use them."
        actions={canEdit && <Button variant="primary" onClick={() => setEditing('new')}>New AI agent</Button>}
      />
      {toggle.error && <Notice tone="warn">{toggle.error}</Notice>}
      <QueryView query={agents}>
        {(list) =>
          list.length === 0 ? (
            <Card>
              <EmptyState title="No AI agents yet" action={canEdit && <Button variant="primary" onClick={() => setEditing('new')}>Add an AI agent</Button>}>
                An AI agent greets callers on an inbound number, answers questions and transfers to a department.
              </EmptyState>
            </Card>
          ) : (
            <div className="grid-2">
              {list.map((a) => {
                const uses = (numbers.data ?? []).filter((n) => n.aiAgentId === a.id);
                return (
                  <Card
                    key={a.id}
                    title={a.name}
                    subtitle={`${a.language}${a.voice ? ` · ${a.voice}` : ''} · temperature ${a.temperature}`}
                    actions={
                      <>
                        <ActiveBadge active={a.isActive} />
                        {canEdit && <Button size="sm" onClick={() => setEditing(a)} aria-label={`Edit ${a.name}`}>Edit</Button>}
                        {canEdit && (
                          <ToggleActiveButton active={a.isActive} label={a.name} onClick={() => void toggle.run(a)} />
                        )}
                      </>
                    }
                  >
                    {a.greeting && <p className="quote">“{a.greeting}”</p>}
                    <pre className="prompt">{a.systemPrompt}</pre>
                    <div className="agent-uses">
                      <span className="muted small">Answers on:</span>
                      {uses.length === 0 && <span className="muted small">no inbound number yet</span>}
                      {uses.map((n) => (
                        <Button key={n.id} size="sm" variant="ghost" onClick={() => setPreview(n.id)} aria-label={`Preview ${n.phone}`}>
                          {n.phone} · preview
                        </Button>
                      ))}
                    </div>
                  </Card>
                );
              })}
            </div>
          )
        }
      </QueryView>
      {isSite && <LlmSettingsCard />}
      {editing !== null && (
        <AiAgentDialog
          companyId={company.id}
          agent={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void agents.reload();
          }}
        />
      )}
      {preview !== null && <PreviewDialog companyId={company.id} inboundId={preview} onClose={() => setPreview(null)} />}
    </div>
  );
}
