import type { StatsMatrix } from '../../../../src-shared/contract';
import { Stat } from '../../components/Card';
import { formatDuration, formatInt, formatMoney, formatPercent } from '../../lib/format';

export function KpiStrip({ matrix }: { matrix: StatsMatrix }) {
  const t = matrix.totals;
  const leads = t.counts.INTERESTED;
  return (
    <div className="kpis card">
      <Stat label="Calls" value={formatInt(t.total)} hint={`${formatInt(t.outbound)} dialed · ${formatInt(t.inbound)} inbound`} />
      <Stat label="Billable" value={formatInt(t.billable)} hint="reached a person" />
      <Stat label="Answer rate" value={formatPercent(t.answerRate)} hint="billable ÷ dialed" />
      <Stat label="Leads" value={formatInt(leads)} hint="status Interested" />
      <Stat label="Talk time" value={formatDuration(t.durationS)} hint="all calls" />
      <Stat label="Cost" value={formatMoney(t.cost, matrix.currency)} hint="charged to the wallet" />
    </div>
  );
}
