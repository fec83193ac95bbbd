import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_NAME_HEADER } from '../../../src-shared/bridge';
import { HEADLESS_BRIDGE } from '../../../src-main/core/paths';
import { consolePlugin } from '../../../src-main/http/console';
import { startPort, type RunningPort } from '../../../src-main/http/port';
import { HANDLERS } from '../../../src-main/ipc/table';
import { makeTestCore, startServe, spawnServe, type TestCore, type Serve } from '../../world';

const SESSION = 'x-dialdesk-session';

/** A console session of its own on a server: the token a browser tab would hold. */
async function signIn(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/rpc/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'auth.login', arg: { username, password } }),
  });
  const token = res.headers.get(SESSION);
  if (!token) throw new Error(`sign-in of ${username} failed: ${await res.text()}`);
  return token;
}

async function invoke(url: string, token: string | null, channel: string, arg: unknown) {
  const res = await fetch(`${url}/rpc/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { [SESSION]: token } : {}) },
    body: JSON.stringify({ channel, arg }),
  });
  return (await res.json()) as { ok: boolean; value?: any; error?: { code: string; message: string } };
}

/** POST /rpc/upload as the console's bridge sends it: the raw bytes, the name URI-encoded in a header. */
async function upload(url: string, token: string | null, name: string, body: string | ReadableStream<Uint8Array>) {
  const res = await fetch(`${url}/rpc/upload`, {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      [UPLOAD_NAME_HEADER]: encodeURIComponent(name),
      ...(token ? { [SESSION]: token } : {}),
    },
    body,
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
  } as RequestInit);
  return { status: res.status, body: (await res.json()) as any };
}

describe('uploads under a real `dialdesk serve`', () => {
  let s: Serve;
  let a: string;
  let b: string;
  const uploads = () => readdirSync(join(s.dataDir, 'uploads'));

  beforeAll(async () => {
    s = await startServe();
    const company = await s.rpc('companies.create', { slug: 'acme', name: 'Acme' });
    await s.rpc('users.create', { username: 'watcher', password: 'password-9', role: 'viewer', companyId: company.id });
    // two tabs of the site owner: two sessions
    a = await signIn(s.url, 'siteowner', 'contract-pass-1');
    b = await signIn(s.url, 'siteowner', 'contract-pass-1');
  }, 60_000);
  afterAll(async () => s?.dispose());

  it('streams the file into the server folder and hands back a one-time handle for that session only', async () => {
    const list = ['phone', ...Array.from({ length: 500 }, (_, i) => `030 5550 ${String(i).padStart(4, '0')}`), 'not a phone'].join('\n');
    const sent = await upload(s.url, a, '../../Spring leads.csv', list);
    expect(sent).toMatchObject({ status: 200, body: { name: 'Spring leads.csv', bytes: Buffer.byteLength(list) } });
    expect(JSON.stringify(sent.body)).not.toContain(s.dataDir);
    expect(uploads()).toHaveLength(1);
    const { handle } = sent.body;

    const elsewhere = await invoke(s.url, b, 'numbers.import', { file: handle, region: 'DE' });
    expect(elsewhere).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('unknown, expired or already used') },
    });
    expect(uploads()).toHaveLength(1); // still there for its own session

    const imported = await invoke(s.url, a, 'numbers.import', { file: handle, region: 'DE' });
    expect(imported).toMatchObject({ ok: true, value: { source: 'Spring leads.csv', rows: 501, added: 500, rejected: 1 } });
    expect(uploads()).toEqual([]); // the copy is gone once used
    expect(await invoke(s.url, a, 'numbers.dnc', { file: handle })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('refuses an upload without a session, from a role that may not import, or without a name, keeping nothing', async () => {
    expect(await upload(s.url, null, 'a.csv', '+4930555000\n')).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    });
    expect(await upload(s.url, 'forged-token', 'a.csv', '+4930555000\n')).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    });
    const viewer = await signIn(s.url, 'watcher', 'password-9');
    expect(await upload(s.url, viewer, 'a.csv', '+4930555000\n')).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await upload(s.url, a, '', '+4930555000\n')).toMatchObject({ status: 400, body: { error: { code: 'BAD_INPUT' } } });
    expect(uploads()).toEqual([]);
  });

  it('the server cannot show a dialog, and no client sets the backup folder', async () => {
    expect(await invoke(s.url, a, 'files.pickOpen', {})).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await invoke(s.url, a, 'files.chooseBackupDir', {})).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('--backup-dir') },
    });
    expect(await invoke(s.url, a, 'settings.updateDesk', { backupDir: '/etc/cron.d' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await invoke(s.url, a, 'numbers.import', { path: '/proc/self/environ' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect((await invoke(s.url, a, 'settings.get', {})).value.desk.backupDir).toBeNull();
  });
});

describe('`dialdesk serve --backup-dir`', () => {
  it('keeps the folder in the desk settings, where backups then go', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dialdesk-backupdir-'));
    const folder = join(dataDir, 'nightly');
    const { child, url } = await spawnServe(dataDir, ['--backup-dir', folder, '--quiet'], { timeoutMs: 40_000 });
    try {
      const setup = await fetch(`${url}/rpc/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'auth.setup', arg: { username: 'owner', password: 'owner-pass-1' } }),
      });
      const token = setup.headers.get(SESSION)!;
      expect((await invoke(url, token, 'settings.get', {})).value.desk.backupDir).toBe(folder);
      const backup = await invoke(url, token, 'backup.run', { toBackupDir: true });
      expect(backup).toMatchObject({ ok: true, value: { integrity: 'ok' } });
      expect(backup.value.savedTo.startsWith(folder)).toBe(true);
      expect(readdirSync(folder)).toHaveLength(1);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the upload limit', () => {
  const LIMIT = 64 * 1024;
  let core: TestCore;
  let port: RunningPort;
  let token: string;
  const uploads = () => readdirSync(join(core.dataDir, 'uploads'));

  beforeAll(async () => {
    core = await makeTestCore();
    port = await startPort(core, {
      host: '127.0.0.1',
      port: 0,
      extra: [
        consolePlugin({
          core,
          handlers: HANDLERS,
          rendererDir: pageDir(core.dataDir),
          bridgeScript: HEADLESS_BRIDGE,
          uploadLimitBytes: LIMIT,
        }),
      ],
    });
    const setup = await fetch(`${port.url}/rpc/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'auth.setup', arg: { username: 'owner', password: 'owner-pass-1' } }),
    });
    token = setup.headers.get(SESSION)!;
  });
  afterAll(async () => {
    await port.close();
    await core.dispose();
  });

  it('is told to the page, which checks a file before sending it', async () => {
    const page = await (await fetch(`${port.url}/`)).text();
    expect(page).toContain(`<script src="/dialdesk-bridge.js" data-upload-limit="${LIMIT}"></script>`);
  });

  it('answers a body announced over the limit with a 413 envelope, keeping nothing', async () => {
    const answer = await upload(port.url, token, 'big.csv', 'x'.repeat(LIMIT + 1));
    expect(answer).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
    expect(uploads()).toEqual([]);
  });

  it('answers a streamed body that grows past the limit with a 413 envelope, and deletes what was written', async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= LIMIT * 3) return controller.close();
        sent += 8192;
        controller.enqueue(new Uint8Array(8192).fill(0x31));
      },
    });
    const answer = await upload(port.url, token, 'streamed.csv', body);
    expect(answer).toMatchObject({
      status: 413,
      body: { error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('streamed.csv is larger than') } },
    });
    expect(uploads()).toEqual([]);
    // just under the limit is fine
    expect(await upload(port.url, token, 'fits.csv', '1'.repeat(LIMIT))).toMatchObject({ status: 200, body: { bytes: LIMIT } });
    expect(uploads()).toHaveLength(1);
  });

  it('deletes a partial upload whose client went away', async () => {
    const before = uploads().length;
    const { hostname, port: p } = new URL(port.url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(p), hostname, () => {
        socket.write(
          [
            `POST /rpc/upload HTTP/1.1`,
            `Host: ${hostname}:${p}`,
            'Content-Type: application/octet-stream',
            `Content-Length: ${LIMIT}`,
            `${SESSION}: ${token}`,
            `${UPLOAD_NAME_HEADER}: cut.csv`,
            '',
            '',
          ].join('\r\n'),
        );
        socket.write(Buffer.alloc(LIMIT / 2, 0x31), () => setTimeout(() => socket.destroy(), 100));
      });
      socket.on('error', () => undefined);
      socket.on('close', () => resolve());
    });
    for (let i = 0; i < 50 && uploads().length > before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(uploads()).toHaveLength(before);
  });
});

/** a page for the console plugin to serve, without `npm run build` */
function pageDir(dataDir: string): string {
  const dir = join(dataDir, 'page');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<html><head></head><body></body></html>');
  return dir;
}
