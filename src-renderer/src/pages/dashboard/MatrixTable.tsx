import type { StatsCounts, StatsGroupBy, StatsMatrix } from '../../../../src-shared/contract';
import { CALL_STATUSES, type CallStatus } from '../../../../src-shared/statuses';
import { formatInt, formatMoney, formatPercent } from '../../lib/format';
import { href } from '../../lib/router';
import { STATUS_COLORS, STATUS_LABELS } from '../../lib/statusColors';

const DIM_FILTER: Record<StatsGroupBy, string> = { scenario: 'scenarioId', line: 'outboundLineId', agent: 'agentId' };
const DIM_LABEL: Record<StatsGroupBy, string> = { scenario: 'Scenario', line: 'Outbound line', agent: 'Agent' };

/**
 * Calls per status for each scenario, line or agent. A non-zero count opens the call log filtered to
 * exactly those calls (same local dates, same row, same status).
 */
export function MatrixTable({ matrix }: { matrix: StatsMatrix }) {
  const { rows, totals, groupBy, currency, range } = matrix;
  const logLink = (dimId: number | null, status?: CallStatus) =>
    href('/calls', { from: range.from, to: range.to, status, ...(dimId !== null && { [DIM_FILTER[groupBy]]: dimId }) });

  // the totals come first so they stay in view on a narrow window; the per-status breakdown follows
  const cells = (c: StatsCounts, dimId: number | null) => (
    <>
      <td className="num strong">{c.total ? <a href={logLink(dimId)}>{formatInt(c.total)}</a> : '0'}</td>
      <td className="num">{formatInt(c.billable)}</td>
      <td className="num">{formatPercent(c.answerRate)}</td>
      <td className="num">{formatInt(c.inbound)}</td>
      <td className="num sep">{formatMoney(c.cost, currency)}</td>
      {CALL_STATUSES.map((s) => (
        <td key={s} className={`num ${c.counts[s] ? '' : 'zero'}`}>
          {c.counts[s] ? <a href={logLink(dimId, s)}>{formatInt(c.counts[s])}</a> : '0'}
        </td>
      ))}
    </>
  );

  return (
    <div className="table-wrap">
      <table className="table matrix" aria-label={`Calls by ${DIM_LABEL[groupBy].toLowerCase()} and status`}>
        <thead>
          <tr>
            <th className="sticky-col">{DIM_LABEL[groupBy]}</th>
            <th className="num">Total</th>
            <th className="num">Billable</th>
            <th className="num">Answer rate</th>
            <th className="num">Inbound</th>
            <th className="num sep">Cost</th>
            {CALL_STATUSES.map((s) => (
              <th key={s} className="num status-head" title={s}>
                <span className="status-dot" style={{ background: STATUS_COLORS[s] }} aria-hidden="true" />
                {STATUS_LABELS[s]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row" className="sticky-col row-name">
                {r.name}
              </th>
              {cells(r, r.id)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="sticky-col">
              All
            </th>
            {cells(totals, null)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
