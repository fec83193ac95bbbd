import { useTranslation } from 'react-i18next';
import type { CompanyDto } from '../../../../src-shared/contract';
import type { PoolCounts } from '../../../../src-shared/contract/numbers';
import { GLOBAL_STATUSES, type GlobalStatus } from '../../../../src-shared/statuses';
import { Card, Stat } from '../../components/Card';
import { formatDateTime, formatInt } from '../../lib/format';

const GLOBAL_COLOR: Record<GlobalStatus, string> = { active: '#2f855a', complained: '#c53030', power_off: '#4a5568', invalid: '#b83280' };

/** The shared pool at a glance, and what of it this company may still dial. */
export function PoolCard({ counts, company }: { counts: PoolCounts; company: CompanyDto }) {
  const { t } = useTranslation();
  const total = counts.total || 1;
  return (
    <Card title={t('numbers.pool.title')} subtitle={t('numbers.pool.lead', { at: formatDateTime(counts.countedAt, company.timezone) })}>
      <div className="pool">
        <div className="pool-stats">
          <Stat label={t('numbers.pool.total')} value={formatInt(counts.total)} />
          <Stat
            label={t('numbers.pool.available', { company: company.name })}
            value={counts.availableNow === null ? '—' : formatInt(counts.availableNow)}
            hint={t('numbers.pool.availableHint')}
          />
          <Stat
            label={t('numbers.pool.dialed', { company: company.name })}
            value={counts.dialedByCompany === null ? '—' : formatInt(counts.dialedByCompany)}
          />
          <Stat label={t('numbers.pool.leased')} value={formatInt(counts.leasedNow)} hint={t('numbers.pool.leasedHint')} />
        </div>
        <div className="pool-bar" role="img" aria-label={t('numbers.pool.bar')}>
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
              {t(`globalStatuses.${s}`)}{' '}
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
