import { useCallback, useEffect, useRef, useState } from 'react';
import type { CompanyDto, LedgerEntryDto, LedgerKindDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { errorText } from '../../api/errors';
import { useLive } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Badge, Card } from '../../components/Card';
import { EmptyState, ErrorNote, Loading } from '../../components/Feedback';
import { formatDateTime, formatMoney } from '../../lib/format';
import { href } from '../../lib/router';

const KIND: Record<LedgerKindDto, { label: string; tone: 'ok' | 'neutral' | 'info' | 'warn' }> = {
  topup: { label: 'Top-up', tone: 'ok' },
  charge: { label: 'Charge', tone: 'neutral' },
  refund: { label: 'Refund', tone: 'info' },
  adjustment: { label: 'Adjustment', tone: 'warn' },
};

/** Newest first, page by page; a wallet move anywhere refreshes the first page. */
export function LedgerCard({ company, version }: { company: CompanyDto; version: number }) {
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
      title="Ledger"
      subtitle="Every top-up, charge, refund and adjustment, newest first."
      actions={
        <select
          className="input input-compact"
          aria-label="Kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as LedgerKindDto | '')}
        >
          <option value="">All kinds</option>
          {(Object.keys(KIND) as LedgerKindDto[]).map((k) => (
            <option key={k} value={k}>
              {KIND[k].label}
            </option>
          ))}
        </select>
      }
    >
      {state.error && <ErrorNote message={state.error} onRetry={() => void load(null)} />}
      {state.loading && rows.length === 0 ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState title="No entries yet">Top up the wallet to start dialing.</EmptyState>
      ) : (
        <>
          <table className="table" aria-label="Ledger">
            <thead>
              <tr>
                <th>Time</th>
                <th>Kind</th>
                <th>Note</th>
                <th>By</th>
                <th className="num">Amount</th>
                <th className="num">Balance after</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id}>
                  <td className="tabular nowrap">{formatDateTime(e.createdAt, company.timezone)}</td>
                  <td>
                    <Badge tone={KIND[e.kind].tone}>{KIND[e.kind].label}</Badge>
                  </td>
                  <td>
                    {e.note || (!e.callResultId && <span className="muted">—</span>)}
                    {e.callResultId && (
                      <>
                        {e.note && ' · '}
                        <a href={href('/calls', { id: e.callResultId })}>open call</a>
                      </>
                    )}
                  </td>
                  <td>{e.username ?? <span className="muted">{e.kind === 'charge' ? 'dialer' : '—'}</span>}</td>
                  <td className={`num ${e.amount < 0 ? 'neg' : 'pos'}`}>{formatMoney(e.amount, company.currency)}</td>
                  <td className="num">{formatMoney(e.balanceAfter, company.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="table-foot">
            <span className="muted small">{rows.length} shown</span>
            {next ? (
              <Button onClick={() => void load(next)} busy={state.loading}>
                Load more
              </Button>
            ) : (
              <span className="muted small">First entry reached</span>
            )}
          </div>
        </>
      )}
    </Card>
  );
}
