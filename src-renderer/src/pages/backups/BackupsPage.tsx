import { useState } from 'react';
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
  const status = useQuery(() => api.call('backup.status', {}), []);
  const confirm = useConfirm();
  const [restarting, setRestarting] = useState<string | null>(null);

  const restore = (file: BackupFileDto) =>
    confirm.ask({
      title: `Restore ${file.fileName}?`,
      body: (
        <>
          <p>
            Every company's data becomes what it was in this backup ({new Date(file.takenAt).toLocaleString()}). Results, top-ups and
            changes made since then are no longer in the database; it is kept beside the restored one, as dialdesk-before-restore-….sqlite
            in the data folder.
          </p>
          <p>DialDesk restarts on the backup: dialers are refused for a few seconds, and everyone signs in again.</p>
        </>
      ),
      confirmLabel: 'Restore this backup',
      danger: true,
      async run() {
        const answer = await api.call('backup.restore', { fileName: file.fileName, confirm: true });
        setRestarting(
          answer.migrated.length
            ? `Restoring ${answer.fileName} (brought up from ${answer.schemaVersion}): DialDesk is restarting…`
            : `Restoring ${answer.fileName}: DialDesk is restarting…`,
        );
        void reloadWhenBack();
      },
    });

  return (
    <div className="page">
      <PageHeader title="Backups" description="Checked copies of the whole database in this desk's backup folder." />
      {restarting && <Notice tone="warn">{restarting}</Notice>}
      <Card>
        <QueryView query={status}>
          {(s) =>
            !s.folder ? (
              <EmptyState title="No backup folder">
                Set one in Settings (Backups), or start the server with dialdesk serve --backup-dir DIR.
              </EmptyState>
            ) : s.files.length === 0 ? (
              <EmptyState title="No backups yet">Nothing in {s.folder} yet: back up now in Settings, or wait for the schedule.</EmptyState>
            ) : (
              <table className="table" aria-label="Backups">
                <thead>
                  <tr>
                    <th>File</th>
                    <th>Taken</th>
                    <th>Size</th>
                    <th className="actions-col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {s.files.map((f) => (
                    <tr key={f.fileName}>
                      <td className="mono">{f.fileName}</td>
                      <td className="tabular">{new Date(f.takenAt).toLocaleString()}</td>
                      <td className="tabular">{(f.bytes / 1024 / 1024).toFixed(1)} MB</td>
                      <td className="actions-col">
                        <Button
                          size="sm"
                          variant="danger"
                          disabled={restarting !== null}
                          onClick={() => restore(f)}
                          aria-label={`Restore ${f.fileName}`}
                        >
                          Restore
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
