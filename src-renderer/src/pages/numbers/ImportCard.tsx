import { useEffect, useState, type FormEvent } from 'react';
import type { PickedFile } from '../../../../src-shared/contract/files';
import type { DncReport, ImportReport } from '../../../../src-shared/contract/numbers';
import type { EventMap } from '../../../../src-shared/events';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorNote } from '../../components/Feedback';
import { formatInt } from '../../lib/format';
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
  const [picked, setPicked] = useState<PickedFile | null>(null);
  const [upload, setUpload] = useState<EventMap['upload.progress'] | null>(null);
  // filled in, not a grey placeholder that looks filled in: the company's country, or none said so
  const [region, setRegion] = useState(defaultCountry ?? '');
  const [listName, setListName] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [report, setReport] = useState<ImportReport | DncReport | null>(null);
  const title = kind === 'numbers' ? 'Import numbers' : 'Do-not-call list';

  const choose = useAction(async () => {
    setReport(null);
    const file = await api.call('files.pickOpen', {});
    if (file) setPicked(file);
  });

  const run = useAction(async () => {
    if (!picked) throw new Error('Choose a file first.');
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
    kind === 'numbers'
      ? 'A CSV or text file with one phone number per line (or a "phone" column). Known numbers are skipped; bad rows are listed.'
      : 'The site owner’s list keeps its numbers from every company; a company admin’s list keeps them from that company alone.';

  return (
    <Card title={title} subtitle={lead}>
      <form className="form" onSubmit={submit}>
        {(choose.error ?? run.error) && <ErrorNote message={(choose.error ?? run.error)!} />}
        <div className="form-row">
          <div className="field" role="group" aria-labelledby={`${kind}-file-label`} aria-describedby={`${kind}-file-hint`}>
            <span className="field-label" id={`${kind}-file-label`}>
              File
            </span>
            <div className="file-choice">
              <Button onClick={() => void choose.run()} busy={choose.busy} disabled={run.busy}>
                Choose file…
              </Button>
              <span className="file-name" data-testid={`${kind}-file`}>
                {picked?.name ?? upload?.name ?? 'No file chosen'}
              </span>
            </div>
            <div className="field-hint" id={`${kind}-file-hint`}>
              {picked ? `${formatBytes(picked.bytes)}, ready to import` : 'A .csv or .txt list, one number a line or a "phone" column.'}
            </div>
          </div>
          <CountryPicker
            label="Country of national numbers"
            value={region}
            onChange={setRegion}
            hint="For numbers without +country code."
          />
          {kind === 'numbers' && (
            <TextField
              label="List"
              value={listName}
              maxLength={120}
              placeholder={picked?.name ?? 'the file name'}
              onChange={(e) => setListName(e.target.value)}
              hint="A list of the same name is added to."
            />
          )}
        </div>
        {upload && (
          <div className="import-progress" aria-live="polite">
            <div
              className="progress"
              role="progressbar"
              aria-label={`Upload of ${upload.name}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={uploadPct ?? undefined}
            >
              <div style={{ width: `${uploadPct ?? 8}%` }} className={uploadPct === null ? 'indeterminate' : undefined} />
            </div>
            <span className="muted small">
              Uploading {upload.name}… {formatBytes(upload.sent)} of {formatBytes(upload.total)}
            </span>
          </div>
        )}
        {progress && (
          <div className="import-progress" aria-live="polite">
            <div
              className="progress"
              role="progressbar"
              aria-label={`${title} progress`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={pct ?? undefined}
            >
              <div style={{ width: `${pct ?? 8}%` }} className={pct === null ? 'indeterminate' : undefined} />
            </div>
            <span className="muted small">
              {progress.phase === 'reading' ? 'Reading the file…' : progress.phase === 'writing' ? 'Adding to the pool…' : progress.phase}
              {progress.done > 0 && ` ${formatInt(progress.done)}${progress.total ? ` of ${formatInt(progress.total)}` : ''} rows`}
            </span>
          </div>
        )}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={run.busy} disabled={!picked || choose.busy}>
            {kind === 'numbers' ? 'Import' : 'Import do-not-call list'}
          </Button>
        </div>
      </form>
      {report && <ImportReportView report={report} kind={kind} />}
    </Card>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
