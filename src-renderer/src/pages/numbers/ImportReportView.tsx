import { useTranslation } from 'react-i18next';
import type { DncReport, ImportReport } from '../../../../src-shared/contract/numbers';
import { Notice } from '../../components/Feedback';
import { formatDigits, formatInt } from '../../lib/format';

export function ImportReportView({ report, kind }: { report: ImportReport | DncReport; kind: 'numbers' | 'dnc' }) {
  const { t } = useTranslation();
  const seconds = formatDigits((report.durationMs / 1000).toFixed(1));
  return (
    <div className="import-report" data-testid={`${kind}-report`}>
      <Notice tone={report.rejected ? 'warn' : 'ok'}>
        {t('numbers.report.head', { source: report.source, rows: formatInt(report.rows), seconds })}
        {'marked' in report
          ? report.scope === 'site'
            ? t('numbers.report.dncSite', {
                marked: formatInt(report.marked),
                added: formatInt(report.added),
                known: formatInt(report.known),
              })
            : t('numbers.report.dncOwn', { added: formatInt(report.added), known: formatInt(report.known) })
          : t('numbers.report.added', { added: formatInt(report.added), known: formatInt(report.known) })}
        {' · '}
        {t('numbers.report.rejected', { count: formatInt(report.rejected) })}
        {'list' in report &&
          t(
            report.list.created
              ? report.list.owner === 'site'
                ? 'numbers.report.newSiteList'
                : 'numbers.report.newList'
              : report.list.owner === 'site'
                ? 'numbers.report.siteList'
                : 'numbers.report.ownList',
            { name: report.list.name },
          )}
      </Notice>
      {report.rejectedRows.length > 0 && (
        <table className="table compact" aria-label={t('numbers.report.rejectedRows')}>
          <thead>
            <tr>
              <th className="num">{t('numbers.report.line')}</th>
              <th>{t('numbers.report.value')}</th>
              <th>{t('numbers.report.why')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rejectedRows.map((r) => (
              <tr key={r.line}>
                <td className="num">{formatInt(r.line)}</td>
                <td className="mono">{r.value || <span className="muted">{t('numbers.report.empty')}</span>}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.rejectedRowsTruncated && (
        <p className="muted small">{t('numbers.report.truncated', { count: formatInt(report.rejectedRows.length) })}</p>
      )}
    </div>
  );
}
