import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Badge, Card, PageHeader } from '../../components/Card';
import { EmptyState, QueryView } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { Button } from '../../components/Button';
import { formatDateTime, formatDigits, formatDuration, formatInt } from '../../lib/format';
import { navigate, useRoute } from '../../lib/router';
import { StatusBadge } from '../calls/CallTable';

/**
 * One number's calls across the companies the user works for (numbers.history), from the search box
 * in the top bar or typed here. The number lives in the address (#/search?phone=…), so Back works.
 */
export function SearchPage({ company }: { company: CompanyDto | null }) {
  const { t } = useTranslation();
  const route = useRoute();
  const asked = route.query.get('phone') ?? '';
  const [phone, setPhone] = useState(asked);
  useEffect(() => setPhone(asked), [asked]);
  const query = useQuery(() => api.call('numbers.history', { phone: asked, companyId: company?.id }), [asked, company?.id], asked !== '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (phone.trim()) navigate('/search', { phone: phone.trim() });
  };
  const zone = company?.timezone ?? 'UTC';
  return (
    <div className="page">
      <PageHeader title={t('search.title')} description={t('search.lead')} />
      <Card>
        <form className="inline-form" onSubmit={submit} role="search">
          <TextField label={t('search.phone')} value={phone} maxLength={40} inputMode="tel" onChange={(e) => setPhone(e.target.value)} />
          <Button type="submit" variant="primary">
            {t('search.submit')}
          </Button>
        </form>
      </Card>
      {asked !== '' && (
        <Card title={query.data ? formatDigits(query.data.phone) : asked}>
          <QueryView query={query}>
            {(h) => (
              <>
                <p className="muted small">
                  {t('search.asked', { e164: formatDigits(h.phone) })}
                  {h.number && (
                    <>
                      {' · '}
                      <Badge tone={h.number.globalStatus === 'active' ? 'ok' : 'danger'}>
                        {t(`globalStatuses.${h.number.globalStatus}`)}
                      </Badge>
                    </>
                  )}
                </p>
                {h.calls.length === 0 ? (
                  <EmptyState title={t('search.empty')} />
                ) : (
                  <div className="table-wrap">
                    <table className="table compact" aria-label={t('search.title')}>
                      <thead>
                        <tr>
                          <th scope="col">{t('search.when')}</th>
                          <th scope="col">{t('search.company')}</th>
                          <th scope="col">{t('search.direction')}</th>
                          <th scope="col">{t('search.status')}</th>
                          <th scope="col" className="num">
                            {t('search.duration')}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {h.calls.map((c) => (
                          <tr key={c.id}>
                            <td className="nowrap tabular">{formatDateTime(c.startedAt, zone)}</td>
                            <td>{c.companyName}</td>
                            <td>{c.direction === 'inbound' ? t('search.inbound') : t('search.outbound')}</td>
                            <td>
                              <StatusBadge status={c.status} />
                            </td>
                            <td className="num tabular">{formatDuration(c.durationS)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
                {h.truncated && (
                  <p className="muted small">{t('search.more', { count: h.calls.length, formatted: formatInt(h.calls.length) })}</p>
                )}
              </>
            )}
          </QueryView>
        </Card>
      )}
    </div>
  );
}
