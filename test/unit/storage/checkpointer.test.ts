import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer, type CheckpointStats } from '../../../src-main/core/db/checkpointer';
import { makeTestCore, type TestCore } from '../../world';

let core: TestCore | null = null;
afterEach(async () => {
  await core?.dispose();
  core = null;
});

/** ~8 MiB of rows: about 2,000 pages in the WAL, twice SQLite's inline checkpoint threshold */
function writePages(c: TestCore, pages = 2000): void {
  c.db.sqlite.exec('create table if not exists filler (id integer primary key, body text not null)');
  const insert = c.db.sqlite.prepare('insert into filler (body) values (?)');
  c.db.sqlite.transaction(() => {
    for (let i = 0; i < pages; i++) insert.run(`${i}`.padEnd(4000, 'x'));
  })();
}

/**
 * 160 MiB in 50-page commits a couple of milliseconds apart, with the checkpointer restarting the WAL
 * past 1,024 pages; `askForRoom`: the writer asks for room before each commit, as an import does.
 */
async function writeStream(c: TestCore, askForRoom: boolean): Promise<CheckpointStats> {
  const checkpointer = startCheckpointer(c.db, { restartPages: 1024 });
  for (let i = 0; i < 800; i++) {
    writePages(c, 50);
    await new Promise((r) => setTimeout(r, 2));
    if (askForRoom) await checkpointer.makeRoom();
  }
  const stats = checkpointer.stats();
  await checkpointer.stop();
  expect(stats.failed).toBeNull();
  return stats;
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('WAL checkpoints in a worker thread', () => {
  it('copies committed pages into the database file off the serving connection', async () => {
    core = await makeTestCore({ checkpointInWorker: true });
    const c = core;
    expect(c.db.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(c.db.file).size;
    writePages(c);
    // the commit itself left the pages in the WAL (no checkpoint inline)...
    expect(statSync(c.db.file).size).toBe(before);
    // ...and the worker moves them into the file
    await until(() => statSync(c.db.file).size > before + 7 * 2 ** 20 && c.checkpointer!.stats().largestWalPages >= 2000);
    expect(c.checkpointer?.stats()).toMatchObject({ failed: null });
    expect(c.checkpointer!.stats().largestWalPages).toBeGreaterThanOrEqual(2000);
    expect(c.db.sqlite.prepare('select count(*) as n from filler').get()).toEqual({ n: 2000 });
  });

  it('keeps the WAL bounded under writes that never pause for long', async () => {
    core = await makeTestCore();
    // the worker never finds the WAL idle, so it is the serving connection that lets it start over
    // (without it: one WAL of 40,000 pages)
    const stats = await writeStream(core, false);
    expect(stats.inlineCheckpoints).toBeGreaterThan(0);
    expect(stats.largestWalPages).toBeGreaterThan(1024);
    expect(stats.largestWalPages).toBeLessThan(20_000);
    expect(core.db.sqlite.prepare('select count(*) as n from filler').get()).toEqual({ n: 40000 });
  }, 30_000);

  it('lets a writer that can wait stand back until the worker has caught up, so its next write starts the WAL over', async () => {
    core = await makeTestCore();
    // the same stream of writes as above, from a writer that asks for room before each one (an import)
    const stats = await writeStream(core, true);
    expect(stats.roomWaits).toBeGreaterThan(0);
    // the serving thread steps in only past twice the restart size, when standing back has not been enough
    expect(stats.inlineCheckpoints).toBeLessThan(stats.roomWaits);
    expect(stats.largestWalPages).toBeGreaterThan(1024);
    expect(stats.largestWalPages).toBeLessThan(20_000);
    expect(core.db.sqlite.prepare('select count(*) as n from filler').get()).toEqual({ n: 40000 });
  }, 30_000);

  it('leaves the copy to the worker while a writer asks for room, and finishes it itself once nobody has for a while', async () => {
    core = await makeTestCore();
    const c = core;
    const checkpointer = startCheckpointer(c.db, { restartPages: 1024 });
    writePages(c, 1500); // past the restart size, short of twice it
    // an import between two writes, asking for room every 50 ms from its write on, for a second after
    // the worker has seen the WAL
    let asked = 0;
    while (asked < 20 || checkpointer.stats().largestWalPages < 1500) {
      await checkpointer.makeRoom();
      await new Promise((r) => setTimeout(r, 50));
      if (++asked > 200) throw new Error('the worker never reported the WAL');
    }
    expect(checkpointer.stats().inlineCheckpoints).toBe(0);
    // nobody asks any more: the serving connection finishes the copy so its next write starts over
    await until(() => checkpointer.stats().inlineCheckpoints > 0);
    await checkpointer.stop();
  });

  // Closing any descriptor on a file drops every POSIX lock the process holds on it, SQLite's own
  // included; then another process may take the WAL for orphaned and delete it. Only SQLite opens them.
  it.runIf(process.platform === 'linux')(
    'never opens the WAL-index itself: SQLite keeps its locks on it while checkpoints run and stop',
    async () => {
      core = await makeTestCore();
      const shm = `${core.db.file}-shm`;
      writePages(core, 50);
      expect(posixLocksOn(shm)).toBeGreaterThan(0);
      const checkpointer = startCheckpointer(core.db, { restartPages: 64 });
      for (let i = 0; i < 20; i++) {
        writePages(core, 50);
        await new Promise((r) => setTimeout(r, 60));
      }
      expect(checkpointer.stats().inlineCheckpoints).toBeGreaterThan(0);
      await checkpointer.stop();
      // the serving connection is still open: its locks must be too
      expect(core.db.sqlite.open).toBe(true);
      expect(posixLocksOn(shm)).toBeGreaterThan(0);
    },
  );

  it('stops with the core, which then checkpoints and truncates the WAL itself', async () => {
    core = await makeTestCore({ checkpointInWorker: true });
    writePages(core);
    const file = core.db.file;
    await core.close();
    expect(core.checkpointer?.stats().failed).toBeNull();
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
  });

  it('leaves checkpoints to SQLite in commits where no worker runs', async () => {
    core = await makeTestCore();
    expect(core.checkpointer).toBeNull();
    expect(core.db.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    const before = statSync(core.db.file).size;
    writePages(core);
    expect(statSync(core.db.file).size).toBeGreaterThan(before + 7 * 2 ** 20);
  });

  it('gives the checkpoints back to the serving connection when the worker cannot open the file', async () => {
    core = await makeTestCore();
    const checkpointer = startCheckpointer(core.db, { nativeBinding: '/nowhere/better_sqlite3.node' });
    expect(core.db.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await until(() => checkpointer.stats().failed !== null);
    expect(checkpointer.stats().failed).toMatch(/better_sqlite3|nowhere|Cannot find/);
    expect(core.db.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpointer.stop();
  });
});

/** POSIX locks this process holds on `file`, from /proc/locks (matched by inode). */
function posixLocksOn(file: string): number {
  const inode = statSync(file).ino;
  return readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .filter((line) => {
      const f = line.trim().split(/\s+/);
      return f[1] === 'POSIX' && Number(f[4]) === process.pid && Number(f[5]?.split(':')[2]) === inode;
    }).length;
}
