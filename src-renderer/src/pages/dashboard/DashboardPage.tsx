import { useState } from 'react';
import type { CompanyDto, StatsGroupBy, StatsSeries } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useLive, useQuery } from '../../api/hooks';
import { Card, PageHeader } from '../../components/Card';
import { EmptyState, ErrorNote, QueryView } from '../../components/Feedback';
import { navigate, useRoute } from '../../lib/router';
import { formatTime } from '../../lib/format';
import { AnswerRateChart, VolumeChart } from './Charts';
import { KpiStrip } from './KpiStrip';
import { MatrixTable } from './MatrixTable';
import { RangePicker } from './RangePicker';
import { granularityFor, rangeFromQuery, rangeToQuery, toInput, type RangeChoice } from './range';
import { WalletCard } from './WalletCard';
import { DialersPanel } from './DialersPanel';
import { PauseBanner } from '../lifecycle/PauseBanner';
import { AttemptsCard } from '../lifecycle/AttemptsCard';

const GROUPS: { value: StatsGroupBy; label: string }[] = [
  { value: 'scenario', label: 'Scenario' },
  { value: 'line', label: 'Outbound line' },
  { value: 'agent', label: 'Agent' },
];

/** The window a supervisor keeps open: it refetches (at most once a second) as results arrive. */
export function DashboardPage({ company }: { company: CompanyDto }) {
  const { query } = useRoute();
  const range = rangeFromQuery(query);
  const groupBy = (GROUPS.find((g) => g.value === query.get('by'))?.value ?? 'scenario') as StatsGroupBy;
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
        title="Dashboard"
        description={
          <>
            <span className="live-dot" title="Updates as the dialers report" aria-hidden="true" />
            {resolved
              ? `${resolved.from === resolved.to ? resolved.from : `${resolved.from} – ${resolved.to}`} · ${company.timezone}`
              : company.timezone}
            {lastUpdate && <span className="muted"> · updated {formatTime(new Date(lastUpdate).toISOString(), company.timezone)}</span>}
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
            title="Calls by status"
            subtitle="Counts open the call log with the same filter."
            actions={
              <div className="segmented" role="group" aria-label="Rows by">
                {GROUPS.map((g) => (
                  <button key={g.value} type="button" aria-pressed={g.value === groupBy} onClick={() => go({ by: g.value })}>
                    {g.label}
                  </button>
                ))}
              </div>
            }
          >
            <QueryView query={matrix} loadingLabel="Counting calls…">
              {(m) =>
                m.totals.total === 0 ? (
                  <EmptyState title="No calls in this range">Results appear here the moment a dialer reports them.</EmptyState>
                ) : (
                  <MatrixTable matrix={m} />
                )
              }
            </QueryView>
          </Card>
          <div className="grid-2">
            <Card title={`Volume by ${granularity}`} subtitle="Stacked by status">
              <QueryView query={series}>{(s) => (hasCalls(s) ? <VolumeChart series={s} /> : <NoChart />)}</QueryView>
            </Card>
            <Card title="Answer rate" subtitle="Billable calls as a share of dialed calls">
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
  return <div className="chart-empty muted">Nothing to chart in this range yet.</div>;
}
