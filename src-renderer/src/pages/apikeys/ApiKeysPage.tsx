import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
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
  const companyName = (id: number | null) => (id === null ? t('apiKeys.siteWide') : (companies.find((c) => c.id === id)?.name ?? `#${id}`));

  const revoke = (k: ApiKeyDto) =>
    confirm.ask({
      title: t('apiKeys.revokeTitle', { name: k.name }),
      body: t('apiKeys.revokeBody', { prefix: k.prefix }),
      confirmLabel: t('apiKeys.revokeKey'),
      danger: true,
      run: async () => {
        await api.call('apikeys.revoke', { id: k.id });
        toast(t('apiKeys.revoked', { name: k.name }));
        await keys.reload();
      },
    });

  return (
    <div className="page">
      <PageHeader
        title={t('nav.pages.apiKeys')}
        description={t('apiKeys.lead')}
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            {t('apiKeys.new')}
          </Button>
        }
      />
      <Card
        title={scope === 'all' ? t('apiKeys.everyKey') : t('apiKeys.keysOf', { company: company.name })}
        actions={
          isSite && (
            <div className="segmented" role="group" aria-label={t('apiKeys.showKeysOf')}>
              <button type="button" aria-pressed={scope === 'company'} onClick={() => setScope('company')}>
                {t('apiKeys.thisCompany')}
              </button>
              <button type="button" aria-pressed={scope === 'all'} onClick={() => setScope('all')}>
                {t('apiKeys.allWithSite')}
              </button>
            </div>
          )
        }
      >
        <QueryView query={keys}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState
                title={t('apiKeys.none')}
                action={
                  <Button variant="primary" onClick={() => setCreating(true)}>
                    {t('apiKeys.create')}
                  </Button>
                }
              >
                {t('apiKeys.noneBody')}
              </EmptyState>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('apiKeys.cols.name')}</th>
                    <th>{t('apiKeys.cols.prefix')}</th>
                    <th>{t('apiKeys.cols.for')}</th>
                    <th>{t('apiKeys.cols.uses')}</th>
                    <th>{t('apiKeys.cols.created')}</th>
                    <th>{t('apiKeys.cols.lastUsed')}</th>
                    <th>{t('apiKeys.cols.status')}</th>
                    <th className="actions-col">
                      <span className="sr-only">{t('common.actions')}</span>
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
                      <td>{k.scopes.map((s) => t(`apiKeys.scopes.${s}`)).join(t('apiKeys.listSeparator'))}</td>
                      <td className="tabular">{formatDateTime(k.createdAt, tz)}</td>
                      <td className="tabular">
                        {k.lastUsedAt ? formatDateTime(k.lastUsedAt, tz) : <span className="muted">{t('common.never')}</span>}
                      </td>
                      <td>{k.revokedAt ? <Badge>{t('apiKeys.revokedBadge')}</Badge> : <Badge tone="ok">{t('common.active')}</Badge>}</td>
                      <td className="actions-col">
                        {!k.revokedAt && (
                          <Button
                            size="sm"
                            variant="danger"
                            onClick={() => revoke(k)}
                            aria-label={t('apiKeys.revokeLabel', { name: k.name })}
                          >
                            {t('apiKeys.revoke')}
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
      {made && <SecretOnce title={t('apiKeys.createdTitle', { name: made.name })} secret={made.key} onClose={() => setMade(null)} />}
      {confirm.dialog}
    </div>
  );
}
