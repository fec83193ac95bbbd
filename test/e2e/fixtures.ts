import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test as base } from '@playwright/test';
import { cliProcess, ROOT, spawnServe } from '../world';

export interface Served {
  url: string;
  dataDir: string;
  /** runs `npm run cli -- <args> --data-dir <this server's dir> --json` and parses its answer */
  cli(args: string[]): Promise<Record<string, any>>;
}

/** every page's screenshot, by name, for a person to look at */
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');
/** stderr of every `dialdesk serve` the tests started */
export const SERVE_LOG = join(ROOT, 'test-results', 'serve.log');

/** Starts `dialdesk serve` on a free loopback port with a fresh data dir; stops it with SIGTERM. */
export async function startServe(): Promise<Served & { stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dialdesk-e2e-'));
  // the server's own log, kept for a person reading a failure (an INTERNAL error's details are there)
  mkdirSync(dirname(SERVE_LOG), { recursive: true });
  const { child, url } = await spawnServe(dataDir, [], { timeoutMs: 30_000, onStderr: (d) => appendFileSync(SERVE_LOG, d) });
  return {
    url,
    dataDir,
    cli: (args) => runCli([...args, '--data-dir', dataDir, '--json']),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function runCli(args: string[]): Promise<Record<string, any>> {
  return new Promise((resolveRun, reject) => {
    const cli = cliProcess(args);
    const child = spawn(cli.command, cli.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolveRun({ exitCode: code, ...JSON.parse(line) });
      } catch {
        reject(new Error(`cli ${args.join(' ')} printed no JSON (exit ${code}): ${out} ${err}`));
      }
    });
  });
}

interface ServerPool {
  /** the server of this test file, started on the file's first test */
  forFile(file: string): Promise<Served>;
}

/**
 * One server per test file: tests in a file share it (and its data) in order, and the next file
 * gets a fresh desk. A worker runs files one after another, so at most one server is up at a time.
 */
export const test = base.extend<{ served: Served; shot: (name: string) => Promise<void> }, { serverPool: ServerPool }>({
  serverPool: [
    async ({}, use) => {
      const state: { current: { file: string; server: Promise<Served & { stop(): Promise<void> }> } | null } = { current: null };
      await use({
        async forFile(file) {
          const { current } = state;
          if (current?.file === file) return current.server;
          if (current) await (await current.server).stop();
          state.current = { file, server: startServe() };
          return state.current.server;
        },
      });
      if (state.current) await (await state.current.server).stop();
    },
    { scope: 'worker' },
  ],
  served: async ({ serverPool }, use, testInfo) => {
    await use(await serverPool.forFile(testInfo.file));
  },
  shot: async ({ page }, use, testInfo) => {
    await use(async (name: string) => {
      const file = join(SCREENSHOT_DIR, `${name}.png`);
      // sticky sidebar and top bar land mid-picture in a full-page shot taken while scrolled
      await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
      await page.screenshot({ path: file, fullPage: true });
      await testInfo.attach(name, { path: file, contentType: 'image/png' });
    });
  },
});

export { expect } from '@playwright/test';
