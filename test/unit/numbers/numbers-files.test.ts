import { randomBytes } from 'node:crypto';
import { readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { call, makeTestCore, ok, seedWorld, willChooseFolder, willPick, type TestCore, type World } from '../../world';
import { testEngine } from '../../world/engine';

let core: TestCore;
let w: World;
afterEach(async () => core?.dispose());
const count = async (sql: string) => core.db.value<number>(sql);
const writes = async () => ({ numbers: await count('select count(*) from numbers'), audit: await count('select count(*) from audit_log') });

async function pick(path: string, window?: string) {
  willPick(core, path);
  return ok(await call(core, w.superuser, 'files.pickOpen', {}, { window }))!;
}

describe('no channel opens a path a client names', () => {
  it('refuses /etc/passwd and /proc/self/environ as a path: nothing read, nothing written, nothing echoed', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    const before = await writes();
    for (const path of ['/etc/passwd', '/proc/self/environ', join(core.dataDir, 'dialdesk.sqlite')]) {
      for (const channel of ['numbers.import', 'numbers.dnc'] as const) {
        const answer = await call(core, w.superuser, channel, { path });
        expect(answer, `${channel} ${path}`).toMatchObject({
          ok: false,
          error: { code: 'BAD_INPUT', message: expect.stringContaining('does not open files a client names') },
        });
        const text = JSON.stringify(answer);
        expect(text).not.toMatch(/root:|daemon:|PATH=|HOME=/);
      }
    }
    expect(await writes()).toEqual(before);
  });

  it('reads a file only behind a handle this window got from the desk, once', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    const file = join(core.dataDir, 'leads.csv');
    writeFileSync(file, 'phone\n+12125550100\n+12125550101\n');
    const picked = await pick(file);
    expect(picked.handle).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(JSON.stringify(picked)).not.toContain(core.dataDir); // the page never learns where the file is

    // another window (another session) cannot use it, and learns nothing from trying
    const other = await call(core, w.superuser, 'numbers.import', { file: picked.handle }, { window: 'window-2' });
    expect(other).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('unknown, expired or already used') },
    });
    const forged = await call(core, w.superuser, 'numbers.import', { file: 'A'.repeat(32) });
    expect(forged).toEqual(other);

    expect(ok(await call(core, w.superuser, 'numbers.import', { file: picked.handle, region: 'US' }))).toMatchObject({
      source: 'leads.csv',
      added: 2,
    });
    // used up: the same handle is refused the second time
    expect(await call(core, w.superuser, 'numbers.dnc', { file: picked.handle })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await count("select count(*) from numbers where global_status = 'complained'")).toBe(0);
  });

  it('answers a binary file with BAD_INPUT, and leaves no descriptor open after any failed import', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    const binary = join(core.dataDir, 'leads.xlsx');
    writeFileSync(binary, Buffer.concat([Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000'), randomBytes(300_000)]));
    // quoted, so it takes csv-parse, which fails on line 2 of 200,000: the rest of the file is never read
    const broken = join(core.dataDir, 'broken.csv');
    writeFileSync(broken, `"phone"\n"+1212"x"\n${Array.from({ length: 200_000 }, (_, i) => `"+1212${String(5550000 + i)}"`).join('\n')}\n`);
    const openFiles = () =>
      readdirSync('/proc/self/fd')
        .map((fd) => {
          try {
            return readlinkSync(`/proc/self/fd/${fd}`);
          } catch {
            return ''; // closed meanwhile
          }
        })
        .filter((target) => target.startsWith(core.dataDir) && !target.includes('dialdesk.sqlite'));
    // on PostgreSQL the pool may open one more connection meanwhile: its sockets are not the import's
    const descriptors = () =>
      readdirSync('/proc/self/fd').filter((fd) => {
        if (testEngine() !== 'postgres') return true;
        try {
          return !readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:');
        } catch {
          return false; // closed meanwhile
        }
      }).length;
    const fdsBefore = descriptors();
    for (let i = 0; i < 4; i++) {
      const bin = await call(core, w.superuser, 'numbers.import', { file: (await pick(binary)).handle });
      expect(bin).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT', message: expect.stringMatching(/^leads\.xlsx is not a text list/) },
      });
      const bad = await call(core, w.superuser, 'numbers.import', { file: (await pick(broken)).handle });
      expect(bad).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT', message: expect.stringMatching(/^broken\.csv could not be read as CSV/) },
      });
      const dnc = await call(core, w.superuser, 'numbers.dnc', { file: (await pick(broken)).handle });
      expect(dnc).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect(openFiles()).toEqual([]);
    expect(descriptors()).toBeLessThanOrEqual(fdsBefore);
    // a failed import of pasted text says the same, and writes nothing
    expect(await call(core, w.superuser, 'numbers.import', { content: 'phone\u0000\u0001\u0002' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('console is not a text list') },
    });
    expect(await count("select count(*) from numbers where global_status = 'active'")).toBe(0);
  });
});

describe('the backup folder is named by the desk, never by a client', () => {
  it('is refused in the desk settings patch, and set through the desk folder dialog with an audit entry', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    const refused = await call(core, w.superuser, 'settings.updateDesk', { theme: 'dark', backupDir: '/etc' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('--backup-dir') } });
    expect(core.desk.get()).toMatchObject({ backupDir: null, theme: 'system' });

    expect(ok(await call(core, w.superuser, 'files.chooseBackupDir', {}))).toBeNull(); // cancelled
    const dir = join(core.dataDir, 'backups', 'nightly');
    willChooseFolder(core, dir);
    expect(ok(await call(core, w.superuser, 'files.chooseBackupDir', {}))).toMatchObject({ backupDir: dir });
    expect(core.desk.get().backupDir).toBe(dir);
    expect(await count("select count(*) from audit_log where entity = 'desk_settings'")).toBe(1);
    expect(await call(core, w.users.admin, 'files.chooseBackupDir', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('under serve (no desk dialogs) both dialog channels say what to do instead', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    const serve = { dialogs: false };
    expect(await call(core, w.superuser, 'files.chooseBackupDir', {}, serve)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('dialdesk serve --backup-dir DIR') },
    });
    expect(await call(core, w.superuser, 'files.pickOpen', {}, serve)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('uploads the file') },
    });
    expect(core.desk.get().backupDir).toBeNull();
  });
});
