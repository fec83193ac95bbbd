import { useState, type FormEvent } from 'react';
import type { DeskSettings, ScheduledBackupResult } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { Button } from '../../components/Button';
import { ErrorNote, Notice } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';

/** The backup schedule (desk settings) and what its last run did. */
export function BackupScheduleForm({ desk, onSaved }: { desk: DeskSettings; onSaved(): void }) {
  const [every, setEvery] = useState(String(desk.backupEveryHours));
  const [keep, setKeep] = useState(String(desk.backupKeep));
  const [problem, setProblem] = useState<string | null>(null);
  const status = useQuery(() => api.call('backup.status', {}), [desk.backupDir, desk.backupEveryHours, desk.backupKeep]);
  const save = useAction(() => api.call('settings.updateDesk', { backupEveryHours: Number(every), backupKeep: Number(keep) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d+$/.test(every.trim()) || !/^\d+$/.test(keep.trim()) || Number(keep) < 1) {
      return setProblem('Hours and backups kept are whole numbers (hours 0 to turn the schedule off; keep at least 1).');
    }
    setProblem(null);
    if (await save.run()) {
      toast('Backup schedule saved');
      onSaved();
    }
  };

  const s = status.data;
  return (
    <form className="form" onSubmit={submit} aria-label="Backup schedule">
      {(problem ?? save.error) && <ErrorNote message={(problem ?? save.error)!} />}
      <div className="form-row">
        <TextField
          label="Back up every (hours)"
          inputMode="numeric"
          value={every}
          onChange={(e) => setEvery(e.target.value)}
          hint="0: no schedule"
        />
        <TextField
          label="Backups kept"
          inputMode="numeric"
          value={keep}
          onChange={(e) => setKeep(e.target.value)}
          hint="older ones are deleted"
        />
      </div>
      <div data-testid="backup-schedule-status">
        {!desk.backupDir ? (
          <Notice>Scheduled backups start once a backup folder is set.</Notice>
        ) : s?.last ? (
          <LastResult last={s.last} />
        ) : (
          <Notice>No scheduled backup has run yet.</Notice>
        )}
        {s?.nextDueAt && <p className="field-hint">Next: {new Date(s.nextDueAt).toLocaleString()}</p>}
      </div>
      <div className="form-actions">
        <Button type="submit" busy={save.busy}>
          Save schedule
        </Button>
      </div>
    </form>
  );
}

function LastResult({ last }: { last: ScheduledBackupResult }) {
  const when = new Date(last.at).toLocaleString();
  if (!last.ok)
    return (
      <Notice tone="warn">
        The last scheduled backup failed ({when}): {last.error}
      </Notice>
    );
  const mb = ((last.bytes ?? 0) / 1024 / 1024).toFixed(1);
  return (
    <Notice tone="ok">
      Last scheduled backup {when}: {last.fileName}, {mb} MB in {last.tookMs} ms
      {last.removed.length > 0 && ` (${last.removed.length} older removed)`}
    </Notice>
  );
}
