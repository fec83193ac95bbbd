import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDto, InboundNumberDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Button } from '../../components/Button';
import { OwnedRecordsPage } from '../../components/OwnedRecordsPage';
import { formatDigits } from '../../lib/format';
import { useCan } from '../../lib/useCan';
import { CompanyAiSettingsCard } from './CompanyAiSettingsCard';
import { InboundDialog } from './InboundDialog';
import { InboundWarnings, useInboundWarnings } from './InboundWarnings';
import { PreviewDialog } from './PreviewDialog';

export function InboundNumbersPage({ company }: { company: CompanyDto }) {
  const { t } = useTranslation();
  const numbers = useQuery(() => api.call('inbound.list', { companyId: company.id }), [company.id]);
  const agents = useQuery(() => api.call('aiAgents.list', { companyId: company.id }), [company.id]);
  const [preview, setPreview] = useState<number | null>(null);
  const warnings = useInboundWarnings(company.id, [numbers.data]);
  const canManage = useCan('manage');
  const agentName = (id: number | null) => (id === null ? null : (agents.data?.find((a) => a.id === id)?.name ?? `#${formatDigits(id)}`));
  const none = (text: string) => <span className="muted">{text}</span>;
  return (
    <>
      <OwnedRecordsPage<InboundNumberDto>
        title={t('nav.pages.inbound')}
        description={t('inbound.lead')}
        newLabel={t('inbound.new')}
        empty={{ title: t('inbound.emptyTitle'), addLabel: t('inbound.emptyAdd'), body: t('inbound.emptyBody') }}
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
          { header: t('inbound.columns.number'), cell: (n) => n.phone, className: 'mono' },
          { header: t('inbound.columns.name'), cell: (n) => n.displayName || none('—') },
          { header: t('inbound.columns.aiAgent'), cell: (n) => agentName(n.aiAgentId) ?? none(t('common.none')) },
          {
            header: t('inbound.columns.departments'),
            cell: (n) => (n.departments.length ? n.departments.map((d) => d.name).join(t('inbound.listSeparator')) : none('—')),
          },
          { header: t('inbound.columns.support'), cell: (n) => n.supportNumber ?? none('—'), className: 'mono' },
        ]}
        rowActions={(n) => (
          <Button size="sm" variant="ghost" onClick={() => setPreview(n.id)} aria-label={t('inbound.previewLabel', { phone: n.phone })}>
            {t('inbound.preview')}
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
