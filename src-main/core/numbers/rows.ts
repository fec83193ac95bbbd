import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
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

/**
 * The rows of a phone list, a few hundred at a time, with their line numbers. csv-parse reads any
 * CSV, but costs ~5-10 µs a row (twice that with line info): most of a 1M-row import's budget. A
 * list with no quote character at all is plain lines of delimiter-separated cells, where splitting
 * is exactly what a CSV parser would do, so such lists are split directly; anything quoted (or with
 * old Mac line ends) goes through csv-parse.
 */
export async function* listRows(source: ListSource): AsyncGenerator<RowBatch> {
  const { open, size } = opener(source);
  const plain = await isPlain(source, open);
  const stream = open();
  let consumed = 0;
  stream.on('data', (chunk: string) => (consumed += chunk.length));
  const fraction = () => (size > 0 ? Math.min(1, consumed / size) : 1);
  for await (const rows of plain ? splitLines(stream) : csvRows(stream)) yield { rows, fraction: fraction() };
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

async function isPlain(source: ListSource, open: () => Readable): Promise<boolean> {
  if ('content' in source) return !source.content.includes('"') && !(source.content.includes('\r') && !source.content.includes('\n'));
  let sawNewline = false;
  let sawCr = false;
  for await (const chunk of open()) {
    const text = String(chunk);
    if (text.includes('"')) return false;
    sawNewline ||= text.includes('\n');
    sawCr ||= text.includes('\r');
  }
  return sawNewline || !sawCr;
}

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

async function* csvRows(stream: Readable): AsyncGenerator<Row[]> {
  const parser = stream.pipe(
    parse({ bom: true, delimiter: [',', ';', '\t', '|'], relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, info: true }),
  );
  stream.on('error', (err) => parser.destroy(err));
  let rows: Row[] = [];
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (record.every((c) => c === '')) continue;
    rows.push({ line: info.lines, cells: record });
    if (rows.length >= 512) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length) yield rows;
}
