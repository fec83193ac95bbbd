import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, formatInt } from '../../lib/format';
import type { DeskSettings, ScheduledBackupResult } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { Button } from '../../components/Button';
import { ErrorNote, Notice } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';
import { intlLocale } from '../../lib/locale';

/** The backup schedule (desk settings) and what its last run did. */
export function BackupScheduleForm({ desk, onSaved }: { desk: DeskSettings; onSaved(): void }) {
  const { t } = useTranslation();
  const [every, setEvery] = useState(String(desk.backupEveryHours));
  const [keep, setKeep] = useState(String(desk.backupKeep));
  const [problem, setProblem] = useState<string | null>(null);
  const status = useQuery(() => api.call('backup.status', {}), [desk.backupDir, desk.backupEveryHours, desk.backupKeep]);
  const save = useAction(() => api.call('settings.updateDesk', { backupEveryHours: Number(every), backupKeep: Number(keep) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d+$/.test(every.trim()) || !/^\d+$/.test(keep.trim()) || Number(keep) < 1) {
      return setProblem(t('settings.backup.badSchedule'));
    }
    setProblem(null);
    if (await save.run()) {
      toast(t('settings.backup.scheduleSaved'));
      onSaved();
    }
  };

  const s = status.data;
  return (
    <form className="form" onSubmit={submit} aria-label={t('settings.backup.schedule')}>
      {(problem ?? save.error) && <ErrorNote message={(problem ?? save.error)!} />}
      <div className="form-row">
        <TextField
          label={t('settings.backup.every')}
          inputMode="numeric"
          maxLength={4}
          value={every}
          onChange={(e) => setEvery(e.target.value)}
          hint={t('settings.backup.everyHint')}
        />
        <TextField
          label={t('settings.backup.keep')}
          inputMode="numeric"
          maxLength={4}
          value={keep}
          onChange={(e) => setKeep(e.target.value)}
          hint={t('settings.backup.keepHint')}
        />
      </div>
      <div data-testid="backup-schedule-status">
        {!desk.backupDir ? (
          <Notice>{t('settings.backup.needsFolder')}</Notice>
        ) : s?.last ? (
          <LastResult last={s.last} />
        ) : (
          <Notice>{t('settings.backup.noneYet')}</Notice>
        )}
        {s?.nextDueAt && (
          <p className="field-hint">{t('settings.backup.next', { at: new Date(s.nextDueAt).toLocaleString(intlLocale()) })}</p>
        )}
      </div>
      <div className="form-actions">
        <Button type="submit" busy={save.busy}>
          {t('settings.backup.saveSchedule')}
        </Button>
      </div>
    </form>
  );
}

function LastResult({ last }: { last: ScheduledBackupResult }) {
  const { t } = useTranslation();
  const when = new Date(last.at).toLocaleString(intlLocale());
  if (!last.ok) return <Notice tone="warn">{t('settings.backup.failed', { at: when, error: last.error })}</Notice>;
  return (
    <Notice tone="ok">
      {t('settings.backup.last', { at: when, file: last.fileName, size: formatBytes(last.bytes ?? 0), ms: formatInt(last.tookMs ?? 0) })}
      {last.removed.length > 0 && t('settings.backup.removed', { count: formatInt(last.removed.length) })}
    </Notice>
  );
}
