import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

export type Cell = string | number | boolean | null | undefined;

/** RFC 4180: a cell with a comma, quote, CR or LF (or edge spaces) is quoted, quotes doubled. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: Cell[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * Free text that came from outside (a transcript, captured data, a note) must not run as a formula
 * when the file is opened in a spreadsheet: a leading = + - @ (or tab / CR) gets a ' in front.
 * Not applied to numbers, times or E.164 phones, which are ours.
 */
export function inertText(value: string | null | undefined): string | null {
  if (value == null) return null;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * A CSV file written with backpressure: `write` resolves at once while the stream's buffer has room
 * and waits for 'drain' when it is full, so a big export holds little memory.
 */
export class CsvFile {
  private readonly stream: WriteStream;
  private failure: Error | null = null;
  bytes = 0;

  constructor(path: string) {
    // 'wx': never overwrite a file something else put there
    this.stream = createWriteStream(path, { flags: 'wx', encoding: 'utf8' });
    this.stream.on('error', (err) => (this.failure ??= err));
  }

  async write(lines: string): Promise<void> {
    if (this.failure) throw this.failure;
    this.bytes += Buffer.byteLength(lines);
    // once() rejects if the stream fails while we wait
    if (!this.stream.write(lines)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await once(this.stream, 'finish');
    if (this.failure) throw this.failure;
  }

  destroy(): void {
    this.stream.destroy();
  }
}

/** Yields to the event loop between chunks, so the window and the HTTP port keep being served. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
