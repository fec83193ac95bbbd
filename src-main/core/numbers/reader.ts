import { basename } from 'node:path';
import type { RejectedRow } from '../../../src-shared/contract/numbers';
import { PhoneNormalizer } from '../phone/phone';
import { listRows, type ListSource } from './rows';

export type { ListSource };

export interface PhoneRow {
  line: number;
  phone: string;
}

export interface ReadProgress {
  rows: number;
  /** rows the whole list will have, estimated from how far into it we are */
  estimatedRows: number | null;
}

export interface ReadSummary {
  rows: number;
  rejected: number;
  rejectedRows: RejectedRow[];
}

const MAX_REJECTED_SHOWN = 1000;
/** work done between two yields to the event loop: the window and the HTTP port wait at most this */
const SLICE_MS = 10;
const SLICE_ROWS = 2000;
const HEADER_WORDS = /phone|number|mobile|msisdn|tel|cell|numero|nummer|شماره|موبایل/i;

export const sourceName = (source: ListSource, given?: string): string => given ?? ('file' in source ? basename(source.file) : 'console');

/**
 * Reads a CSV or one-number-a-line list and hands its phones, normalised to E.164, to `write` in
 * slices of a few milliseconds of work, yielding to the event loop between slices (DESIGN.md §2:
 * long work never blocks the thread that serves the window and the HTTP port for more than 50 ms).
 * The phone column is the one headed phone/number/mobile..., else the first that holds a phone.
 */
export async function readPhoneList(
  source: ListSource,
  /** how errors name the list */
  label: string,
  region: string | undefined,
  write: (rows: PhoneRow[]) => void | Promise<void>,
  progress: (p: ReadProgress) => void = () => undefined,
  /** awaited after each write, before the next: a writer that can wait asks the checkpointer for room */
  betweenWrites: () => Promise<void> = async () => undefined,
): Promise<ReadSummary> {
  const phones = new PhoneNormalizer(region);
  const summary: ReadSummary = { rows: 0, rejected: 0, rejectedRows: [] };
  let column: number | null = null;
  let pending: PhoneRow[] = [];
  let sliceStart = performance.now();
  let fraction = 0;

  const flush = async () => {
    if (pending.length) {
      await write(pending);
      await betweenWrites();
    }
    pending = [];
    progress({ rows: summary.rows, estimatedRows: fraction > 0 ? Math.max(summary.rows, Math.round(summary.rows / fraction)) : null });
    await new Promise((r) => setImmediate(r));
    sliceStart = performance.now();
  };

  for await (const batch of listRows(source, label)) {
    fraction = batch.fraction;
    for (const { line, cells } of batch.rows) {
      if (column === null) {
        const found = cells.findIndex((cell) => phones.normalize(cell).ok);
        if (found >= 0) column = found;
        else {
          const headed = cells.findIndex((cell) => HEADER_WORDS.test(cell));
          column = headed >= 0 ? headed : 0;
          if (headed >= 0) continue; // the header line
        }
      }
      summary.rows++;
      const raw = cells[column] ?? '';
      const n = phones.normalize(raw);
      if (n.ok) pending.push({ line, phone: n.phone });
      else {
        summary.rejected++;
        if (summary.rejectedRows.length < MAX_REJECTED_SHOWN)
          summary.rejectedRows.push({ line, value: raw.slice(0, 100), reason: n.reason });
      }
      if ((summary.rows & 127) === 0 && (pending.length >= SLICE_ROWS || performance.now() - sliceStart > SLICE_MS)) await flush();
    }
    if (performance.now() - sliceStart > SLICE_MS) await flush();
  }
  await flush();
  return summary;
}
