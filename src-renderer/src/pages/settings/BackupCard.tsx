import { useState } from 'react';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorNote, Notice } from '../../components/Feedback';
import { deliverFile } from '../../lib/savedFile';

/** A consistent copy of the whole database, taken while the dialers keep working. */
export function BackupCard({ backupDir }: { backupDir: string | null }) {
  const [last, setLast] = useState<string | null>(null);
  const run = useAction(async (toBackupDir: boolean) => {
    const answer = await api.call('backup.run', { toBackupDir });
    deliverFile(answer, 'Backup');
    if (!answer.cancelled) setLast(`${answer.fileName}: ${(answer.bytes / 1024 / 1024).toFixed(1)} MB, integrity ${answer.integrity}, ${answer.tookMs} ms${answer.savedTo ? ` · ${answer.savedTo}` : ''}`);
  });
  return (
    <Card title="Backups" subtitle="A checked copy of every company's data in one file.">
      <div className="form">
        {run.error && <ErrorNote message={run.error} />}
        {last && <Notice tone="ok">Backed up {last}</Notice>}
        <div className="form-actions">
          {backupDir && (
            <Button onClick={() => void run.run(true)} busy={run.busy}>
              Back up to the backup folder
            </Button>
          )}
          <Button variant="primary" onClick={() => void run.run(false)} busy={run.busy}>
            Back up now
          </Button>
        </div>
      </div>
    </Card>
  );
}
