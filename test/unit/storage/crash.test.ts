import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/core';
import { memoryDeskSettings } from '../../../src-main/core/settings/desk';
import { createCompany } from '../../../src-main/core/companies/companies';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { topUp } from '../../../src-main/core/billing/wallet';
import { createApiKey } from '../../../src-main/core/apikeys/apikeys';
import { setSchedule, OPEN_24X7 } from '../../../src-main/core/schedule/schedule';
import { walletMatchesLedger } from '../../../src-main/core/billing/ledger';
import { phoneOf } from '../../world';

const ROOT = resolve(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'src-main', 'cli', 'main.ts');
/**
 * `dialdesk serve` needs the built console (out/renderer); a clean checkout runs the unit tests
 * before `npm run build`. Then the same core and HTTP port run alone, as the Electron app runs them.
 */
const SERVE_BUILT = existsSync(join(ROOT, 'out', 'renderer', 'index.html'));
const COMMAND = SERVE_BUILT
  ? (dir: string) => [CLI, 'serve', '--data-dir', dir, '--port', '0', '--json']
  : (dir: string) => [join(ROOT, 'test', 'world', 'port-process.ts'), dir];
if (!SERVE_BUILT)
  console.log('crash test: out/renderer is not built, so the HTTP port runs without the console (test/world/port-process.ts)');

let dataDir: string;
let child: ChildProcess | null = null;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function serve(dir: string): Promise<{ url: string; proc: ChildProcess }> {
  // one process, tsx loaded in it: SIGKILL must reach the process that holds the database
  const proc = spawn(process.execPath, ['--import', 'tsx', ...COMMAND(dir)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  let err = '';
  proc.stderr!.on('data', (c) => (err += c));
  return new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`serve did not start: ${err}`)), 30_000);
    proc.stdout!.on('data', (c) => {
      out += c;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        res({ url: JSON.parse(line).url, proc });
      }
    });
    proc.once('exit', (code) => rej(new Error(`serve exited ${code}: ${err}`)));
  });
}

it('a serve killed with SIGKILL mid-load keeps every result it acknowledged, and its file stays sound', async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dialdesk-crash-'));
  const setup = await createCore({ dataDir, desk: memoryDeskSettings() });
  const now = Date.now();
  const company = await createCompany(
    setup.db,
    CLI_ACTOR,
    {
      slug: 'acme',
      name: 'Acme',
      timezone: 'UTC',
      currency: 'EUR',
      billingMode: 'per_call',
      costPerBillable: 10,
      costPerMinute: 0,
      lowBalanceThreshold: 0,
    },
    now,
  );
  await topUp(setup.db, CLI_ACTOR, { companyId: company.id, amount: 1_000_000 }, now);
  await setSchedule(setup.db, CLI_ACTOR, { companyId: company.id, windows: OPEN_24X7, exceptions: [] }, now);
  setup.db.sqlite
    .prepare("insert into scenarios (company_id, key, name, is_active, created_at, updated_at) values (?, 'sales', 'Sales', 1, ?, ?)")
    .run(company.id, now, now);
  const key = (await createApiKey(setup.db, CLI_ACTOR, { companyId: company.id, name: 'rack', scopes: ['dialer'] }, now)).key;
  const insert = setup.db.sqlite.prepare('insert into numbers (phone, imported_at) values (?, 0)');
  setup.db.sqlite.transaction(() => {
    for (let i = 0; i < 3000; i++) insert.run(phoneOf(i));
  })();
  await setup.close();

  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const acknowledged = new Map<string, { body: string; answer: unknown }>();
  const first = await serve(dataDir);
  let killed = false;

  // four dialers lease and report as fast as they can; the server dies under them
  const load = async (dialer: number) => {
    for (let round = 0; !killed; round++) {
      try {
        const batch = (await (
          await fetch(`${first.url}/api/v1/dialer/next-batch?company=acme&size=10&dialer=d${dialer}`, { headers })
        ).json()) as { numbers: { number_id: number }[] };
        await Promise.all(
          batch.numbers.map(async (n: { number_id: number }, i: number) => {
            const body = JSON.stringify({
              company: 'acme',
              call_id: `d${dialer}-${round}-${i}`,
              number_id: n.number_id,
              scenario: 'sales',
              status: 'ANSWERED',
              started_at: new Date().toISOString(),
              duration_s: 30,
            });
            const res = await fetch(`${first.url}/api/v1/dialer/report-result`, { method: 'POST', headers, body });
            if (res.status === 201) acknowledged.set(JSON.parse(body).call_id, { body, answer: await res.json() });
          }),
        );
      } catch {
        return; // the server is gone
      }
    }
  };
  const running = [1, 2, 3, 4].map(load);
  while (acknowledged.size < 300) await new Promise((r) => setTimeout(r, 5));
  const exited = new Promise((r) => first.proc.once('exit', r));
  first.proc.kill('SIGKILL');
  killed = true;
  await exited;
  await Promise.all(running);
  expect(acknowledged.size).toBeGreaterThanOrEqual(300);

  const second = await serve(dataDir);
  for (const [callId, { body, answer }] of acknowledged) {
    const res = await fetch(`${second.url}/api/v1/dialer/report-result`, { method: 'POST', headers, body });
    expect(res.status, callId).toBe(200);
    expect(await res.json()).toEqual(answer);
  }
  const exitedAgain = new Promise((r) => second.proc.once('exit', r));
  second.proc.kill('SIGTERM');
  await exitedAgain;

  const check = await createCore({ dataDir, desk: memoryDeskSettings() });
  try {
    expect(check.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((await walletMatchesLedger(check.db, company.id)).ok).toBe(true);
    const results = check.db.sqlite.prepare('select count(*) from call_results').pluck().get() as number;
    expect(results).toBeGreaterThanOrEqual(acknowledged.size);
  } finally {
    await check.close();
  }
}, 90_000);
