import type { DncReport, ImportReport } from '../../../../src-shared/contract/numbers';
import { Notice } from '../../components/Feedback';
import { formatInt } from '../../lib/format';

export function ImportReportView({ report, kind }: { report: ImportReport | DncReport; kind: 'numbers' | 'dnc' }) {
  const seconds = (report.durationMs / 1000).toFixed(1);
  return (
    <div className="import-report" data-testid={`${kind}-report`}>
      <Notice tone={report.rejected ? 'warn' : 'ok'}>
        {report.source}: {formatInt(report.rows)} rows in {seconds} s ·{' '}
        {'marked' in report
          ? report.scope === 'site'
            ? `${formatInt(report.marked)} marked do-not-call in the pool, ${formatInt(report.added)} added to the site list, ${formatInt(report.known)} already on it`
            : `${formatInt(report.added)} added to this company’s own list, ${formatInt(report.known)} already on it`
          : `${formatInt(report.added)} added, ${formatInt(report.known)} already known`}
        {' · '}
        {formatInt(report.rejected)} rejected
        {'list' in report &&
          ` · ${report.list.created ? 'new ' : ''}${report.list.owner === 'site' ? 'site list' : 'list'} “${report.list.name}”`}
      </Notice>
      {report.rejectedRows.length > 0 && (
        <table className="table compact" aria-label="Rejected rows">
          <thead>
            <tr>
              <th className="num">Line</th>
              <th>Value</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {report.rejectedRows.map((r) => (
              <tr key={r.line}>
                <td className="num">{r.line}</td>
                <td className="mono">{r.value || <span className="muted">(empty)</span>}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.rejectedRowsTruncated && <p className="muted small">Only the first {report.rejectedRows.length} rejected rows are listed.</p>}
    </div>
  );
}
