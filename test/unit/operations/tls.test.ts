import { get } from 'node:https';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTlsFiles } from '../../../src-main/core/settings/tls';
import { startPort, type RunningPort } from '../../../src-main/http/port';
import { call, makeTestCore, ok, ROOT, seedWorld, spawnServe, willChooseFile, type TestCore } from '../../world';

const TLS = join(ROOT, 'test', 'fixtures', 'tls');
const CERT = join(TLS, 'cert.pem');
const KEY = join(TLS, 'key.pem');
const OTHER_KEY = join(TLS, 'other-key.pem');

let core: TestCore | null = null;
let port: RunningPort | null = null;
afterEach(async () => {
  await port?.close();
  port = null;
  await core?.dispose();
  core = null;
});

/** GET over HTTPS trusting only the test certificate: what a dialer given that certificate does. */
function httpsGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { ca: readFileSync(CERT) }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('TLS for the HTTP port', () => {
  it('takes a certificate and its key from the desk dialogs, and refuses a wrong pair, changing nothing', async () => {
    core = await makeTestCore();
    const w = await seedWorld(core);
    const choose = async (cert: string, key: string) => {
      willChooseFile(core!, cert);
      willChooseFile(core!, key);
      return call(core!, w.superuser, 'files.chooseTlsFiles', {});
    };
    const refusals: [string, string, string][] = [
      [CERT, OTHER_KEY, 'is not the private key of the certificate'],
      [join(TLS, 'missing.pem'), KEY, 'cannot be read (ENOENT)'],
      [KEY, KEY, 'is not a certificate'],
    ];
    for (const [cert, key, why] of refusals) {
      expect(await choose(cert, key)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining(why) } });
      expect(core.desk.get()).toMatchObject({ tlsCertFile: null, tlsKeyFile: null });
    }
    // a client never names the files
    expect(await call(core, w.superuser, 'settings.updateDesk', { tlsCertFile: CERT, tlsKeyFile: KEY })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('--tls-cert') },
    });
    expect(await call(core, w.superuser, 'files.chooseTlsFiles', {}, { dialogs: false })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await call(core, w.users.admin, 'files.chooseTlsFiles', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    expect(ok(await choose(CERT, KEY))).toMatchObject({ tlsCertFile: CERT, tlsKeyFile: KEY });
    willChooseFile(core, null); // cancelled: nothing changes
    expect(ok(await call(core, w.superuser, 'files.chooseTlsFiles', {}))).toBeNull();
    expect(core.desk.get()).toMatchObject({ tlsCertFile: CERT, tlsKeyFile: KEY });
  });

  it('answers over HTTPS with the loaded pair', async () => {
    core = await makeTestCore();
    port = await startPort(core, { host: '127.0.0.1', port: 0, logger: false, tls: loadTlsFiles(CERT, KEY) });
    expect(port.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(await httpsGet(`${port.url}/api/v1/health`)).toMatchObject({ status: 200, body: expect.stringContaining('"ok"') });
    await expect(fetch(`${port.url.replace('https', 'http')}/api/v1/health`)).rejects.toThrow();
  });

  it('serve --tls-cert --tls-key: a wrong pair stops it with the reason; a right one serves HTTPS', async () => {
    core = await makeTestCore();
    const dataDir = core.dataDir;
    await core.close();
    const wrong = await spawnServe(dataDir, ['--tls-cert', CERT, '--tls-key', OTHER_KEY], { timeoutMs: 40_000 }).catch((err: Error) => err);
    expect(String(wrong)).toMatch(/exited with 2: BAD_INPUT: .*other-key\.pem is not the private key/);
    const settings = join(dataDir, 'desk-settings.json');
    expect(existsSync(settings) ? readFileSync(settings, 'utf8') : '').not.toContain('tls');
    const served = await spawnServe(dataDir, ['--tls-cert', CERT, '--tls-key', KEY, '--quiet'], { timeoutMs: 40_000 });
    try {
      expect(served.url).toMatch(/^https:\/\//);
      expect((await httpsGet(`${served.url}/api/v1/health`)).status).toBe(200);
    } finally {
      served.child.kill('SIGTERM');
      await new Promise((r) => served.child.once('exit', r));
    }
  }, 90_000);
});
