import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Badge } from '../../components/Card';
import { Dialog } from '../../components/Dialog';
import { QueryView } from '../../components/Feedback';
import { Tabs } from '../../components/Tabs';
import { InboundWarnings } from './InboundWarnings';

/** Exactly what the telephony server gets for this number: the lookup JSON and both Jambonz answers. */
export function PreviewDialog({ companyId, inboundId, onClose }: { companyId: number; inboundId: number; onClose(): void }) {
  const { t } = useTranslation();
  const preview = useQuery(() => api.call('inbound.preview', { companyId, id: inboundId }), [companyId, inboundId]);
  const [tab, setTab] = useState('lookup');
  return (
    <Dialog open wide title={t('inbound.previewDialog.title')} onClose={onClose}>
      <QueryView query={preview} loadingLabel={t('inbound.previewDialog.loading')}>
        {(p) => (
          <div className="preview">
            <div className="preview-head">
              <span className="mono">{p.lookup.did}</span>
              {p.now === 'open' ? (
                <Badge tone="ok">{t('inbound.previewDialog.open')}</Badge>
              ) : (
                <Badge tone="warn">{t('inbound.previewDialog.closed')}</Badge>
              )}
            </div>
            <InboundWarnings warnings={p.warnings} />
            <Tabs
              label={t('inbound.previewDialog.tabs')}
              value={tab}
              onChange={setTab}
              tabs={[
                { id: 'lookup', label: t('inbound.previewDialog.lookup') },
                { id: 'open', label: t('inbound.previewDialog.verbsOpen') },
                { id: 'closed', label: t('inbound.previewDialog.verbsClosed') },
              ]}
            >
              <div className="muted small preview-route mono">
                {tab === 'lookup' ? `GET /api/v1/inbound/lookup/${encodeURIComponent(p.lookup.did)}` : 'POST /api/v1/inbound/jambonz/call'}
              </div>
              <pre className="code" dir="ltr" data-testid="preview-json">
                {JSON.stringify(tab === 'lookup' ? p.lookup : tab === 'open' ? p.jambonz.open : p.jambonz.closed, null, 2)}
              </pre>
            </Tabs>
          </div>
        )}
      </QueryView>
    </Dialog>
  );
}
