import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDto } from '../../../../src-shared/contract';
import type { NumberLookup } from '../../../../src-shared/contract/numbers';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Badge, Card } from '../../components/Card';
import { useConfirm } from '../../components/Confirm';
import { ErrorNote, Notice } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';
import { formatDateTime, formatDuration, formatMoney } from '../../lib/format';
import { href } from '../../lib/router';
import { StatusBadge } from '../calls/CallTable';
import { CountryPicker } from '../../components/Pickers';

/** One number's story: its global status, whether this company may dial it, and its calls here. */
export function LookupCard({
  company,
  canReset,
  poolVersion,
  onChanged,
}: {
  company: CompanyDto;
  canReset: boolean;
  /** changes when the pool did (an import): the number shown is looked up again */
  poolVersion: number;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [region, setRegion] = useState(company.defaultCountry ?? '');
  const [found, setFound] = useState<NumberLookup | null>(null);
  const confirm = useConfirm();
  const look = useAction(async (asked: string = phone) => {
    // the last answer goes first: it never stands under the error of a new question
    setFound(null);
    const answer = await api.call('numbers.lookup', {
      companyId: company.id,
      phone: asked,
      ...(region.trim() && { region: region.trim().toUpperCase() }),
    });
    setFound(answer);
  });
  const shown = useRef<string | null>(null);
  shown.current = found?.phone ?? null;
  useEffect(() => {
    if (poolVersion > 0 && shown.current) void look.run(shown.current);
  }, [poolVersion]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void look.run();
  };
  const reset = (n: NumberLookup) =>
    confirm.ask({
      title: t('numbers.lookup.resetTitle', { phone: n.phone }),
      body: t('numbers.lookup.resetBody', { status: t(`globalStatuses.${n.number!.globalStatus}`) }),
      confirmLabel: t('numbers.lookup.resetConfirm'),
      run: async () => {
        await api.call('numbers.resetStatus', { phone: n.phone, status: 'active', note: 'reset from the console' });
        toast(t('numbers.lookup.resetDone', { phone: n.phone }));
        onChanged();
        await look.run(n.phone);
      },
    });

  const n = found?.number;
  return (
    <Card title={t('numbers.lookup.title')} subtitle={t('numbers.lookup.lead', { company: company.name })}>
      <form className="lookup-form" onSubmit={submit}>
        <TextField
          label={t('numbers.lookup.phone')}
          value={phone}
          inputMode="tel"
          placeholder="+98 912 345 6789"
          maxLength={40}
          onChange={(e) => setPhone(e.target.value)}
          required
        />
        <CountryPicker label={t('numbers.lookup.country')} value={region} onChange={setRegion} />
        <Button type="submit" busy={look.busy}>
          {t('numbers.lookup.submit')}
        </Button>
      </form>
      {look.error && <ErrorNote message={look.error} />}
      {found && !n && <Notice>{t('numbers.lookup.notInPool', { phone: found.phone })}</Notice>}
      {found && n && (
        <div className="lookup-result" data-testid="lookup-result">
          <div className="lookup-head">
            <span className="mono strong">{found.phone}</span>
            <Badge tone={n.globalStatus === 'active' ? 'ok' : 'danger'}>{t(`globalStatuses.${n.globalStatus}`)}</Badge>
            {n.onCompanyDnc && (
              <Badge tone="danger">
                {t('nav.pages.doNotCall')}: {t('dnc.company', { name: company.name })}
              </Badge>
            )}
            {n.leasedNow && <Badge tone="info">{t('numbers.lookup.leased')}</Badge>}
            {n.inCooldown && <Badge tone="warn">{t('numbers.lookup.cooling')}</Badge>}
            {n.dialedByCompany && <Badge>{t('numbers.lookup.dialedBy', { company: company.name })}</Badge>}
            <span className="spacer" />
            {canReset && n.globalStatus !== 'active' && (
              <Button size="sm" onClick={() => reset(found)}>
                {t('numbers.lookup.reset')}
              </Button>
            )}
          </div>
          <p className="muted small">
            {t('numbers.lookup.from', {
              source: n.source,
              at: formatDateTime(n.importedAt, company.timezone),
              last: n.lastCalledAt ? formatDateTime(n.lastCalledAt, company.timezone) : t('common.never'),
            })}
            {n.lastCalledAt &&
              (n.lastCalledByThisCompany ? t('numbers.lookup.byThis', { company: company.name }) : t('numbers.lookup.byOther'))}
          </p>
          {found.results.length === 0 ? (
            <p className="muted">{t('numbers.lookup.noCalls', { company: company.name })}</p>
          ) : (
            <table className="table compact" aria-label={t('numbers.lookup.calls')}>
              <thead>
                <tr>
                  <th>{t('numbers.lookup.time')}</th>
                  <th>{t('numbers.lookup.status')}</th>
                  <th className="num">{t('numbers.lookup.duration')}</th>
                  <th className="num">{t('numbers.lookup.charged')}</th>
                </tr>
              </thead>
              <tbody>
                {found.results.map((r) => (
                  <tr key={r.id}>
                    <td className="tabular">
                      <a href={href('/calls', { id: r.id })}>{formatDateTime(r.startedAt, company.timezone)}</a>
                    </td>
                    <td>
                      <StatusBadge status={r.status} />
                    </td>
                    <td className="num">{formatDuration(r.durationS)}</td>
                    <td className="num">{r.amountCharged ? formatMoney(r.amountCharged, company.currency) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      {confirm.dialog}
    </Card>
  );
}
