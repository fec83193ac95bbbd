import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { formatBytes } from '../../lib/format';
import { intlLocale } from '../../lib/locale';
import type { BackupFileDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Card, PageHeader } from '../../components/Card';
import { EmptyState, Notice, QueryView } from '../../components/Feedback';
import { useConfirm } from '../../components/Confirm';

/** Waits until DialDesk answers again after its restart on a restored backup, then reloads the console. */
async function reloadWhenBack(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    try {
      await api.call('app.state', {});
      break;
    } catch {
      // still restarting
    }
  }
  window.location.reload();
}

/**
 * The backups in the desk's backup folder, and a restore of one of them: it replaces every company's
 * data with the backup's, so it is asked for twice. The app or `serve` then restarts on it.
 */
export function BackupsPage() {
  const { t } = useTranslation();
  const status = useQuery(() => api.call('backup.status', {}), []);
  const confirm = useConfirm();
  const [restarting, setRestarting] = useState<string | null>(null);

  const restore = (file: BackupFileDto) =>
    confirm.ask({
      title: t('backups.restoreTitle', { file: file.fileName }),
      body: (
        <>
          <p>{t('backups.restoreBody1', { at: new Date(file.takenAt).toLocaleString(intlLocale()) })}</p>
          <p>{t('backups.restoreBody2')}</p>
        </>
      ),
      confirmLabel: t('backups.restoreConfirm'),
      danger: true,
      async run() {
        const answer = await api.call('backup.restore', { fileName: file.fileName, confirm: true });
        setRestarting(
          answer.migrated.length
            ? t('backups.restoringMigrated', { file: answer.fileName, version: answer.schemaVersion })
            : t('backups.restoring', { file: answer.fileName }),
        );
        void reloadWhenBack();
      },
    });

  return (
    <div className="page">
      <PageHeader title={t('nav.pages.backups')} description={t('backups.lead')} />
      {restarting && <Notice tone="warn">{restarting}</Notice>}
      <Card>
        <QueryView query={status}>
          {(s) =>
            !s.folder ? (
              <EmptyState title={t('backups.noFolder')}>
                <Trans i18nKey="backups.noFolderBody" components={{ code: <code /> }} />
              </EmptyState>
            ) : s.files.length === 0 ? (
              <EmptyState title={t('backups.none')}>{t('backups.noneBody', { folder: s.folder })}</EmptyState>
            ) : (
              <table className="table" aria-label={t('nav.pages.backups')}>
                <thead>
                  <tr>
                    <th>{t('backups.cols.file')}</th>
                    <th>{t('backups.cols.taken')}</th>
                    <th>{t('backups.cols.size')}</th>
                    <th className="actions-col">
                      <span className="sr-only">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {s.files.map((f) => (
                    <tr key={f.fileName}>
                      <td className="mono">{f.fileName}</td>
                      <td className="tabular">{new Date(f.takenAt).toLocaleString(intlLocale())}</td>
                      <td className="tabular">{formatBytes(f.bytes)}</td>
                      <td className="actions-col">
                        <Button
                          size="sm"
                          variant="danger"
                          disabled={restarting !== null}
                          onClick={() => restore(f)}
                          aria-label={t('backups.restoreLabel', { file: f.fileName })}
                        >
                          {t('backups.restore')}
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryView>
      </Card>
      {confirm.dialog}
    </div>
  );
}
