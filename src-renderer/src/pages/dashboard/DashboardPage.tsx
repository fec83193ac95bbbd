import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDto, StatsGroupBy, StatsSeries } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useLive, useQuery } from '../../api/hooks';
import { Card, PageHeader } from '../../components/Card';
import { EmptyState, ErrorNote, QueryView } from '../../components/Feedback';
import { navigate, useRoute } from '../../lib/router';
import { formatDigits, formatTime } from '../../lib/format';
import { AnswerRateChart, VolumeChart } from './Charts';
import { KpiStrip } from './KpiStrip';
import { MatrixTable } from './MatrixTable';
import { RangePicker } from './RangePicker';
import { granularityFor, rangeFromQuery, rangeToQuery, toInput, type RangeChoice } from './range';
import { WalletCard } from './WalletCard';
import { DialersPanel } from './DialersPanel';
import { PauseBanner } from '../lifecycle/PauseBanner';
import { AttemptsCard } from '../lifecycle/AttemptsCard';

const GROUPS: StatsGroupBy[] = ['scenario', 'line', 'agent'];

/** The window a supervisor keeps open: it refetches (at most once a second) as results arrive. */
export function DashboardPage({ company }: { company: CompanyDto }) {
  const { t } = useTranslation();
  const { query } = useRoute();
  const range = rangeFromQuery(query);
  const groupBy = GROUPS.find((g) => g === query.get('by')) ?? 'scenario';
  const granularity = granularityFor(range);
  const rangeKey = JSON.stringify(range);

  const matrix = useQuery(
    () => api.call('stats.matrix', { companyId: company.id, range: toInput(range), groupBy }),
    [company.id, rangeKey, groupBy],
  );
  const series = useQuery(
    () => api.call('stats.series', { companyId: company.id, range: toInput(range), granularity }),
    [company.id, rangeKey, granularity],
  );
  const [lastUpdate, setLastUpdate] = useState<number | null>(null);
  useLive(['result.reported'], company.id, () => {
    setLastUpdate(Date.now());
    void matrix.reload();
    void series.reload();
  });

  const go = (next: { range?: RangeChoice; by?: StatsGroupBy }) =>
    navigate('/dashboard', { ...rangeToQuery(next.range ?? range), by: next.by ?? groupBy }, { replace: true });
  const resolved = matrix.data?.range ?? null;
  // a range the server refuses is one problem, said once: not once per card, and with no retry of the same request
  const refused = matrix.error && !matrix.retryable ? matrix.error : null;

  return (
    <div className="page">
      <PageHeader
        title={t('nav.pages.dashboard')}
        description={
          <>
            <span className="live-dot" title={t('dashboard.liveDot')} aria-hidden="true" />
            {resolved
              ? `${resolved.from === resolved.to ? formatDigits(resolved.from) : `${formatDigits(resolved.from)} – ${formatDigits(resolved.to)}`} · ${company.timezone}`
              : company.timezone}
            {lastUpdate && (
              <span className="muted">
                {' '}
                · {t('dashboard.updated', { time: formatTime(new Date(lastUpdate).toISOString(), company.timezone) })}
              </span>
            )}
          </>
        }
        actions={<RangePicker value={range} resolved={resolved} onChange={(r) => go({ range: r })} />}
      />
      <PauseBanner company={company} />
      {refused && <ErrorNote message={refused} />}
      <div className="dash-top">
        <div className="dash-kpis">{matrix.data && <KpiStrip matrix={matrix.data} />}</div>
        <WalletCard company={company} />
      </div>
      {!refused && (
        <>
          <AttemptsCard company={company} range={toInput(range)} />
          <Card
            title={t('dashboard.byStatus')}
            subtitle={t('dashboard.byStatusLead')}
            actions={
              <div className="segmented" role="group" aria-label={t('dashboard.rowsBy')}>
                {GROUPS.map((g) => (
                  <button key={g} type="button" aria-pressed={g === groupBy} onClick={() => go({ by: g })}>
                    {t(`dashboard.groups.${g}`)}
                  </button>
                ))}
              </div>
            }
          >
            <QueryView query={matrix} loadingLabel={t('dashboard.counting')}>
              {(m) =>
                m.totals.total === 0 ? (
                  <EmptyState title={t('dashboard.noCalls')}>{t('dashboard.noCallsBody')}</EmptyState>
                ) : (
                  <MatrixTable matrix={m} />
                )
              }
            </QueryView>
          </Card>
          <div className="grid-2">
            <Card title={t(`dashboard.volume.${granularity}`)} subtitle={t('dashboard.stacked')}>
              <QueryView query={series}>{(s) => (hasCalls(s) ? <VolumeChart series={s} /> : <NoChart />)}</QueryView>
            </Card>
            <Card title={t('dashboard.answerRate')} subtitle={t('dashboard.answerRateLead')}>
              <QueryView query={series}>{(s) => (hasCalls(s) ? <AnswerRateChart series={s} /> : <NoChart />)}</QueryView>
            </Card>
          </div>
        </>
      )}
      <DialersPanel company={company} />
    </div>
  );
}

const hasCalls = (s: StatsSeries) => s.buckets.some((b) => b.total > 0);

function NoChart() {
  const { t } = useTranslation();
  return <div className="chart-empty muted">{t('dashboard.noChart')}</div>;
}
