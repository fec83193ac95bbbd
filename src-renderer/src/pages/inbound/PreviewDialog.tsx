import { useState } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Badge } from '../../components/Card';
import { Dialog } from '../../components/Dialog';
import { QueryView } from '../../components/Feedback';
import { Tabs } from '../../components/Tabs';
import { InboundWarnings } from './InboundWarnings';

/** Exactly what the telephony server gets for this number: the lookup JSON and both Jambonz answers. */
export function PreviewDialog({ companyId, inboundId, onClose }: { companyId: number; inboundId: number; onClose(): void }) {
  const preview = useQuery(() => api.call('inbound.preview', { companyId, id: inboundId }), [companyId, inboundId]);
  const [tab, setTab] = useState('lookup');
  return (
    <Dialog open wide title="What the telephony server receives" onClose={onClose}>
      <QueryView query={preview} loadingLabel="Asking as the telephony server would…">
        {(p) => (
          <div className="preview">
            <div className="preview-head">
              <span className="mono">{p.lookup.did}</span>
              {p.now === 'open' ? (
                <Badge tone="ok">Open now: callers reach the AI agent</Badge>
              ) : (
                <Badge tone="warn">Closed now: callers hear the closed message</Badge>
              )}
            </div>
            <InboundWarnings warnings={p.warnings} />
            <Tabs
              label="Preview"
              value={tab}
              onChange={setTab}
              tabs={[
                { id: 'lookup', label: 'Lookup' },
                { id: 'open', label: 'Call verbs · open' },
                { id: 'closed', label: 'Call verbs · closed' },
              ]}
            >
              <div className="muted small preview-route">
                {tab === 'lookup' ? `GET /api/v1/inbound/lookup/${encodeURIComponent(p.lookup.did)}` : 'POST /api/v1/inbound/jambonz/call'}
              </div>
              <pre className="code" data-testid="preview-json">
                {JSON.stringify(tab === 'lookup' ? p.lookup : tab === 'open' ? p.jambonz.open : p.jambonz.closed, null, 2)}
              </pre>
            </Tabs>
          </div>
        )}
      </QueryView>
    </Dialog>
  );
}
