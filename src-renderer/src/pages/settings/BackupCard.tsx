import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorNote, Notice } from '../../components/Feedback';
import { toast } from '../../components/Toaster';
import { deliverFile } from '../../lib/savedFile';
import { formatBytes, formatInt } from '../../lib/format';
import { useSession } from '../../state/session';
import type { DeskSettings } from '../../../../src-shared/contract';
import { BackupScheduleForm } from './BackupScheduleForm';

/**
 * A consistent copy of the whole database, taken while the dialers keep working. The backup folder is
 * a place on the server's disk, so only the desk names it: the app's folder dialog, or
 * `dialdesk serve --backup-dir DIR` (a browser cannot show the server's folders).
 */
export function BackupCard({ desk, onFolderChosen }: { desk: DeskSettings; onFolderChosen(): void }) {
  const { t } = useTranslation();
  const backupDir = desk.backupDir;
  const [last, setLast] = useState<string | null>(null);
  const headless = useSession((s) => s.shell === 'headless');
  const run = useAction(async (toBackupDir: boolean) => {
    const answer = await api.call('backup.run', { toBackupDir });
    deliverFile(answer, t('settings.backup.file'));
    if (!answer.cancelled)
      setLast(
        t('settings.backup.done', {
          file: answer.fileName,
          size: formatBytes(answer.bytes),
          integrity: answer.integrity,
          ms: formatInt(answer.tookMs),
        }) + (answer.savedTo ? ` · ${answer.savedTo}` : ''),
      );
  });
  const choose = useAction(async () => {
    const desk = await api.call('files.chooseBackupDir', {});
    if (desk) {
      toast(t('settings.backup.folderSaved'));
      onFolderChosen();
    }
  });
  const error = run.error ?? choose.error;
  return (
    <Card title={t('settings.backup.title')} subtitle={t('settings.backup.lead')}>
      <div className="form">
        {error && <ErrorNote message={error} />}
        {last && <Notice tone="ok">{last}</Notice>}
        <div className="field" role="group" aria-labelledby="backup-folder-label" aria-describedby="backup-folder-hint">
          <span className="field-label" id="backup-folder-label">
            {t('settings.backup.folder')}
          </span>
          <div className="file-choice">
            <span className="file-name" data-testid="backup-folder">
              {backupDir ?? t('settings.backup.notSet')}
            </span>
            {!headless && (
              <Button size="sm" onClick={() => void choose.run()} busy={choose.busy}>
                {t('settings.backup.choose')}
              </Button>
            )}
          </div>
          <div className="field-hint" id="backup-folder-hint">
            {headless ? <Trans i18nKey="settings.backup.headlessHint" components={{ code: <code /> }} /> : t('settings.backup.hint')}
          </div>
        </div>
        <div className="form-actions">
          {backupDir && (
            <Button onClick={() => void run.run(true)} busy={run.busy}>
              {t('settings.backup.toFolder')}
            </Button>
          )}
          <Button variant="primary" onClick={() => void run.run(false)} busy={run.busy}>
            {t('settings.backup.now')}
          </Button>
        </div>
      </div>
      <BackupScheduleForm desk={desk} onSaved={onFolderChosen} />
    </Card>
  );
}
