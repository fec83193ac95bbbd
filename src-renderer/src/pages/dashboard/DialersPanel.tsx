import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDto } from '../../../../src-shared/contract';
import type { DialerDto } from '../../../../src-shared/contract/dialer';
import { api } from '../../api/client';
import { useLive, useQuery } from '../../api/hooks';
import { BlockedBadge } from '../../components/Blocked';
import { Badge, Card } from '../../components/Card';
import { EmptyState, QueryView } from '../../components/Feedback';
import { formatAgo, formatInt } from '../../lib/format';

const LIVE_MS = 2 * 60_000;

/**
 * The dialers that spoke to this desk, most recent first. dialer.seen events carry the whole row,
 * so the panel updates in place with no refetch; a clock tick keeps "seen … ago" honest.
 */
export function DialersPanel({ company }: { company: CompanyDto }) {
  const { t } = useTranslation();
  const initial = useQuery(() => api.call('dialers.list', { companyId: company.id }), [company.id]);
  // the company's own answer, so the reason shows before any dialer has called in
  const state = useQuery(() => api.call('dialers.state', { companyId: company.id }), [company.id]);
  useLive(['wallet.changed', 'company.changed', 'dialer.seen'], company.id, () => void state.reload(), 5000);
  const [rows, setRows] = useState<DialerDto[] | undefined>(undefined);
  const [now, setNow] = useState(Date.now());

  useEffect(() => setRows(initial.data), [initial.data]);
  useEffect(
    () =>
      api.on('dialer.seen', (d) => {
        if (d.companyId !== company.id) return;
        setRows((list) => [d, ...(list ?? []).filter((x) => x.dialerId !== d.dialerId)]);
      }),
    [company.id],
  );
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(tick);
  }, []);

  return (
    <Card
      title={t('dashboard.dialers.title')}
      subtitle={t('dashboard.dialers.lead')}
      actions={state.data && <BlockedBadge block={state.data.blocked} timeZone={company.timezone} />}
    >
      <QueryView query={{ ...initial, data: rows }}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState title={t('dashboard.dialers.none')}>{t('dashboard.dialers.noneBody')}</EmptyState>
          ) : (
            <ul className="dialers" aria-label={t('dashboard.dialers.title')}>
              {list.map((d) => {
                const live = now - new Date(d.lastSeenAt).getTime() < LIVE_MS;
                return (
                  <li key={d.dialerId} className="dialer">
                    <span className={`pulse ${live ? 'is-live' : ''}`} aria-hidden="true" />
                    <div className="dialer-main">
                      <div className="dialer-name">
                        <strong>{d.dialerId}</strong> <span className="muted small mono">{d.address}</span>
                      </div>
                      <div className="muted small">
                        {t('dashboard.dialers.seen', {
                          ago: formatAgo(d.lastSeenAt, now, company.timezone),
                          batches: formatInt(d.batches),
                          results: formatInt(d.results),
                        })}
                      </div>
                    </div>
                    {d.blocked ? (
                      <BlockedBadge block={d.blocked} timeZone={company.timezone} />
                    ) : live ? (
                      <Badge tone="ok">{t('dashboard.dialers.leased', { count: formatInt(d.liveLeases) })}</Badge>
                    ) : (
                      <Badge>{t('dashboard.dialers.idle')}</Badge>
                    )}
                  </li>
                );
              })}
            </ul>
          )
        }
      </QueryView>
    </Card>
  );
}
