import type { CallFiltersParsed } from '../../../src-shared/contract/calls';
import { isBillable } from '../../../src-shared/statuses';
import type { Db } from '../db/connection';
import { companyOf } from '../companies/companies';
import { selectPage, type ItemRow, type Keyset } from '../calllog/list';
import { toIso } from '../time';
import { formatOffset, wallClock } from '../time-zone';
import { CsvFile, csvLine, inertText, nextTurn } from './csv';
import { decimalAmount } from './money';

export const CALLS_CSV_HEADER = [
  'result_id',
  'started_at_local',
  'utc_offset',
  'started_at_utc',
  'phone',
  'direction',
  'status',
  'billable',
  'duration_s',
  'scenario_key',
  'scenario',
  'outbound_line',
  'agent',
  'charged',
  'currency',
  'call_id',
  'recording_url',
  'transcript',
  'data',
];

/** "YYYY-MM-DD HH:MM:SS" of a wall-clock value from wallClock(). */
export const localText = (wall: number): string => new Date(wall).toISOString().slice(0, 19).replace('T', ' ');

/** Rows per chunk: one keyset page, formatted and written, then the event loop gets a turn. */
export const EXPORT_CHUNK = 500;

interface ExportRow extends ItemRow {
  recording_url: string | null;
  transcript: string | null;
  data: string | null;
}

export interface ExportProgress {
  rows: number;
}

/**
 * Writes the call log rows matching `filters` to a new CSV file at `path`, newest first, walking the
 * same keyset pages as the console so memory stays flat and no chunk holds the thread for long.
 * Excel reads UTF-8 only with a byte-order mark, so the file starts with one.
 */
export async function exportCallsCsv(
  db: Db,
  filters: CallFiltersParsed,
  path: string,
  onProgress?: (p: ExportProgress) => void,
): Promise<{ rows: number; bytes: number }> {
  const company = await companyOf(db, filters.companyId);
  const tz = company.timezone;
  const file = new CsvFile(path);
  let rows = 0;
  try {
    await file.write(`\uFEFF${csvLine(CALLS_CSV_HEADER)}`);
    let after: Keyset | null = null;
    for (;;) {
      const page: ExportRow[] = await selectPage<ExportRow>(
        db,
        filters,
        tz,
        after,
        EXPORT_CHUNK,
        ', r.recording_url, r.transcript, r.data',
      );
      if (page.length === 0) break;
      let chunk = '';
      for (const r of page) {
        const wall = wallClock(r.started_at, tz);
        chunk += csvLine([
          r.id,
          localText(wall),
          formatOffset(wall - Math.floor(r.started_at / 1000) * 1000),
          toIso(r.started_at),
          r.phone,
          r.direction,
          r.status,
          isBillable(r.status) ? 'yes' : 'no',
          r.duration_s,
          inertText(r.scenario_key),
          inertText(r.scenario_name),
          r.line_name === null ? null : inertText(`${r.line_name} (${r.line_phone})`),
          inertText(r.agent_name),
          decimalAmount(r.amount_charged, company.currency),
          company.currency,
          inertText(r.call_id),
          inertText(r.recording_url),
          inertText(r.transcript),
          inertText(r.data),
        ]);
      }
      await file.write(chunk);
      rows += page.length;
      onProgress?.({ rows });
      const last = page[page.length - 1]!;
      after = { startedAt: last.started_at, id: last.id };
      if (page.length < EXPORT_CHUNK) break;
      await nextTurn();
    }
    await file.close();
    return { rows, bytes: file.bytes };
  } catch (err) {
    file.destroy();
    throw err;
  }
}
