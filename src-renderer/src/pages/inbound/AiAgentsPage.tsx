import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AiAgentDto, CompanyDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { ActiveBadge } from '../../components/ActiveBadge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { OwnedRecordsPage } from '../../components/OwnedRecordsPage';
import { formatInt } from '../../lib/format';
import { useCan } from '../../lib/useCan';
import { AiAgentDialog } from './AiAgentDialog';
import { InboundWarnings, useInboundWarnings } from './InboundWarnings';
import { LlmSettingsCard } from './LlmSettingsCard';
import { PreviewDialog } from './PreviewDialog';

export function AiAgentsPage({ company }: { company: CompanyDto }) {
  const { t } = useTranslation();
  const isSite = useCan('site');
  const agents = useQuery(() => api.call('aiAgents.list', { companyId: company.id }), [company.id]);
  const numbers = useQuery(() => api.call('inbound.list', { companyId: company.id }), [company.id]);
  const [preview, setPreview] = useState<number | null>(null);
  // an agent switched on or off changes whether a missing model key matters
  const warnings = useInboundWarnings(company.id, [agents.data, numbers.data]);
  return (
    <>
      <OwnedRecordsPage<AiAgentDto>
        title={t('nav.pages.aiAgents')}
        description={t('aiAgents.lead')}
        newLabel={t('aiAgents.new')}
        empty={{ title: t('aiAgents.emptyTitle'), addLabel: t('aiAgents.emptyAdd'), body: t('aiAgents.emptyBody') }}
        query={agents}
        notices={<InboundWarnings warnings={warnings.data} />}
        canEdit={useCan('operate')}
        label={(a) => a.name}
        setActive={(a, active) =>
          active
            ? api.call('aiAgents.update', { companyId: company.id, id: a.id, isActive: true })
            : api.call('aiAgents.deactivate', { companyId: company.id, id: a.id })
        }
        card={(a, actions) => {
          const uses = (numbers.data ?? []).filter((n) => n.aiAgentId === a.id);
          return (
            <Card
              key={a.id}
              title={a.name}
              subtitle={
                <>
                  <span className="mono">{a.language}</span>
                  {a.voice && (
                    <>
                      {' · '}
                      <span className="mono">{a.voice}</span>
                    </>
                  )}
                  {' · '}
                  {t('aiAgents.temperatureIs', { value: formatInt(a.temperature) })}
                </>
              }
              actions={
                <>
                  <ActiveBadge active={a.isActive} />
                  {actions}
                </>
              }
            >
              {a.greeting && (
                <p className="quote" dir="auto">
                  “{a.greeting}”
                </p>
              )}
              <pre className="prompt" dir="auto">
                {a.systemPrompt}
              </pre>
              <div className="agent-uses">
                <span className="muted small">{t('aiAgents.answersOn')}</span>
                {uses.length === 0 && <span className="muted small">{t('aiAgents.noNumber')}</span>}
                {uses.map((n) => (
                  <Button
                    key={n.id}
                    size="sm"
                    variant="ghost"
                    onClick={() => setPreview(n.id)}
                    aria-label={t('inbound.previewLabel', { phone: n.phone })}
                  >
                    <span className="mono">{n.phone}</span> · {t('aiAgents.preview')}
                  </Button>
                ))}
              </div>
            </Card>
          );
        }}
        footer={isSite && <LlmSettingsCard onSaved={() => void warnings.reload()} />}
        dialog={(agent, close, saved) => <AiAgentDialog companyId={company.id} agent={agent} onClose={close} onSaved={saved} />}
      />
      {preview !== null && <PreviewDialog companyId={company.id} inboundId={preview} onClose={() => setPreview(null)} />}
    </>
  );
}
