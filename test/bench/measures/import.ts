import { join } from 'node:path';
import type { BenchContext } from '../context';
import { bareImport, bareImportInSlices } from '../baselines';
import { readPhoneList } from '../../../src-main/core/numbers/reader';
import { writeImportCsv, type ImportFile } from '../gen/csv';
import { nowMs } from '../harness/stats';

/** The n-th supplier file of this run: new phones start past the pool and past earlier files. */
export async function importFile(ctx: BenchContext, n: number, keepPhones = false): Promise<ImportFile> {
  const { numbers } = ctx.dataset.manifest.params;
  const path = join(ctx.runDir, `supplier-${n}.csv`);
  return writeImportCsv(path, numbers, numbers, numbers * (1 + n), 4242 + n, keepPhones);
}

/**
 * Importing a supplier's CSV of as many rows as the pool holds (1M) through the console's channel
 * (the real import service), beside a bare loop of one prepared INSERT per phone, in one transaction,
 * into a copy of the pool table with the same rows and indexes.
 */
export async function measureImport(ctx: BenchContext): Promise<void> {
  const file = await importFile(ctx, 1, true);
  const base = bareImport(ctx.core.db, file.e164, ctx.clock());
  // the two floors the rules impose, each measured alone: reading and normalising every row of the
  // file (the bare loop is handed E.164 phones), and writing in short transactions in phone order
  const sliced = bareImportInSlices(ctx.core.db, file.e164, ctx.clock());
  file.e164.length = 0; // not needed any more: keep the measured process's heap the app's
  const r = nowMs();
  await readPhoneList({ file: file.path }, 'bench', 'IR', () => undefined);
  const readMs = nowMs() - r;
  const t = nowMs();
  const report = await ctx.importList(file.path, 'IR');
  const ms = nowMs() - t;
  const problems = [
    report.rows !== file.rows && `read ${report.rows} rows of ${file.rows}`,
    report.added !== file.expected.fresh && `added ${report.added}, expected ${file.expected.fresh}`,
    report.rejected !== file.expected.invalid && `rejected ${report.rejected}, expected ${file.expected.invalid}`,
  ].filter(Boolean);
  ctx.table.add({
    id: 'import',
    figure: `import a ${file.rows.toLocaleString('en-US')}-row CSV (${report.added.toLocaleString('en-US')} new)`,
    value: ms / 1000,
    unit: 's',
    baseline: 'bare prepared-insert loop of the same phones',
    baselineValue: base.ms / 1000,
    target: '≤ 1.5× baseline',
    met: ms <= 1.5 * base.ms,
    note: [...problems, `${((file.rows / ms) * 1000).toLocaleString('en-US', { maximumFractionDigits: 0 })} rows/s`].join('; '),
  });
  const floorMs = readMs + sliced.ms;
  ctx.table.add({
    id: 'import-floor',
    figure: 'import floor: reading and normalising the file, plus the bare inserts in ~6 ms transactions in phone order',
    value: floorMs / 1000,
    unit: 's',
    baseline: 'bare prepared-insert loop of the same phones',
    baselineValue: base.ms / 1000,
    target: 'context',
    met: null,
    note: `reading ${(readMs / 1000).toFixed(2)} s, writes ${(sliced.ms / 1000).toFixed(2)} s in ${sliced.transactions} transactions; the import is ${(ms / floorMs).toFixed(2)}× this floor`,
  });
}
