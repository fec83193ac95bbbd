import { useState } from 'react';
import type { CompanyDto } from '../../../../src-shared/contract';
import type { ApiKeyDto } from '../../../../src-shared/contract/apikeys';
import { api } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Badge, Card, PageHeader } from '../../components/Card';
import { useConfirm } from '../../components/Confirm';
import { EmptyState, QueryView } from '../../components/Feedback';
import { SecretOnce } from '../../components/SecretOnce';
import { toast } from '../../components/Toaster';
import { formatDateTime } from '../../lib/format';
import { useCan } from '../../lib/useCan';
import { useSession } from '../../state/session';
import { ApiKeyDialog } from './ApiKeyDialog';

export function ApiKeysPage({ company }: { company: CompanyDto }) {
  const isSite = useCan('site');
  const companies = useSession((s) => s.companies);
  const [scope, setScope] = useState<'company' | 'all'>('company');
  const keys = useQuery(
    () => api.call('apikeys.list', isSite && scope === 'all' ? {} : { companyId: company.id }),
    [company.id, scope, isSite],
  );
  const [creating, setCreating] = useState(false);
  const [made, setMade] = useState<{ key: string; name: string } | null>(null);
  const confirm = useConfirm();
  const tz = company.timezone;
  const companyName = (id: number | null) => (id === null ? 'Site-wide' : (companies.find((c) => c.id === id)?.name ?? `#${id}`));

  const revoke = (k: ApiKeyDto) =>
    confirm.ask({
      title: `Revoke “${k.name}”?`,
      body: `Dialers using the key starting ${k.prefix} are refused from now on. This cannot be undone; make a new key instead.`,
      confirmLabel: 'Revoke key',
      danger: true,
      run: async () => {
        await api.call('apikeys.revoke', { id: k.id });
        toast(`${k.name} revoked`);
        await keys.reload();
      },
    });

  return (
    <div className="page">
      <PageHeader
        title="API keys"
        description="Dialers and the telephony server sign every request with a key. A company key acts for that company only."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            New API key
          </Button>
        }
      />
      <Card
        title={scope === 'all' ? 'Every key on this site' : `Keys of ${company.name}`}
        actions={
          isSite && (
            <div className="segmented" role="group" aria-label="Show keys of">
              <button type="button" aria-pressed={scope === 'company'} onClick={() => setScope('company')}>
                This company
              </button>
              <button type="button" aria-pressed={scope === 'all'} onClick={() => setScope('all')}>
                All, with site-wide
              </button>
            </div>
          )
        }
      >
        <QueryView query={keys}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState
                title="No API keys yet"
                action={
                  <Button variant="primary" onClick={() => setCreating(true)}>
                    Create a key
                  </Button>
                }
              >
                A dialer needs a key before it can take numbers from DialDesk.
              </EmptyState>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Key starts</th>
                    <th>For</th>
                    <th>Uses</th>
                    <th>Created</th>
                    <th>Last used</th>
                    <th>Status</th>
                    <th className="actions-col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((k) => (
                    <tr key={k.id} className={k.revokedAt ? 'is-dim' : undefined}>
                      <td>
                        <strong>{k.name}</strong>
                      </td>
                      <td className="mono">{k.prefix}…</td>
                      <td>{companyName(k.companyId)}</td>
                      <td>{k.scopes.join(', ')}</td>
                      <td className="tabular">{formatDateTime(k.createdAt, tz)}</td>
                      <td className="tabular">{k.lastUsedAt ? formatDateTime(k.lastUsedAt, tz) : <span className="muted">never</span>}</td>
                      <td>{k.revokedAt ? <Badge>Revoked</Badge> : <Badge tone="ok">Active</Badge>}</td>
                      <td className="actions-col">
                        {!k.revokedAt && (
                          <Button size="sm" variant="danger" onClick={() => revoke(k)} aria-label={`Revoke ${k.name}`}>
                            Revoke
                          </Button>
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
      {creating && (
        <ApiKeyDialog
          companyId={company.id}
          companyName={company.name}
          allowSiteWide={isSite}
          onClose={() => setCreating(false)}
          onCreated={(key, name) => {
            setCreating(false);
            setMade({ key, name });
            void keys.reload();
          }}
        />
      )}
      {made && <SecretOnce title={`Key “${made.name}” created`} secret={made.key} onClose={() => setMade(null)} />}
      {confirm.dialog}
    </div>
  );
}
