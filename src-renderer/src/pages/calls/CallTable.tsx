import type { CallListItem, CompanyDto } from '../../../../src-shared/contract';
import { Badge } from '../../components/Card';
import { formatDateTime, formatDuration, formatMoney } from '../../lib/format';
import { STATUS_COLORS, STATUS_LABELS } from '../../lib/statusColors';

export function StatusBadge({ status }: { status: CallListItem['status'] }) {
  return <Badge color={STATUS_COLORS[status]}>{STATUS_LABELS[status]}</Badge>;
}

/** One row per call; a row (or Enter on it) opens the detail. */
export function CallTable({ rows, company, onOpen }: { rows: CallListItem[]; company: CompanyDto; onOpen(id: number): void }) {
  return (
    <div className="table-wrap">
      <table className="table calls-table">
        <thead>
          <tr>
            <th>Time</th>
            <th>Phone</th>
            <th>Status</th>
            <th>Scenario</th>
            <th>Line</th>
            <th>Agent</th>
            <th className="num">Duration</th>
            <th className="num">Charged</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id} className="is-clickable" onClick={() => onOpen(c.id)}>
              <td className="nowrap tabular">{formatDateTime(c.startedAt, company.timezone)}</td>
              <td>
                <button
                  type="button"
                  className="link-button mono"
                  onClick={(e) => {
                    e.stopPropagation();
                    onOpen(c.id);
                  }}
                  aria-label={`Open call ${c.id} to ${c.phone}`}
                >
                  {c.phone}
                </button>
                {c.direction === 'inbound' && <span className="muted small"> · in</span>}
              </td>
              <td>
                <StatusBadge status={c.status} />
              </td>
              <td>{c.scenarioName ?? <span className="muted">—</span>}</td>
              <td>{c.outboundLineName ?? <span className="muted">—</span>}</td>
              <td>{c.agentName ?? <span className="muted">—</span>}</td>
              <td className="num">{formatDuration(c.durationS)}</td>
              <td className="num">{c.amountCharged ? formatMoney(c.amountCharged, company.currency) : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
