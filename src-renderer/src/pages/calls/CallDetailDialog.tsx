import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  const call = useQuery(() => api.call('calls.get', { companyId: company.id, id }), [company.id, id]);
  return (
    <Dialog
      open
      wide
      title={call.data ? t('callDetail.title', { phone: call.data.phone }) : t('callDetail.titleLoading')}
      onClose={onClose}
    >
      <QueryView query={call} loadingLabel={t('callDetail.loading')}>
        {(c) => <Detail c={c} company={company} onOpen={onOpen} />}
      </QueryView>
    </Dialog>
  );
}

function Detail({ c, company, onOpen }: { c: CallDetail; company: CompanyDto; onOpen(id: number): void }) {
  const { t } = useTranslation();
  const tz = company.timezone;
  // keys, ids and phones are codes: set in monospace, left to right in Persian too
  const code = (text: string | null | undefined) => (text ? <span className="mono">{text}</span> : '—');
  const facts: [string, React.ReactNode][] = [
    [t('callDetail.facts.status'), <StatusBadge key="s" status={c.status} />],
    [t('callDetail.facts.started'), formatDateTime(c.startedAt, tz)],
    [t('callDetail.facts.duration'), formatDuration(c.durationS)],
    [t('callDetail.facts.direction'), c.direction === 'inbound' ? t('callDetail.inbound') : t('callDetail.outbound')],
    [
      t('callDetail.facts.scenario'),
      c.scenarioName ? (
        <>
          {c.scenarioName} ({code(c.scenarioKey)})
        </>
      ) : (
        '—'
      ),
    ],
    [
      t('callDetail.facts.line'),
      c.outboundLineName ? (
        <>
          {c.outboundLineName} · {code(c.outboundLinePhone)}
        </>
      ) : (
        '—'
      ),
    ],
    [t('callDetail.facts.agent'), c.agentName ?? '—'],
    [t('callDetail.facts.charged'), c.billable ? formatMoney(c.amountCharged, c.currency) : t('callDetail.notBillable')],
    [t('callDetail.facts.dialer'), code(c.dialerId)],
    [t('callDetail.facts.callId'), code(c.callId)],
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
        <h3>{t('callDetail.recording')}</h3>
        {c.recordingUrl ? (
          <RecordingPlayer companyId={company.id} callId={c.id} url={c.recordingUrl} />
        ) : (
          <p className="muted">{t('callDetail.noRecording')}</p>
        )}
      </section>
      <section>
        <h3>{t('callDetail.transcript')}</h3>
        {c.transcript ? (
          <pre className="code transcript" dir="auto">
            {c.transcript}
          </pre>
        ) : (
          <p className="muted">{t('callDetail.noTranscript')}</p>
        )}
      </section>
      <section>
        <h3>{t('callDetail.data')}</h3>
        {c.data === null ? (
          <p className="muted">{t('callDetail.noData')}</p>
        ) : (
          <pre className="code" dir={typeof c.data === 'string' ? 'auto' : 'ltr'} data-testid="call-data">
            {typeof c.data === 'string' ? c.data : JSON.stringify(c.data, null, 2)}
          </pre>
        )}
      </section>
      {c.ledgerEntries.length > 0 && (
        <section>
          <h3>{t('callDetail.money')}</h3>
          <ul className="plain-list">
            {c.ledgerEntries.map((e) => (
              <li key={e.id}>
                {t('callDetail.ledgerLine', {
                  kind: t(`callDetail.kinds.${e.kind}`),
                  amount: formatMoney(e.amount, c.currency),
                  balance: formatMoney(e.balanceAfter, c.currency),
                  time: formatDateTime(e.createdAt, tz),
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h3>{t('callDetail.history', { company: company.name })}</h3>
        {c.history.length === 0 ? (
          <p className="muted">{t('callDetail.noHistory')}</p>
        ) : (
          <table className="table compact" aria-label={t('callDetail.historyLabel')}>
            <thead>
              <tr>
                <th>{t('calls.table.time')}</th>
                <th>{t('calls.table.status')}</th>
                <th>{t('calls.table.scenario')}</th>
                <th className="num">{t('calls.table.duration')}</th>
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
        {c.historyTruncated && <p className="muted small">{t('callDetail.historyTruncated')}</p>}
      </section>
    </div>
  );
}
