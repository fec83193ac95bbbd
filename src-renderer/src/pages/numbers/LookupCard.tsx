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
import { GLOBAL_LABEL } from './PoolCard';

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
      title: `Make ${n.phone} dialable again?`,
      body: `Its global status goes from ${GLOBAL_LABEL[n.number!.globalStatus]} back to Active, for every company. Do this only when the complaint or fault is resolved.`,
      confirmLabel: 'Set to active',
      run: async () => {
        await api.call('numbers.resetStatus', { phone: n.phone, status: 'active', note: 'reset from the console' });
        toast(`${n.phone} is active again`);
        onChanged();
        await look.run(n.phone);
      },
    });

  const n = found?.number;
  return (
    <Card title="Look up a number" subtitle={`Its status in the pool and its calls with ${company.name}.`}>
      <form className="lookup-form" onSubmit={submit}>
        <TextField
          label="Phone number"
          value={phone}
          inputMode="tel"
          placeholder="+98 912 345 6789"
          maxLength={40}
          onChange={(e) => setPhone(e.target.value)}
          required
        />
        <CountryPicker label="Country" value={region} onChange={setRegion} />
        <Button type="submit" busy={look.busy}>
          Look up
        </Button>
      </form>
      {look.error && <ErrorNote message={look.error} />}
      {found && !n && <Notice>{found.phone} is not in the pool.</Notice>}
      {found && n && (
        <div className="lookup-result" data-testid="lookup-result">
          <div className="lookup-head">
            <span className="mono strong">{found.phone}</span>
            <Badge tone={n.globalStatus === 'active' ? 'ok' : 'danger'}>{GLOBAL_LABEL[n.globalStatus]}</Badge>
            {n.onCompanyDnc && (
              <Badge tone="danger">
                {t('nav.pages.doNotCall')}: {t('dnc.company', { name: company.name })}
              </Badge>
            )}
            {n.leasedNow && <Badge tone="info">Leased now</Badge>}
            {n.inCooldown && <Badge tone="warn">Cooling down</Badge>}
            {n.dialedByCompany && <Badge>Already dialed by {company.name}</Badge>}
            <span className="spacer" />
            {canReset && n.globalStatus !== 'active' && (
              <Button size="sm" onClick={() => reset(found)}>
                Reset to active
              </Button>
            )}
          </div>
          <p className="muted small">
            From {n.source}, imported {formatDateTime(n.importedAt, company.timezone)} · last called{' '}
            {n.lastCalledAt ? formatDateTime(n.lastCalledAt, company.timezone) : 'never'}
            {n.lastCalledAt && (n.lastCalledByThisCompany ? ` by ${company.name}` : ' by another company')}
          </p>
          {found.results.length === 0 ? (
            <p className="muted">No calls with {company.name}.</p>
          ) : (
            <table className="table compact" aria-label="Calls with this number">
              <thead>
                <tr>
                  <th>Time</th>
                  <th>Status</th>
                  <th className="num">Duration</th>
                  <th className="num">Charged</th>
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
