import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { consolePlugin } from '../../../src-main/http/console';
import { HANDLERS } from '../../../src-main/ipc/table';
import { HEADLESS_BRIDGE, RENDERER_DIR } from '../../../src-main/core/paths';
import { CLI, ROOT, spawnServe, dialerWorld, report, type DialerWorld, type TestCore } from '../../world';

/** DESIGN.md §7: API keys are rate-limited per key (429 with Retry-After); so are clients without a valid key, and sign-ins. */

let d: DialerWorld | null = null;
afterEach(async () => {
  await d?.close();
  d = null;
});

const next = (key: string | null) => d!.exchange('GET', '/api/v1/dialer/next-batch?company=acme&size=1', undefined, key);

function expectLimited(answer: { status: number; body: any; headers: Headers }, message: RegExp) {
  expect(answer.status).toBe(429);
  expect(answer.body).toEqual({ error: { code: 'RATE_LIMITED', message: expect.stringMatching(message) } });
  const retryAfter = Number(answer.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
}

describe('per-key limits on the port', () => {
  it('answers 429 with Retry-After past the key’s requests a minute, writes nothing, and leaves other keys alone', async () => {
    d = await dialerWorld({ numbers: 30 });
    d.core.desk.set({ rateLimitPerKey: 10 });
    for (let i = 0; i < 10; i++) expect((await next(d.keys.a)).status).toBe(200);
    expectLimited(await next(d.keys.a), /this API key made more than 10 requests in a minute/);
    const results = await d.count('call_results');
    const refused = await d.exchange('POST', '/api/v1/dialer/report-result', report({ number_id: d.numberIds[0] }));
    expectLimited(refused, /more than 10/);
    expect(await d.count('call_results')).toBe(results);
    // another key of the same company, and a key of the inbound API, each have their own count
    expect((await d.exchange('GET', '/api/v1/dialer/next-batch?company=acme&size=1', undefined, d.keys.site)).status).toBe(200);
    expect((await d.exchange('GET', '/api/v1/dialer/next-batch?company=globex&size=1', undefined, d.keys.b)).status).toBe(200);
  });

  it('follows the desk setting without a restart', async () => {
    d = await dialerWorld();
    d.core.desk.set({ rateLimitPerKey: 3 });
    for (let i = 0; i < 3; i++) expect((await next(d.keys.a)).status).toBe(200);
    expect((await next(d.keys.a)).status).toBe(429);
    d.core.desk.set({ rateLimitPerKey: 100 });
    await new Promise((r) => setTimeout(r, 1100)); // read at most once a second
    expect((await next(d.keys.a)).status).toBe(200);
  });

  it('counts requests without a valid key by address, apart from the keys used there', async () => {
    d = await dialerWorld();
    d.core.desk.set({ rateLimitPerAddress: 4 });
    const wrong = ['ddk_not-a-key', null, 'ddk_not-a-key', `${d.keys.a}x`];
    for (const key of wrong) expect((await next(key)).status).toBe(401);
    expectLimited(await next('ddk_not-a-key'), /without a valid API key/);
    expectLimited(await next(null), /without a valid API key/);
    expect((await next(d.keys.a)).status).toBe(200);
  });
});

const withConsole = (heartbeatMs?: number) => (core: TestCore) => ({
  extra: [consolePlugin({ core, handlers: HANDLERS, rendererDir: RENDERER_DIR, bridgeScript: HEADLESS_BRIDGE, heartbeatMs })],
});

async function invoke(channel: string, arg: unknown) {
  const res = await fetch(`${d!.port.url}/rpc/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel, arg }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe('sign-in attempts on the console bridge', () => {
  it('are limited per address, in the bridge’s envelope, with Retry-After', async () => {
    d = await dialerWorld({ users: true, port: withConsole() });
    d.core.desk.set({ rateLimitPerAddress: 3 });
    for (let i = 0; i < 3; i++)
      expect((await invoke('auth.login', { username: 'root', password: `guess ${i}` })).body.error.code).toBe('UNAUTHENTICATED');
    const refused = await invoke('auth.login', { username: 'root', password: 'correct horse' });
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringMatching(/sign-in attempts/) } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await invoke('auth.setup', { username: 'root2', password: 'correct horse 2' })).status).toBe(429);
    // the rest of the console is not a sign-in
    expect((await invoke('app.state', {})).body).toMatchObject({ ok: true });
  });
});

describe('dialdesk serve --rate-limit-per-key / --rate-limit-per-address', () => {
  it('keeps them as this desk’s settings and applies them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dialdesk-limits-'));
    const { child, url } = await spawnServe(dataDir, ['--quiet', '--rate-limit-per-key', '5000', '--rate-limit-per-address', '2'], {
      timeoutMs: 40_000,
    });
    try {
      const desk = JSON.parse(readFileSync(join(dataDir, 'desk-settings.json'), 'utf8')).desk;
      expect(desk).toMatchObject({ rateLimitPerKey: 5000, rateLimitPerAddress: 2 });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${url}/api/v1/dialer/next-batch?company=acme`)).status);
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a limit the Settings page would refuse', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dialdesk-limits-'));
    try {
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', CLI, 'serve', '--data-dir', dataDir, '--port', '0', '--json', '--rate-limit-per-key', '0'],
        { cwd: ROOT, encoding: 'utf8', timeout: 40_000 },
      );
      expect(run.status).toBe(2);
      expect(JSON.parse(run.stdout)).toEqual({
        error: { code: 'BAD_INPUT', message: '--rate-limit-per-key: a rate limit is at least 1 request a minute' },
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
