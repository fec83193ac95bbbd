import type { CompanyDto } from '../../../../src-shared/contract';
import type { PoolCounts } from '../../../../src-shared/contract/numbers';
import { GLOBAL_STATUSES, type GlobalStatus } from '../../../../src-shared/statuses';
import { Card, Stat } from '../../components/Card';
import { formatDateTime, formatInt } from '../../lib/format';

export const GLOBAL_LABEL: Record<GlobalStatus, string> = {
  active: 'Active',
  complained: 'Complained',
  power_off: 'Power off',
  invalid: 'Invalid',
};
const GLOBAL_COLOR: Record<GlobalStatus, string> = { active: '#2f855a', complained: '#c53030', power_off: '#4a5568', invalid: '#b83280' };

/** The shared pool at a glance, and what of it this company may still dial. */
export function PoolCard({ counts, company }: { counts: PoolCounts; company: CompanyDto }) {
  const total = counts.total || 1;
  return (
    <Card title="Number pool" subtitle={`Shared by every company · counted ${formatDateTime(counts.countedAt, company.timezone)}`}>
      <div className="pool">
        <div className="pool-stats">
          <Stat label="In the pool" value={formatInt(counts.total)} />
          <Stat
            label={`Available to ${company.name} now`}
            value={counts.availableNow === null ? '—' : formatInt(counts.availableNow)}
            hint="not dialed by it, not cooling down, not leased"
          />
          <Stat
            label={`Already dialed by ${company.name}`}
            value={counts.dialedByCompany === null ? '—' : formatInt(counts.dialedByCompany)}
          />
          <Stat label="Leased right now" value={formatInt(counts.leasedNow)} hint="handed to dialers" />
        </div>
        <div className="pool-bar" role="img" aria-label="Pool by global status">
          {GLOBAL_STATUSES.map((s) =>
            counts.byStatus[s] ? (
              <span key={s} style={{ width: `${(counts.byStatus[s] / total) * 100}%`, background: GLOBAL_COLOR[s] }} />
            ) : null,
          )}
        </div>
        <ul className="pool-legend">
          {GLOBAL_STATUSES.map((s) => (
            <li key={s}>
              <span className="status-dot" style={{ background: GLOBAL_COLOR[s] }} aria-hidden="true" />
              {GLOBAL_LABEL[s]}{' '}
              <strong className="tabular" data-testid={`pool-${s}`}>
                {formatInt(counts.byStatus[s])}
              </strong>
            </li>
          ))}
        </ul>
      </div>
    </Card>
  );
}
