import { useState } from 'react';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorNote, Notice } from '../../components/Feedback';
import { toast } from '../../components/Toaster';
import { deliverFile } from '../../lib/savedFile';
import { useSession } from '../../state/session';
import type { DeskSettings } from '../../../../src-shared/contract';
import { BackupScheduleForm } from './BackupScheduleForm';

/**
 * A consistent copy of the whole database, taken while the dialers keep working. The backup folder is
 * a place on the server's disk, so only the desk names it: the app's folder dialog, or
 * `dialdesk serve --backup-dir DIR` (a browser cannot show the server's folders).
 */
export function BackupCard({ desk, onFolderChosen }: { desk: DeskSettings; onFolderChosen(): void }) {
  const backupDir = desk.backupDir;
  const [last, setLast] = useState<string | null>(null);
  const headless = useSession((s) => s.shell === 'headless');
  const run = useAction(async (toBackupDir: boolean) => {
    const answer = await api.call('backup.run', { toBackupDir });
    deliverFile(answer, 'Backup');
    if (!answer.cancelled)
      setLast(
        `${answer.fileName}: ${(answer.bytes / 1024 / 1024).toFixed(1)} MB, integrity ${answer.integrity}, ${answer.tookMs} ms${answer.savedTo ? ` · ${answer.savedTo}` : ''}`,
      );
  });
  const choose = useAction(async () => {
    const desk = await api.call('files.chooseBackupDir', {});
    if (desk) {
      toast('Backup folder saved');
      onFolderChosen();
    }
  });
  const error = run.error ?? choose.error;
  return (
    <Card title="Backups" subtitle="A checked copy of every company's data in one file.">
      <div className="form">
        {error && <ErrorNote message={error} />}
        {last && <Notice tone="ok">Backed up {last}</Notice>}
        <div className="field" role="group" aria-labelledby="backup-folder-label" aria-describedby="backup-folder-hint">
          <span className="field-label" id="backup-folder-label">
            Backup folder
          </span>
          <div className="file-choice">
            <span className="file-name" data-testid="backup-folder">
              {backupDir ?? 'Not set'}
            </span>
            {!headless && (
              <Button size="sm" onClick={() => void choose.run()} busy={choose.busy}>
                Choose folder…
              </Button>
            )}
          </div>
          <div className="field-hint" id="backup-folder-hint">
            {headless ? (
              <>
                On the server's disk: set it when starting the server, with <code>dialdesk serve --backup-dir DIR</code>.
              </>
            ) : (
              'Where backups are written on this machine.'
            )}
          </div>
        </div>
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
      <BackupScheduleForm desk={desk} onSaved={onFolderChosen} />
    </Card>
  );
}
