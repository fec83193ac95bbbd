import { useTranslation } from 'react-i18next';
import type { StatsMatrix } from '../../../../src-shared/contract';
import { Stat } from '../../components/Card';
import { formatDuration, formatInt, formatMoney, formatPercent } from '../../lib/format';

export function KpiStrip({ matrix }: { matrix: StatsMatrix }) {
  const { t: tr } = useTranslation();
  const t = matrix.totals;
  const leads = t.counts.INTERESTED;
  return (
    <div className="kpis card">
      <Stat
        label={tr('dashboard.kpi.calls')}
        value={formatInt(t.total)}
        hint={tr('dashboard.kpi.callsHint', { dialed: formatInt(t.outbound), inbound: formatInt(t.inbound) })}
      />
      <Stat label={tr('dashboard.kpi.billable')} value={formatInt(t.billable)} hint={tr('dashboard.kpi.billableHint')} />
      <Stat label={tr('dashboard.kpi.answerRate')} value={formatPercent(t.answerRate)} hint={tr('dashboard.kpi.answerRateHint')} />
      <Stat label={tr('dashboard.kpi.leads')} value={formatInt(leads)} hint={tr('dashboard.kpi.leadsHint')} />
      <Stat label={tr('dashboard.kpi.talk')} value={formatDuration(t.durationS)} hint={tr('dashboard.kpi.talkHint')} />
      <Stat label={tr('dashboard.kpi.cost')} value={formatMoney(t.cost, matrix.currency)} hint={tr('dashboard.kpi.costHint')} />
    </div>
  );
}
