import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { RejectedRow } from '../../../src-shared/contract/numbers';
import { badInput } from '../errors';
import { PhoneNormalizer } from './phone';

export type ListSource = { path: string } | { content: string };

export interface PhoneRow {
  line: number;
  phone: string;
}

export interface ReadProgress {
  rows: number;
  /** rows the whole list will have, estimated from the bytes read so far */
  estimatedRows: number | null;
}

export interface ReadSummary {
  rows: number;
  rejected: number;
  rejectedRows: RejectedRow[];
}

const MAX_REJECTED_SHOWN = 1000;
const CHUNK_CHARS = 64 * 1024;
/** work done between two yields to the event loop: the window and the HTTP port wait at most this */
const SLICE_MS = 20;
const SLICE_ROWS = 5000;
const HEADER_WORDS = /phone|number|mobile|msisdn|tel|cell|numero|nummer|شماره|موبایل/i;

export const sourceName = (source: ListSource, given?: string): string =>
  given ?? ('path' in source ? basename(source.path) : 'console');

/**
 * Reads a CSV or one-number-a-line list and hands its phones, normalised to E.164, to `write` in
 * slices of at most ~20 ms of work, yielding to the event loop between slices (DESIGN.md §2: long
 * work never blocks the thread that serves the window and the HTTP port for more than 50 ms).
 * The phone column is the one headed phone/number/mobile..., else the first that holds a phone.
 */
export async function readPhoneList(
  source: ListSource,
  region: string | undefined,
  write: (rows: PhoneRow[]) => void,
  progress: (p: ReadProgress) => void = () => undefined,
): Promise<ReadSummary> {
  const { stream, totalBytes } = open(source);
  const parser = stream.pipe(
    parse({ bom: true, delimiter: [',', ';', '\t', '|'], relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, info: true }),
  );
  stream.on('error', (err) => parser.destroy(err));
  const phones = new PhoneNormalizer(region);
  const summary: ReadSummary = { rows: 0, rejected: 0, rejectedRows: [] };
  let column: number | null = null;
  let pending: PhoneRow[] = [];
  let sliceStart = performance.now();
  let bytesRead = 0;
  stream.on('data', (chunk: string | Buffer) => (bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length));

  const flush = async () => {
    if (pending.length) write(pending);
    pending = [];
    progress({ rows: summary.rows, estimatedRows: totalBytes && bytesRead ? Math.max(summary.rows, Math.round((summary.rows * totalBytes) / bytesRead)) : null });
    await new Promise((r) => setImmediate(r));
    sliceStart = performance.now();
  };

  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (column === null) {
      const found = record.findIndex((cell) => phones.normalize(cell).ok);
      if (found >= 0) column = found;
      else {
        const headed = record.findIndex((cell) => HEADER_WORDS.test(cell));
        column = headed >= 0 ? headed : 0;
        if (headed >= 0) continue; // the header line
      }
    }
    summary.rows++;
    const raw = record[column] ?? '';
    const n = phones.normalize(raw);
    if (n.ok) pending.push({ line: info.lines, phone: n.phone });
    else {
      summary.rejected++;
      if (summary.rejectedRows.length < MAX_REJECTED_SHOWN) summary.rejectedRows.push({ line: info.lines, value: raw.slice(0, 100), reason: n.reason });
    }
    if ((summary.rows & 255) === 0 && (pending.length >= SLICE_ROWS || performance.now() - sliceStart > SLICE_MS)) await flush();
  }
  await flush();
  return summary;
}

function open(source: ListSource): { stream: Readable; totalBytes: number | null } {
  if ('path' in source) {
    let size: number;
    try {
      const stat = statSync(source.path);
      if (!stat.isFile()) throw badInput(`${source.path} is not a file`);
      size = stat.size;
    } catch (err) {
      if (err instanceof Error && 'code' in err && err.code === 'ENOENT') throw badInput(`no file at ${source.path}`);
      throw err;
    }
    return { stream: createReadStream(source.path, { highWaterMark: CHUNK_CHARS }), totalBytes: size };
  }
  const text = source.content;
  // small chunks: the CSV parser works a whole chunk at once, so a big paste must not be one chunk
  function* chunks() {
    for (let i = 0; i < text.length; i += CHUNK_CHARS) yield text.slice(i, i + CHUNK_CHARS);
  }
  return { stream: Readable.from(chunks(), { objectMode: false }), totalBytes: Buffer.byteLength(text) };
}
