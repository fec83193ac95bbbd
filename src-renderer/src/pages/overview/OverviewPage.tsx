import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useLive, useQuery } from '../../api/hooks';
import { BlockedBadge } from '../../components/Blocked';
import { Badge, Card, PageHeader } from '../../components/Card';
import { EmptyState, QueryView } from '../../components/Feedback';
import { formatInt, formatMoney, formatPercent } from '../../lib/format';
import { navigate } from '../../lib/router';
import { useSession } from '../../state/session';

/** Every company the user works for at a glance: today, wallet, why dialing stopped, dialers, alerts. */
export function OverviewPage() {
  const { t } = useTranslation();
  const query = useQuery(() => api.call('companies.overview', {}), []);
  useLive(['result.reported', 'wallet.changed', 'dialer.seen'], 'all', query.reload);
  const select = useSession((s) => s.selectCompany);
  const open = (companyId: number) => {
    select(companyId);
    navigate('/dashboard');
  };
  return (
    <div className="page">
      <PageHeader title={t('nav.pages.overview')} description={t('overview.lead')} />
      <Card>
        <QueryView query={query}>
          {(rows) =>
            rows.length === 0 ? (
              <EmptyState title={t('overview.none')} />
            ) : (
              <div className="table-wrap">
                <table className="table overview-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('overview.company')}</th>
                      <th scope="col" className="num">
                        {t('overview.calls')}
                      </th>
                      <th scope="col" className="num">
                        {t('overview.answerRate')}
                      </th>
                      <th scope="col" className="num">
                        {t('overview.wallet')}
                      </th>
                      <th scope="col">{t('overview.state')}</th>
                      <th scope="col" className="num">
                        {t('overview.dialers')}
                      </th>
                      <th scope="col" className="num">
                        {t('overview.alerts')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((c) => (
                      <tr key={c.companyId}>
                        <th scope="row">
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => open(c.companyId)}
                            aria-label={t('overview.open', { name: c.name })}
                          >
                            {c.name}
                          </button>
                          {!c.isActive && <Badge tone="warn">{t('common.inactive')}</Badge>}
                        </th>
                        <td className="num tabular">{formatInt(c.today.calls)}</td>
                        <td className="num tabular">{formatPercent(c.today.answerRate)}</td>
                        <td className={`num tabular ${c.walletBalance < 0 ? 'text-danger' : ''}`}>
                          {formatMoney(c.walletBalance, c.currency)}
                        </td>
                        <td>
                          <BlockedBadge block={c.blocked} timeZone={c.timezone} />
                        </td>
                        <td className="num tabular">{formatInt(c.dialersAtWork)}</td>
                        <td className="num tabular">{c.alerts > 0 ? <Badge tone="warn">{formatInt(c.alerts)}</Badge> : formatInt(0)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryView>
      </Card>
    </div>
  );
}
