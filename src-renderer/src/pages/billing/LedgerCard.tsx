import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDto, LedgerEntryDto, LedgerKindDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { errorText } from '../../api/errors';
import { useLive } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Badge, Card } from '../../components/Card';
import { EmptyState, ErrorNote, Loading } from '../../components/Feedback';
import { formatDateTime, formatInt, formatMoney } from '../../lib/format';
import { href } from '../../lib/router';

const KIND_TONE: Record<LedgerKindDto, 'ok' | 'neutral' | 'info' | 'warn'> = {
  topup: 'ok',
  charge: 'neutral',
  refund: 'info',
  adjustment: 'warn',
};

/** Newest first, page by page; a wallet move anywhere refreshes the first page. */
export function LedgerCard({ company, version }: { company: CompanyDto; version: number }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<LedgerKindDto | ''>('');
  const [rows, setRows] = useState<LedgerEntryDto[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<{ loading: boolean; error: string | null }>({ loading: true, error: null });
  const seq = useRef(0);

  const load = useCallback(
    async (cursor: string | null) => {
      const mine = cursor ? seq.current : ++seq.current;
      setState((s) => ({ ...s, loading: true }));
      try {
        const page = await api.call('billing.ledger', {
          companyId: company.id,
          limit: 50,
          ...(kind && { kind }),
          ...(cursor && { cursor }),
        });
        if (mine !== seq.current) return;
        setRows((r) => (cursor ? [...r, ...page.items] : page.items));
        setNext(page.next);
        setState({ loading: false, error: null });
      } catch (err) {
        if (mine === seq.current) setState({ loading: false, error: errorText(err) });
      }
    },
    [company.id, kind],
  );

  useEffect(() => {
    void load(null);
  }, [load, version]);
  useLive(['wallet.changed'], company.id, () => void load(null));

  return (
    <Card
      title={t('billing.ledger.title')}
      subtitle={t('billing.ledger.lead')}
      actions={
        <select
          className="input input-compact"
          aria-label={t('billing.ledger.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as LedgerKindDto | '')}
        >
          <option value="">{t('billing.ledger.allKinds')}</option>
          {(Object.keys(KIND_TONE) as LedgerKindDto[]).map((k) => (
            <option key={k} value={k}>
              {t(`billing.ledger.kinds.${k}`)}
            </option>
          ))}
        </select>
      }
    >
      {state.error && <ErrorNote message={state.error} onRetry={() => void load(null)} />}
      {state.loading && rows.length === 0 ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState title={t('billing.ledger.empty')}>{t('billing.ledger.emptyBody')}</EmptyState>
      ) : (
        <>
          <table className="table" aria-label={t('billing.ledger.title')}>
            <thead>
              <tr>
                <th>{t('billing.ledger.time')}</th>
                <th>{t('billing.ledger.kind')}</th>
                <th>{t('billing.ledger.note')}</th>
                <th>{t('billing.ledger.by')}</th>
                <th className="num">{t('billing.ledger.amount')}</th>
                <th className="num">{t('billing.ledger.after')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id}>
                  <td className="tabular nowrap">{formatDateTime(e.createdAt, company.timezone)}</td>
                  <td>
                    <Badge tone={KIND_TONE[e.kind]}>{t(`billing.ledger.kinds.${e.kind}`)}</Badge>
                  </td>
                  <td>
                    {e.note || (!e.callResultId && <span className="muted">—</span>)}
                    {e.callResultId && (
                      <>
                        {e.note && ' · '}
                        <a className="inline-link" href={href('/calls', { id: e.callResultId })}>
                          {t('billing.ledger.openCall')}
                        </a>
                      </>
                    )}
                  </td>
                  <td>{e.username ?? <span className="muted">{e.kind === 'charge' ? t('billing.ledger.dialer') : '—'}</span>}</td>
                  <td className={`num ${e.amount < 0 ? 'neg' : 'pos'}`}>{formatMoney(e.amount, company.currency)}</td>
                  <td className="num">{formatMoney(e.balanceAfter, company.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="table-foot">
            <span className="muted small">{t('billing.ledger.shown', { count: formatInt(rows.length) })}</span>
            {next ? (
              <Button onClick={() => void load(next)} busy={state.loading}>
                {t('common.loadMore')}
              </Button>
            ) : (
              <span className="muted small">{t('billing.ledger.first')}</span>
            )}
          </div>
        </>
      )}
    </Card>
  );
}
