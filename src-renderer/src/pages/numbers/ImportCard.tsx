import { useEffect, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { PickedFile } from '../../../../src-shared/contract/files';
import type { DncReport, ImportReport } from '../../../../src-shared/contract/numbers';
import type { EventMap } from '../../../../src-shared/events';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorNote } from '../../components/Feedback';
import { formatBytes, formatInt } from '../../lib/format';
import { CountryPicker } from '../../components/Pickers';
import { TextField } from '../../components/Field';
import { ImportReportView } from './ImportReportView';

type Kind = 'numbers' | 'dnc';
interface Progress {
  done: number;
  total: number | null;
  phase: string;
}

/**
 * The file is chosen by the desk (the app's open dialog) or uploaded by the page (`dialdesk serve`):
 * either way the page holds only a one-time handle, never a path or the file's text. The main process
 * streams progress events while it imports, so a million-row file shows a moving bar.
 */
export function ImportCard({
  kind,
  defaultCountry,
  companyId,
  onImported,
}: {
  kind: Kind;
  defaultCountry: string | null;
  /** whose list: a company's own; absent, the signed-in person's (the site's for the owner) */
  companyId?: number;
  onImported(): void;
}) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<PickedFile | null>(null);
  const [upload, setUpload] = useState<EventMap['upload.progress'] | null>(null);
  // filled in, not a grey placeholder that looks filled in: the company's country, or none said so
  const [region, setRegion] = useState(defaultCountry ?? '');
  const [listName, setListName] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [report, setReport] = useState<ImportReport | DncReport | null>(null);
  const title = kind === 'numbers' ? t('numbers.import.numbersTitle') : t('numbers.import.dncTitle');

  const choose = useAction(async () => {
    setReport(null);
    const file = await api.call('files.pickOpen', {});
    if (file) setPicked(file);
  });

  const run = useAction(async () => {
    if (!picked) throw new Error(t('numbers.import.chooseFirst'));
    setReport(null);
    setProgress({ done: 0, total: null, phase: 'reading' });
    const input = {
      file: picked.handle,
      source: picked.name,
      ...(region.trim() && { region: region.trim().toUpperCase() }),
      ...(companyId !== undefined && { companyId }),
    };
    try {
      const answer =
        kind === 'numbers'
          ? await api.call('numbers.import', { ...input, ...(listName.trim() && { list: listName.trim() }) })
          : await api.call('numbers.dnc', input);
      setReport(answer);
      return answer;
    } finally {
      // the handle is used up by the attempt; a failed import may still have added numbers
      setPicked(null);
      onImported();
    }
  });

  useEffect(() => {
    if (!choose.busy) return setUpload(null);
    return api.on('upload.progress', setUpload);
  }, [choose.busy]);
  useEffect(() => {
    if (!run.busy) return setProgress(null);
    return api.on('import.progress', (p) => setProgress({ done: p.done, total: p.total, phase: p.phase }));
  }, [run.busy]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run.run();
  };
  const pct = progress?.total ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;
  const uploadPct = upload && upload.total > 0 ? Math.min(100, Math.round((upload.sent / upload.total) * 100)) : null;
  const lead =
    kind === 'numbers' ? <Trans i18nKey="numbers.import.numbersLead" components={{ code: <code /> }} /> : t('numbers.import.dncLead');

  return (
    <Card title={title} subtitle={lead}>
      <form className="form" onSubmit={submit}>
        {(choose.error ?? run.error) && <ErrorNote message={(choose.error ?? run.error)!} />}
        <div className="form-row">
          <div className="field" role="group" aria-labelledby={`${kind}-file-label`} aria-describedby={`${kind}-file-hint`}>
            <span className="field-label" id={`${kind}-file-label`}>
              {t('numbers.import.file')}
            </span>
            <div className="file-choice">
              <Button onClick={() => void choose.run()} busy={choose.busy} disabled={run.busy}>
                {t('numbers.import.choose')}
              </Button>
              <span className="file-name" data-testid={`${kind}-file`}>
                {picked?.name ?? upload?.name ?? t('numbers.import.noFile')}
              </span>
            </div>
            <div className="field-hint" id={`${kind}-file-hint`}>
              {picked ? (
                t('numbers.import.ready', { size: formatBytes(picked.bytes) })
              ) : (
                <Trans i18nKey="numbers.import.fileHint" components={{ code: <code /> }} />
              )}
            </div>
          </div>
          <CountryPicker label={t('numbers.import.country')} value={region} onChange={setRegion} hint={t('numbers.import.countryHint')} />
          {kind === 'numbers' && (
            <TextField
              label={t('numbers.import.list')}
              value={listName}
              maxLength={120}
              placeholder={picked?.name ?? t('numbers.import.listPlaceholder')}
              onChange={(e) => setListName(e.target.value)}
              hint={t('numbers.import.listHint')}
            />
          )}
        </div>
        {upload && (
          <div className="import-progress" aria-live="polite">
            <div
              className="progress"
              role="progressbar"
              aria-label={t('numbers.import.upload', { name: upload.name })}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={uploadPct ?? undefined}
            >
              <div style={{ width: `${uploadPct ?? 8}%` }} className={uploadPct === null ? 'indeterminate' : undefined} />
            </div>
            <span className="muted small">
              {t('numbers.import.uploading', { name: upload.name, sent: formatBytes(upload.sent), total: formatBytes(upload.total) })}
            </span>
          </div>
        )}
        {progress && (
          <div className="import-progress" aria-live="polite">
            <div
              className="progress"
              role="progressbar"
              aria-label={t('numbers.import.progress', { title })}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={pct ?? undefined}
            >
              <div style={{ width: `${pct ?? 8}%` }} className={pct === null ? 'indeterminate' : undefined} />
            </div>
            <span className="muted small">
              {progress.phase === 'writing' ? t('numbers.import.writing') : t('numbers.import.reading')}
              {progress.done > 0 &&
                (progress.total
                  ? t('numbers.import.rowsOf', { done: formatInt(progress.done), total: formatInt(progress.total) })
                  : t('numbers.import.rows', { done: formatInt(progress.done) }))}
            </span>
          </div>
        )}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={run.busy} disabled={!picked || choose.busy}>
            {kind === 'numbers' ? t('numbers.import.submitNumbers') : t('numbers.import.submitDnc')}
          </Button>
        </div>
      </form>
      {report && <ImportReportView report={report} kind={kind} />}
    </Card>
  );
}
