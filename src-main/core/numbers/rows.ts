import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { badInput } from '../errors';

/** A list as the core reads it: a file the transport resolved (never a path a client sent), or text. */
export type ListSource = { file: string } | { content: string };

export interface Row {
  /** 1-based line of the file */
  line: number;
  cells: string[];
}

export interface RowBatch {
  rows: Row[];
  /** how far into the list these rows reach, as a fraction 0..1 (for progress) */
  fraction: number;
}

const CHUNK = 64 * 1024;
const DELIMITERS = /[,;\t|]/;
/** how much of a list's start is looked at for binary data (git looks at the same amount) */
const BINARY_PROBE = 8000;

/**
 * The rows of a phone list, a few hundred at a time, with their line numbers. csv-parse reads any
 * CSV, but costs ~5-10 µs a row (twice that with line info): most of a 1M-row import's budget. A
 * list with no quote character at all is plain lines of delimiter-separated cells, where splitting
 * is exactly what a CSV parser would do, so such lists are split directly; anything quoted (or with
 * old Mac line ends) goes through csv-parse.
 */
export async function* listRows(source: ListSource, label: string): AsyncGenerator<RowBatch> {
  const { open, size } = opener(source);
  const plain = await isPlain(source, open, label);
  const stream = open();
  let consumed = 0;
  stream.on('data', (chunk: string) => (consumed += chunk.length));
  const fraction = () => (size > 0 ? Math.min(1, consumed / size) : 1);
  try {
    for await (const rows of plain ? splitLines(stream) : csvRows(stream, label)) yield { rows, fraction: fraction() };
  } finally {
    // a parser that failed, or a reader that stopped early, leaves the file open otherwise
    await closed(stream);
  }
}

/** Destroys a stream and waits until its file is closed, so a job's answer never leaves one open. */
async function closed(stream: Readable): Promise<void> {
  if (stream.closed) return;
  // errors are the job's to report (already thrown); here only the closing matters
  stream.on('error', () => undefined);
  const done = new Promise((resolve) => stream.once('close', resolve));
  stream.destroy();
  await done;
}

/** `size` in the unit the stream's chunks are measured in (characters) */
function opener(source: ListSource): { open: () => Readable; size: number } {
  if ('content' in source) {
    const text = source.content;
    // small chunks: a parser works a whole chunk at once, so a big paste must not be one chunk
    const chunks = function* () {
      for (let i = 0; i < text.length; i += CHUNK) yield text.slice(i, i + CHUNK);
    };
    return { open: () => Readable.from(chunks(), { objectMode: false }), size: text.length };
  }
  let size: number;
  try {
    const stat = statSync(source.file);
    if (!stat.isFile()) throw badInput(`${source.file} is not a file`);
    size = stat.size;
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') throw badInput(`no file at ${source.file}`);
    throw err;
  }
  // bytes for characters: exact for the ASCII that phone lists are, close enough for progress otherwise
  return { open: () => createReadStream(source.file, { encoding: 'utf8', highWaterMark: CHUNK }), size };
}

/**
 * Whether the list can take the fast path (no quotes), after refusing what is not text at all: a
 * spreadsheet, a picture or a UTF-16 file has NUL bytes near its start, which no text list has.
 */
async function isPlain(source: ListSource, open: () => Readable, label: string): Promise<boolean> {
  if ('content' in source) {
    if (source.content.slice(0, BINARY_PROBE).includes('\0')) throw notText(label);
    return !source.content.includes('"') && !(source.content.includes('\r') && !source.content.includes('\n'));
  }
  let sawNewline = false;
  let sawCr = false;
  let first = true;
  const probe = open();
  try {
    for await (const chunk of probe) {
      const text = String(chunk);
      if (first && text.slice(0, BINARY_PROBE).includes('\0')) throw notText(label);
      first = false;
      if (text.includes('"')) return false;
      sawNewline ||= text.includes('\n');
      sawCr ||= text.includes('\r');
    }
  } finally {
    await closed(probe);
  }
  return sawNewline || !sawCr;
}

const notText = (label: string) =>
  badInput(
    `${label} is not a text list (it holds binary data, like a spreadsheet or a picture): save it as CSV or plain text, one number a line, and import that`,
  );

async function* splitLines(stream: Readable): AsyncGenerator<Row[]> {
  let rest = '';
  let line = 0;
  let first = true;
  for await (const chunk of stream) {
    let text = rest + String(chunk);
    if (first) {
      text = text.replace(/^\ufeff/, '');
      first = false;
    }
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    yield toRows(lines);
  }
  if (rest) yield toRows([rest]);

  function toRows(lines: string[]): Row[] {
    const rows: Row[] = [];
    for (const raw of lines) {
      line++;
      const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (text.trim() === '') continue;
      rows.push({ line, cells: DELIMITERS.test(text) ? text.split(DELIMITERS).map((c) => c.trim()) : [text.trim()] });
    }
    return rows;
  }
}

async function* csvRows(stream: Readable, label: string): AsyncGenerator<Row[]> {
  const parser = stream.pipe(
    parse({
      bom: true,
      delimiter: [',', ';', '\t', '|'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }),
  );
  stream.on('error', (err) => parser.destroy(err));
  let rows: Row[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (record.every((c) => c === '')) continue;
      rows.push({ line: info.lines, cells: record });
      if (rows.length >= 512) {
        yield rows;
        rows = [];
      }
    }
  } catch (err) {
    if (err instanceof CsvError) throw badInput(`${label} could not be read as CSV: ${err.message}`);
    throw err;
  } finally {
    parser.destroy();
  }
  if (rows.length) yield rows;
}
