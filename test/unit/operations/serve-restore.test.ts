import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliProcess, ROOT, spawnServe, type SpawnedServe } from '../../world';

const dirs: string[] = [];
let serve: SpawnedServe | null = null;
afterAll(async () => {
  if (serve && serve.child.exitCode === null) {
    serve.child.kill('SIGKILL');
    await new Promise((r) => serve!.child.once('exit', r));
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The console's bridge as a browser uses it: one session token, renewed at sign-in. */
function consoleClient(url: string) {
  let token: string | null = null;
  return async (channel: string, arg: unknown = {}) => {
    const res = await fetch(`${url}/rpc/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { 'x-dialdesk-session': token } : {}) },
      body: JSON.stringify({ channel, arg }),
    });
    token = res.headers.get('x-dialdesk-session') ?? token;
    return (await res.json()) as { ok: boolean; value?: any; error?: { code: string; message: string } };
  };
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting: ${what}`);
}

function cli(args: string[]): Promise<{ code: number | null; answer: any }> {
  return new Promise((resolve) => {
    const c = cliProcess([...args, '--json']);
    const child = spawn(c.command, c.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('exit', (code) => resolve({ code, answer: JSON.parse(out.trim().split('\n').pop() || 'null') }));
  });
}

describe('a restore from the console of dialdesk serve', () => {
  it('checks the backup, restarts serve on it in place, and refuses the command line meanwhile', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dialdesk-serve-restore-'));
    const backupDir = mkdtempSync(join(tmpdir(), 'dialdesk-serve-backups-'));
    dirs.push(dataDir, backupDir);
    serve = await spawnServe(dataDir, ['--quiet', '--backup-dir', backupDir], { timeoutMs: 40_000 });
    const { url } = serve;
    const rpc = consoleClient(url);
    expect((await rpc('auth.setup', { username: 'owner', password: 'restore-pass-1' })).ok).toBe(true);
    const company = (await rpc('companies.create', { slug: 'acme', name: 'Acme', currency: 'EUR', timezone: 'UTC', costPerBillable: 5 }))
      .value;
    await rpc('billing.topup', { companyId: company.id, amount: 1000 });
    const backup = (await rpc('backup.run', { toBackupDir: true })).value;
    await rpc('billing.topup', { companyId: company.id, amount: 500 });
    const balance = async (call = rpc) => (await call('companies.get', { companyId: company.id })).value.walletBalance as number;
    expect(await balance()).toBe(1500);

    // the command line may not restore under a running serve
    const refused = await cli(['restore', join(backupDir, backup.fileName), '--data-dir', dataDir]);
    expect(refused).toMatchObject({ code: 1, answer: { error: { code: 'CONFLICT', message: expect.stringContaining('dialdesk serve') } } });

    // a file in the folder that is not a backup is refused before anything stops
    writeFileSync(join(backupDir, 'dialdesk-backup-20990101-000000.sqlite'), 'not a database\n');
    expect(await rpc('backup.restore', { fileName: 'dialdesk-backup-20990101-000000.sqlite', confirm: true })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('not a SQLite database') },
    });
    expect(await rpc('backup.restore', { fileName: backup.fileName })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await balance()).toBe(1500);

    const status = (await rpc('backup.status')).value;
    expect(status.files.map((f: { fileName: string }) => f.fileName)).toContain(backup.fileName);
    const answer = await rpc('backup.restore', { fileName: backup.fileName, confirm: true });
    expect(answer).toMatchObject({ ok: true, value: { fileName: backup.fileName, restarting: true, migrated: [] } });

    // back on the same port, on the backup's data; every console user signs in again
    await until(async () => (await rpc('app.state')).ok, 'serve to answer again after the restore');
    await until(async () => (await rpc('companies.list')).error?.code === 'UNAUTHENTICATED', 'the old session to be gone');
    const again = consoleClient(url);
    expect((await again('auth.login', { username: 'owner', password: 'restore-pass-1' })).ok).toBe(true);
    expect(await balance(again)).toBe(1000);
    const audit = (await again('audit.list', { siteWide: true, entity: 'backup', limit: 20 })).value;
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['restore']); // the backup's own entry was written after its copy
    expect(readdirSync(dataDir).filter((f) => f.startsWith('dialdesk-before-restore-'))).toHaveLength(1);

    serve.child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => serve!.child.once('exit', (exitCode) => r(exitCode)));
    expect(code).toBe(0);
  }, 120_000);
});
