import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLog, LOG_FOLDER } from '../../../src-main/core/log/log';

let dataDir: string;
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const logFiles = () =>
  readdirSync(join(dataDir, LOG_FOLDER))
    .filter((f) => /^dialdesk\.\d+\.log$/.test(f))
    .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));

/** pino-roll removes the oldest file after the new one is open: wait until the count settles. */
async function settled(max: number): Promise<string[]> {
  for (let i = 0; i < 50 && logFiles().length > max; i++) await new Promise((r) => setTimeout(r, 20));
  return logFiles();
}

describe('the rolling log file', () => {
  it('rolls past its size and keeps only the newest files, counting earlier runs too', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dialdesk-log-'));
    const limits = { size: 2048, files: 3 };
    const first = await openLog(dataDir, { console: 'silent', limits });
    for (let i = 0; i < 120; i++) {
      first.logger.info({ i, pad: 'x'.repeat(60) }, 'first run');
      if (i % 10 === 9) await new Promise((r) => setTimeout(r, 5)); // let writes drain, so rolls happen
    }
    await first.close();
    const afterFirst = await settled(limits.files);
    expect(afterFirst.length).toBeGreaterThanOrEqual(2);
    expect(afterFirst.length).toBeLessThanOrEqual(limits.files);
    // the newest file holds the last line; the earliest lines are gone with their files
    const all = afterFirst.map((f) => readFileSync(join(dataDir, LOG_FOLDER, f), 'utf8')).join('');
    expect(all).toContain('"i":119,');
    expect(all).not.toContain('"i":0,');
    for (const f of afterFirst) expect(readFileSync(join(dataDir, LOG_FOLDER, f)).length).toBeLessThan(2 * 2048); // rolls once a write passes the size;

    // a restart goes on numbering after the last file and still keeps three in all
    const second = await openLog(dataDir, { console: 'silent', limits });
    for (let i = 0; i < 60; i++) {
      second.logger.warn({ i, pad: 'y'.repeat(60) }, 'second run');
      if (i % 10 === 9) await new Promise((r) => setTimeout(r, 5));
    }
    expect(second.currentFile()).toMatch(/dialdesk\.\d+\.log$/);
    await second.close();
    const afterSecond = await settled(limits.files);
    expect(afterSecond.length).toBeLessThanOrEqual(limits.files);
    expect(Number(afterSecond[0]!.split('.')[1])).toBeGreaterThan(Number(afterFirst.at(-1)!.split('.')[1]));
  });

  it('writes every level from info up to the file, whatever the console shows', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dialdesk-log-'));
    const shown: string[] = [];
    const log = await openLog(dataDir, { console: 'warn', consoleStream: { write: (line: string) => shown.push(line) } as never });
    log.logger.debug('a request answered');
    log.logger.info('a request refused');
    log.logger.error({ err: new Error('disk full') }, 'a failure');
    const file = log.currentFile()!;
    await log.close();
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; err?: { message: string } });
    expect(lines.map((l) => l.msg)).toEqual(['a request refused', 'a failure']);
    expect(lines[1]!.err!.message).toBe('disk full');
    expect(shown.map((l) => JSON.parse(l).msg)).toEqual(['a failure']);
  });
});
