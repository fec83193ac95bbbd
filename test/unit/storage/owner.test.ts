import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { claimDataFolder, dataFolderOwned } from '../../../src-main/core/db/owner';
import { runCli, spawnServe } from '../../world';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'dialdesk-owner-'));
  dirs.push(d);
  return d;
};
const exited = (child: ChildProcess) =>
  new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));

describe('one long-running owner per data folder', () => {
  it('a second claim is refused while the first holds it, and granted once it is released', () => {
    const dir = freshDir();
    const first = claimDataFolder(dir, 'app');
    first.announce({ url: 'http://127.0.0.1:9999' });
    expect(dataFolderOwned(dir)).toBe(true);
    expect(() => claimDataFolder(dir, 'serve')).toThrow(
      /already in use by the DialDesk desktop app \(pid \d+, since .*, at http:\/\/127\.0\.0\.1:9999\)/,
    );
    first.release();
    expect(dataFolderOwned(dir)).toBe(false);
    claimDataFolder(dir, 'serve').release();
  });

  it('a second serve on the folder exits with a clear message, short commands run beside the first, and a killed owner leaves no claim', async () => {
    const dir = freshDir();
    const first = await spawnServe(dir, ['--api-only', '--quiet'], { timeoutMs: 60_000 });
    children.push(first.child);
    const second = spawnServe(dir, ['--api-only', '--quiet'], { timeoutMs: 60_000 });
    await expect(second).rejects.toThrow(
      new RegExp(`exited with 1: .*already in use by dialdesk serve \\(pid ${first.child.pid}, .*at ${first.url}`),
    );
    // a one-shot command writes beside the owner
    const created = await runCli(dir, ['company', 'create', '--slug', 'acme', '--name', 'Acme']);
    expect(created.company.slug).toBe('acme');
    // the operating system drops the claim with the process, however it ends
    first.child.kill('SIGKILL');
    await exited(first.child);
    const third = await spawnServe(dir, ['--api-only', '--quiet'], { timeoutMs: 60_000 });
    children.push(third.child);
    expect((await fetch(`${third.url}/api/v1/health`)).status).toBe(200);
    third.child.kill('SIGTERM');
    await exited(third.child);
  }, 120_000);
});
