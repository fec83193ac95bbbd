import type { CallDetail, CompanyDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { QueryView } from '../../components/Feedback';
import { formatDateTime, formatDuration, formatMoney } from '../../lib/format';
import { RecordingPlayer } from '../inbound/RecordingPlayer';
import { StatusBadge } from './CallTable';

/** One call: what happened, what was said and captured, what it cost, and the number's story here. */
export function CallDetailDialog({
  company,
  id,
  onClose,
  onOpen,
}: {
  company: CompanyDto;
  id: number;
  onClose(): void;
  onOpen(id: number): void;
}) {
  const call = useQuery(() => api.call('calls.get', { companyId: company.id, id }), [company.id, id]);
  return (
    <Dialog open wide title={call.data ? `Call to ${call.data.phone}` : 'Call'} onClose={onClose}>
      <QueryView query={call} loadingLabel="Opening the call…">
        {(c) => <Detail c={c} company={company} onOpen={onOpen} />}
      </QueryView>
    </Dialog>
  );
}

function Detail({ c, company, onOpen }: { c: CallDetail; company: CompanyDto; onOpen(id: number): void }) {
  const tz = company.timezone;
  const facts: [string, React.ReactNode][] = [
    ['Status', <StatusBadge key="s" status={c.status} />],
    ['Started', formatDateTime(c.startedAt, tz)],
    ['Duration', formatDuration(c.durationS)],
    ['Direction', c.direction === 'inbound' ? 'Inbound' : 'Outbound'],
    ['Scenario', c.scenarioName ? `${c.scenarioName} (${c.scenarioKey})` : '—'],
    ['Line', c.outboundLineName ? `${c.outboundLineName} · ${c.outboundLinePhone}` : '—'],
    ['Agent', c.agentName ?? '—'],
    ['Charged', c.billable ? formatMoney(c.amountCharged, c.currency) : 'not billable'],
    ['Dialer', c.dialerId ?? '—'],
    [
      'Dialer call id',
      <span key="cid" className="mono">
        {c.callId}
      </span>,
    ],
  ];
  return (
    <div className="call-detail">
      <dl className="facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <section>
        <h3>Recording</h3>
        {c.recordingUrl ? (
          <RecordingPlayer companyId={company.id} callId={c.id} url={c.recordingUrl} />
        ) : (
          <p className="muted">No recording for this call.</p>
        )}
      </section>
      <section>
        <h3>Transcript</h3>
        {c.transcript ? <pre className="code transcript">{c.transcript}</pre> : <p className="muted">No transcript.</p>}
      </section>
      <section>
        <h3>Captured data</h3>
        {c.data === null ? (
          <p className="muted">The dialer captured nothing for this call.</p>
        ) : (
          <pre className="code" data-testid="call-data">
            {typeof c.data === 'string' ? c.data : JSON.stringify(c.data, null, 2)}
          </pre>
        )}
      </section>
      {c.ledgerEntries.length > 0 && (
        <section>
          <h3>Money</h3>
          <ul className="plain-list">
            {c.ledgerEntries.map((e) => (
              <li key={e.id}>
                {e.kind} {formatMoney(e.amount, c.currency)} · balance after {formatMoney(e.balanceAfter, c.currency)} ·{' '}
                {formatDateTime(e.createdAt, tz)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h3>This number at {company.name}</h3>
        {c.history.length === 0 ? (
          <p className="muted">No other calls to or from this number.</p>
        ) : (
          <table className="table compact" aria-label="Number history">
            <thead>
              <tr>
                <th>Time</th>
                <th>Status</th>
                <th>Scenario</th>
                <th className="num">Duration</th>
              </tr>
            </thead>
            <tbody>
              {c.history.map((h) => (
                <tr key={h.id} className="is-clickable" onClick={() => onOpen(h.id)}>
                  <td className="tabular">{formatDateTime(h.startedAt, tz)}</td>
                  <td>
                    <StatusBadge status={h.status} />
                  </td>
                  <td>{h.scenarioName ?? '—'}</td>
                  <td className="num">{formatDuration(h.durationS)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {c.historyTruncated && <p className="muted small">Older calls are in the call log (filter by this phone).</p>}
      </section>
    </div>
  );
}
