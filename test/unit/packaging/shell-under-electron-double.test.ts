import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dataFolderOwned } from '../../../src-main/core/db/owner';
import { examine, type Check } from '../../../src-main/core/doctor/doctor';
import { readDeskSettingsFile } from '../../../src-main/core/settings/conf-store';
import { buildApp, type BuiltApp } from '../../world/built';
import { shellUnderDouble, type ShellUnderDouble } from '../../world/shell-double';

/**
 * The built desktop shell (out/main/index.js and out/preload/index.cjs, built from the current sources)
 * loaded under plain Node, its `electron` a test double (test/world/electron-double) that records what
 * the shell asks of Electron. This checks the shell's wiring: not Electron, not Chromium, not the real
 * sandbox. The shell inside Electron itself is test/e2e/electron.spec.ts, skipped where Electron's
 * binary cannot be downloaded.
 */
let app: BuiltApp;
const dirs: string[] = [];
let shell: ShellUnderDouble | null = null;
beforeAll(async () => {
  app = await buildApp();
}, 120_000);
afterAll(() => app?.dispose());
afterEach(async () => {
  await shell?.stop();
  shell = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function start(options: { lock?: 'held' } = {}) {
  const userData = mkdtempSync(join(tmpdir(), 'dialdesk-shell-'));
  dirs.push(userData);
  shell = shellUnderDouble({ out: app.out, appDir: app.dir, userData, ...options });
  return { shell, userData };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const byName = (checks: Check[]) => Object.fromEntries(checks.map((c) => [c.name, c]));

const until = async (test: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 100; i++) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('the built desktop shell, wired to a test double of electron under Node', () => {
  it('as a second instance: asks for the lock, is refused, and quits without a window or a database', async () => {
    const { shell, userData } = start({ lock: 'held' });
    const facts = await shell.send('start');
    expect(facts.calls.map(([what]: string[]) => what)).toEqual(['app.requestSingleInstanceLock', 'app.quit', 'app.exit']);
    expect({ windows: facts.windows, handled: facts.handled, exitCode: facts.exitCode }).toEqual({ windows: [], handled: [], exitCode: 0 });
    expect(readdirSync(userData)).toEqual([]);
  }, 30_000);

  it('opens its database in userData, registers its handler once, and locks its window down', async () => {
    const { shell, userData } = start();
    const facts = await shell.send('start');
    expect(facts.calls[0]).toEqual(['app.requestSingleInstanceLock']);
    expect(facts.calls).toContainEqual(['app.getPath', 'userData']);
    expect(existsSync(join(userData, 'dialdesk.sqlite'))).toBe(true);
    expect(dataFolderOwned(userData)).toBe(true);
    expect(facts.handled).toEqual(['dialdesk:invoke']);

    expect(facts.windows).toHaveLength(1);
    const [win] = facts.windows;
    expect(win.options.webPreferences).toEqual({
      preload: join(app.out, 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(existsSync(win.options.webPreferences.preload)).toBe(true);
    expect(win.url).toBe(`file://${join(app.out, 'renderer', 'index.html')}`);
    // the preload asks a sandboxed require for electron only, and exposes two frozen functions
    expect(win.preload).toEqual({
      file: win.options.webPreferences.preload,
      required: ['electron'],
      error: null,
      exposed: { dialdesk: ['invoke', 'on'] },
      frozen: true,
    });

    const headers = await shell.send('headers', { url: 'file:///index.html' });
    const csp: string = headers.responseHeaders['Content-Security-Policy'][0];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-eval');
    expect(headers.responseHeaders['Content-Type']).toEqual(['text/html']);

    expect(await shell.send('navigate', { url: 'https://example.com/login' })).toEqual({ prevented: true });
    expect(await shell.send('navigate', { url: win.url })).toEqual({ prevented: false });
    expect(await shell.send('openWindow', { url: 'https://example.com/help' })).toEqual({
      result: { action: 'deny' },
      openedExternally: ['https://example.com/help'],
    });
    expect(await shell.send('openWindow', { url: 'file:///etc/passwd' })).toEqual({
      result: { action: 'deny' },
      openedExternally: ['https://example.com/help'],
    });

    const again = await shell.send('secondInstance');
    expect(again.windows.map((w: { focused: number }) => w.focused)).toEqual([1]);
    expect(again.handled).toEqual(['dialdesk:invoke']);
  }, 60_000);

  it('answers invoke through the real preload and handler table, sends each user only their events, and checkpoints on quit', async () => {
    const { shell, userData } = start();
    await shell.send('start');
    const invoke = (channel: string, arg: unknown = {}) => shell.send('invoke', { channel, arg });

    // the preload refuses a channel the contract does not name, before any IPC
    expect(await invoke('fs.readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await invoke('companies.list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await invoke('auth.setup', { username: 'owner', password: 'owner-pass-1234' })).toMatchObject({
      ok: true,
      value: { username: 'owner', role: 'superuser' },
    });
    expect(await invoke('companies.create', { slug: 'Not A Slug', name: 'x' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const acme = (await invoke('companies.create', { slug: 'acme', name: 'Acme' })).value;
    const globex = (await invoke('companies.create', { slug: 'globex', name: 'Globex' })).value;
    expect(
      await invoke('users.create', { username: 'acme-viewer', password: 'viewer-pass-1234', role: 'viewer', companyId: acme.id }),
    ).toMatchObject({
      ok: true,
    });
    const keyFor = async (companyId: number) =>
      (await invoke('apikeys.create', { companyId, name: 'dialer', scopes: ['dialer'] })).value.key as string;
    const keys = { acme: await keyFor(acme.id), globex: await keyFor(globex.id) };
    const port = await freePort();
    expect(await invoke('settings.updateDesk', { httpEnabled: true, httpPort: port })).toMatchObject({ ok: true });
    expect((await invoke('settings.get')).value.httpListening).toBe(`127.0.0.1:${port}`);

    // dialers of both companies show up; a viewer of Acme sees only Acme's
    await shell.send('follow', { event: 'dialer.seen' });
    const dial = (company: 'acme' | 'globex', dialer: string) =>
      fetch(`http://127.0.0.1:${port}/api/v1/dialer/next-batch?company=${company}&dialer=${dialer}`, {
        headers: { authorization: `Bearer ${keys[company]}` },
      }).then((r) => r.status);
    expect(await invoke('auth.logout')).toMatchObject({ ok: true });
    expect(await invoke('auth.login', { username: 'acme-viewer', password: 'viewer-pass-1234' })).toMatchObject({ ok: true });
    expect(await dial('globex', 'g1')).toBe(200);
    expect(await dial('acme', 'a1')).toBe(200);
    const seen = async () =>
      ((await shell.send('received', {})) as { payload: { companyId: number; dialerId: string } }[]).map((r) => r.payload);
    await until(async () => (await seen()).length > 0, "Acme's dialer");
    await new Promise((r) => setTimeout(r, 300)); // room for Globex's, which must not come
    expect((await seen()).map((p) => [p.companyId, p.dialerId])).toEqual([[acme.id, 'a1']]);

    // the site owner, signed in on the same window, sees every company's
    expect(await invoke('auth.logout')).toMatchObject({ ok: true });
    expect(await invoke('auth.login', { username: 'owner', password: 'owner-pass-1234' })).toMatchObject({ ok: true });
    expect(await dial('globex', 'g2')).toBe(200);
    await until(async () => (await seen()).length > 1, "Globex's dialer");
    expect((await seen()).map((p) => [p.companyId, p.dialerId])).toEqual([
      [acme.id, 'a1'],
      [globex.id, 'g2'],
    ]);

    // dialdesk doctor, run beside the app, finds who owns the folder and reaches its port
    const health = byName((await examine(userData, readDeskSettingsFile(userData))).checks);
    expect(health.owner).toMatchObject({ owned: true, by: { kind: 'app', url: `http://127.0.0.1:${port}` } });
    expect(health.port).toMatchObject({ status: 'ok', url: `http://127.0.0.1:${port}` });

    // quit: the shell holds the quit until the core has closed, checkpointing the WAL into the file
    const wal = join(userData, 'dialdesk.sqlite-wal');
    expect(statSync(wal).size).toBeGreaterThan(0);
    const quit = await shell.send('quit');
    expect(quit.code).toBe(0);
    expect(quit.calls.map(([what]: string[]) => what).slice(-2)).toEqual(['app.quit', 'app.exit']);
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    expect(dataFolderOwned(userData)).toBe(false);
    const db = new Database(join(userData, 'dialdesk.sqlite'), { readonly: true });
    try {
      expect(db.prepare('select slug from companies order by slug').pluck().all()).toEqual(['acme', 'globex']);
    } finally {
      db.close();
    }
  }, 90_000);
  it("restores a backup from the console: the folder chosen in the desk's dialog, the core restarted in place on it", async () => {
    const { shell, userData } = start();
    await shell.send('start');
    const invoke = (channel: string, arg: unknown = {}) => shell.send('invoke', { channel, arg });
    const owner = { username: 'owner', password: 'owner-pass-1234' };
    expect(await invoke('auth.setup', owner)).toMatchObject({ ok: true });
    expect(await invoke('companies.create', { slug: 'acme', name: 'Acme' })).toMatchObject({ ok: true });
    const folder = join(userData, 'backups');
    mkdirSync(folder);
    await shell.send('willChoose', { paths: [folder] });
    expect(await invoke('files.chooseBackupDir')).toMatchObject({ ok: true, value: { backupDir: folder } });
    expect(await invoke('backup.run', { toBackupDir: true })).toMatchObject({ ok: true, value: { integrity: 'ok' } });
    const [backup] = (await invoke('backup.status')).value.files;
    expect(await invoke('companies.create', { slug: 'globex', name: 'Globex' })).toMatchObject({ ok: true });

    expect(await invoke('backup.restore', { fileName: backup.fileName, confirm: true })).toMatchObject({
      ok: true,
      value: { fileName: backup.fileName, restarting: true },
    });
    // the window reloads on the restored database and signs in again; the folder never left this process
    await until(async () => (await shell.send('facts')).windows[0].reloads === 1, 'the window to reload');
    expect(dataFolderOwned(userData)).toBe(true);
    expect(await invoke('companies.list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await invoke('auth.login', owner)).toMatchObject({ ok: true });
    expect((await invoke('companies.list')).value.map((c: { slug: string }) => c.slug)).toEqual(['acme']);
    const facts = await shell.send('facts');
    expect({ handled: facts.handled, errorBoxes: facts.errorBoxes }).toEqual({ handled: ['dialdesk:invoke'], errorBoxes: [] });
    // the replaced database is kept beside the restored one
    expect(readdirSync(userData).filter((f) => /^dialdesk-before-restore-.*\.sqlite$/.test(f))).toHaveLength(1);
    expect((await shell.send('quit')).code).toBe(0);
  }, 90_000);
});
