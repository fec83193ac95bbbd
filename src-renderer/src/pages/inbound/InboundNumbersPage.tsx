import { useState } from 'react';
import type { CompanyDto, InboundNumberDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Button } from '../../components/Button';
import { OwnedRecordsPage } from '../../components/OwnedRecordsPage';
import { useCan } from '../../lib/useCan';
import { CompanyAiSettingsCard } from './CompanyAiSettingsCard';
import { InboundDialog } from './InboundDialog';
import { InboundWarnings, useInboundWarnings } from './InboundWarnings';
import { PreviewDialog } from './PreviewDialog';

export function InboundNumbersPage({ company }: { company: CompanyDto }) {
  const numbers = useQuery(() => api.call('inbound.list', { companyId: company.id }), [company.id]);
  const agents = useQuery(() => api.call('aiAgents.list', { companyId: company.id }), [company.id]);
  const [preview, setPreview] = useState<number | null>(null);
  const warnings = useInboundWarnings(company.id, [numbers.data]);
  const canManage = useCan('manage');
  const agentName = (id: number | null) => (id === null ? null : (agents.data?.find((a) => a.id === id)?.name ?? `#${id}`));
  const none = (text: string) => <span className="muted">{text}</span>;
  return (
    <>
      <OwnedRecordsPage<InboundNumberDto>
        title="Inbound numbers"
        description="The numbers (DIDs) customers call. The telephony server asks DialDesk how to answer each one."
        newLabel="New inbound number"
        empty={{
          title: 'No inbound numbers yet',
          addLabel: 'Add a number',
          body: 'Add the numbers your telephony server routes to this company, with the AI agent that answers them.',
        }}
        query={numbers}
        notices={<InboundWarnings warnings={warnings.data} />}
        canEdit={useCan('operate')}
        label={(n) => n.phone}
        setActive={(n, active) =>
          active
            ? api.call('inbound.update', { companyId: company.id, id: n.id, isActive: true })
            : api.call('inbound.deactivate', { companyId: company.id, id: n.id })
        }
        columns={[
          { header: 'Number', cell: (n) => n.phone, className: 'mono' },
          { header: 'Name', cell: (n) => n.displayName || none('—') },
          { header: 'AI agent', cell: (n) => agentName(n.aiAgentId) ?? none('none') },
          { header: 'Departments', cell: (n) => (n.departments.length ? n.departments.map((d) => d.name).join(', ') : none('—')) },
          { header: 'Support', cell: (n) => n.supportNumber ?? none('—'), className: 'mono' },
        ]}
        rowActions={(n) => (
          <Button size="sm" variant="ghost" onClick={() => setPreview(n.id)} aria-label={`Preview ${n.phone}`}>
            Preview
          </Button>
        )}
        footer={canManage && <CompanyAiSettingsCard company={company} onSaved={() => void warnings.reload()} />}
        dialog={(number, close, saved) => (
          <InboundDialog companyId={company.id} number={number} aiAgents={agents.data ?? []} onClose={close} onSaved={saved} />
        )}
      />
      {preview !== null && <PreviewDialog companyId={company.id} inboundId={preview} onClose={() => setPreview(null)} />}
    </>
  );
}
