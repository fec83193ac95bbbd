import { useTranslation } from 'react-i18next';
import type { CallListItem, CompanyDto } from '../../../../src-shared/contract';
import { Badge } from '../../components/Card';
import { formatDateTime, formatDuration, formatMoney } from '../../lib/format';
import { STATUS_COLORS, statusLabel } from '../../lib/statusColors';

export function StatusBadge({ status }: { status: CallListItem['status'] }) {
  return <Badge color={STATUS_COLORS[status]}>{statusLabel(status)}</Badge>;
}

/** One row per call; a row (or Enter on it) opens the detail. */
export function CallTable({ rows, company, onOpen }: { rows: CallListItem[]; company: CompanyDto; onOpen(id: number): void }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table calls-table">
        <thead>
          <tr>
            <th>{t('calls.table.time')}</th>
            <th>{t('calls.table.phone')}</th>
            <th>{t('calls.table.status')}</th>
            <th>{t('calls.table.scenario')}</th>
            <th>{t('calls.table.line')}</th>
            <th>{t('calls.table.agent')}</th>
            <th className="num">{t('calls.table.duration')}</th>
            <th className="num">{t('calls.table.charged')}</th>
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
                  aria-label={t('calls.table.open', { id: c.id, phone: c.phone })}
                >
                  {c.phone}
                </button>
                {c.direction === 'inbound' && <span className="muted small">{t('calls.table.in')}</span>}
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
