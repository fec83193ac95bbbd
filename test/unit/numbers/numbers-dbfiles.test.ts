import { existsSync, linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * Every file the import code opens, recorded: the database files must never be among them (on Linux,
 * closing any descriptor of a file drops the process's POSIX locks on it, SQLite's own included).
 */
const opened = vi.hoisted(() => [] as string[]);
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const record = <F extends (...args: any[]) => any>(fn: F) =>
    ((...args: Parameters<F>) => {
      opened.push(String(args[0]));
      return fn(...args);
    }) as F;
  return {
    ...fs,
    default: {
      ...fs,
      createReadStream: record(fs.createReadStream),
      openSync: record(fs.openSync),
      open: record(fs.open),
      readFileSync: record(fs.readFileSync),
    },
    createReadStream: record(fs.createReadStream),
    openSync: record(fs.openSync),
    open: record(fs.open),
    readFileSync: record(fs.readFileSync),
  };
});

const { runCli } = await import('../../../src-main/cli/main');
const { call, makeTestCore, ok, seedWorld, willPick } = await import('../../world');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dialdesk-dbfiles-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; json: any }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    const code = await runCli([...args, '--data-dir', dir, '--json']);
    return { code, json: JSON.parse(out.trim().split('\n').pop()!) };
  } finally {
    spy.mockRestore();
  }
}

describe('no import reaches the database files', () => {
  it('the command line refuses the database and its -wal, -shm and -journal, by any name, without opening them', async () => {
    const list = join(dir, 'leads.txt');
    writeFileSync(list, '+12125550100\n+12125550101\n');
    expect(await cli('numbers', 'import', list)).toMatchObject({ code: 0, json: { report: { added: 2 } } });
    expect(opened).toContain(list); // the recording works: a list file is opened

    const database = join(dir, 'dialdesk.sqlite');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(database, join(elsewhere, 'numbers.csv'));
    linkSync(database, join(elsewhere, 'hardlink.csv'));
    const names = [
      database,
      `${database}-wal`,
      `${database}-shm`,
      `${database}-journal`,
      join(elsewhere, 'numbers.csv'), // a symbolic link: the same real path
      join(elsewhere, 'hardlink.csv'), // a hard link: the same device and inode
      join(elsewhere, '..', 'dialdesk.sqlite'),
    ];
    opened.length = 0;
    for (const name of names) {
      for (const command of ['import', 'dnc']) {
        const answer = await cli('numbers', command, name);
        if (name.endsWith('-journal')) {
          // exists only during a write: then it is refused like the others, otherwise there is no such file
          expect(answer, name).toMatchObject({ code: 2, json: { error: { code: 'BAD_INPUT' } } });
          continue;
        }
        expect(answer, `${command} ${name}`).toMatchObject({
          code: 2,
          json: { error: { code: 'BAD_INPUT', message: expect.stringContaining("is DialDesk's own database") } },
        });
      }
    }
    expect(opened.filter((p) => names.some((n) => p === n) || p.includes('dialdesk.sqlite'))).toEqual([]);
    expect(opened.filter((p) => p.startsWith(elsewhere))).toEqual([]);
    expect((await cli('numbers', 'import', list)).json.report).toMatchObject({ added: 0, known: 2 }); // nothing else was written
  });

  it('a database file picked in the desk open dialog is refused the same way', async () => {
    const core = await makeTestCore();
    try {
      const w = await seedWorld(core);
      expect(existsSync(`${core.db.file}-wal`)).toBe(true);
      opened.length = 0;
      for (const file of [core.db.file, `${core.db.file}-wal`, `${core.db.file}-shm`]) {
        willPick(core, file);
        const picked = ok(await call(core, w.superuser, 'files.pickOpen', {}))!;
        const answer = await call(core, w.superuser, 'numbers.import', { file: picked.handle });
        expect(answer, file).toMatchObject({
          ok: false,
          error: { code: 'BAD_INPUT', message: expect.stringContaining("is DialDesk's own database") },
        });
      }
      expect(opened.filter((p) => p.startsWith(core.db.file))).toEqual([]);
      expect(core.db.sqlite.prepare('select count(*) from numbers').pluck().get()).toBe(0);
    } finally {
      await core.dispose();
    }
  });
});
