import type { LogLocation } from '../../../../src-shared/contract';
import { Card } from '../../components/Card';

/** Where this desk writes its log, for the site owner who must send it along with a problem. */
export function LogCard({ log }: { log: LogLocation }) {
  const mb = Math.round(log.fileBytes / 1024 / 1024);
  return (
    <Card title="Log" subtitle="What this desk did and every failure with its cause, one JSON line each.">
      {log.folder ? (
        <dl className="facts" data-testid="log-location">
          <dt>Folder</dt>
          <dd>
            <code>{log.folder}</code>
          </dd>
          <dt>Now writing</dt>
          <dd>
            <code>{log.file ?? '—'}</code>
          </dd>
          <dt>Kept</dt>
          <dd>
            the newest {log.files} files of {mb} MB
          </dd>
        </dl>
      ) : (
        <p className="muted">This desk keeps no log file.</p>
      )}
    </Card>
  );
}
