import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DncReport, ImportReport } from '../../../../src-shared/contract/numbers';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorNote } from '../../components/Feedback';
import { Field, TextField } from '../../components/Field';
import { formatInt } from '../../lib/format';
import { ImportReportView } from './ImportReportView';

type Kind = 'numbers' | 'dnc';
interface Progress {
  done: number;
  total: number | null;
  phase: string;
}

/**
 * Reads the picked file in the page and sends its text; the main process streams progress events
 * while it works, so a million-row file shows a moving bar instead of a frozen button.
 */
export function ImportCard({ kind, onImported }: { kind: Kind; onImported(): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [region, setRegion] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [report, setReport] = useState<ImportReport | DncReport | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const run = useAction(async () => {
    if (!file) throw new Error('Choose a file first.');
    setReport(null);
    setProgress({ done: 0, total: null, phase: 'reading' });
    const content = await file.text();
    const input = { content, source: file.name, ...(region.trim() && { region: region.trim().toUpperCase() }) };
    const answer = kind === 'numbers' ? await api.call('numbers.import', input) : await api.call('numbers.dnc', input);
    setReport(answer);
    onImported();
    return answer;
  });

  useEffect(() => {
    if (!run.busy) return;
    return api.on('import.progress', (p) => setProgress({ done: p.done, total: p.total, phase: p.phase }));
  }, [run.busy]);
  useEffect(() => {
    if (!run.busy) setProgress(null);
  }, [run.busy]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run.run();
  };
  const pct = progress?.total ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;
  const title = kind === 'numbers' ? 'Import numbers' : 'Do-not-call list';
  const lead =
    kind === 'numbers'
      ? 'A CSV or text file with one phone number per line (or a "phone" column). Known numbers are skipped; bad rows are listed.'
      : 'Numbers on this list are marked complained and never dialed again by any company.';

  return (
    <Card title={title} subtitle={lead}>
      <form className="form" onSubmit={submit}>
        {run.error && <ErrorNote message={run.error} />}
        <div className="form-row">
          <Field label="File">
            {(id, d) => <input id={id} aria-describedby={d} ref={inputRef} className="input input-file" type="file" accept=".csv,.txt,text/csv,text/plain" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
          </Field>
          <TextField label="Country of national numbers" value={region} maxLength={2} placeholder="IR" onChange={(e) => setRegion(e.target.value.toUpperCase())} hint="For numbers without +country code." />
        </div>
        {progress && (
          <div className="import-progress" aria-live="polite">
            <div className="progress" role="progressbar" aria-label={`${title} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? undefined}>
              <div style={{ width: `${pct ?? 8}%` }} className={pct === null ? 'indeterminate' : undefined} />
            </div>
            <span className="muted small">
              {progress.phase === 'reading' ? 'Reading the file…' : progress.phase === 'writing' ? 'Adding to the pool…' : progress.phase}
              {progress.done > 0 && ` ${formatInt(progress.done)}${progress.total ? ` of ${formatInt(progress.total)}` : ''} rows`}
            </span>
          </div>
        )}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={run.busy} disabled={!file}>
            {kind === 'numbers' ? 'Import' : 'Import do-not-call list'}
          </Button>
        </div>
      </form>
      {report && <ImportReportView report={report} kind={kind} />}
    </Card>
  );
}
