import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(ROOT, 'src-main', 'cli', 'main.ts');
const BUILT_CLI = join(ROOT, 'out', 'main', 'cli.js');
const BIN = join(ROOT, 'bin', 'dialdesk.js');

/**
 * `dialdesk <args>` as one node process: the compiled command line (bin/dialdesk.js running
 * out/main/cli.js) when the build is newer than every source it is built from, as it is right after
 * `npm test`'s build; otherwise the sources with tsx loaded in the process, which starts 2-4 times
 * slower (it compiles the core on every start). DIALDESK_TEST_CLI=source always takes the sources.
 * (The `tsx` command would run the program in a child process of its own: a SIGKILL to it left that
 * child serving on with the data folder open.)
 */
export function cliProcess(args: string[]): { command: string; args: string[] } {
  if (builtIsCurrent()) return { command: process.execPath, args: [BIN, ...args] };
  return { command: process.execPath, args: ['--import', 'tsx', CLI, ...args] };
}

let current: boolean | undefined;
function builtIsCurrent(): boolean {
  if (current !== undefined) return current;
  if (process.env.DIALDESK_TEST_CLI === 'source') return (current = false);
  let built: number;
  try {
    built = statSync(BUILT_CLI).mtimeMs;
  } catch {
    return (current = false);
  }
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const path = join(dir, entry.name);
      return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
    }, 0);
  const sources = ['src-main', 'src-shared', 'migrations'].map((d) => newest(join(ROOT, d)));
  return (current = Math.max(...sources) <= built);
}

export interface SpawnedServe {
  child: ChildProcess;
  /** where it listens, as it printed it */
  url: string;
}

/**
 * Starts `dialdesk serve --data-dir <dir> --port 0 --json <args>` and answers once it listens (the
 * first JSON line on stdout carries its URL). Its stderr goes to `onStderr` and into the error when
 * it exits or stays silent past `timeoutMs`.
 */
export function spawnServe(
  dataDir: string,
  args: string[],
  options: { timeoutMs: number; onStderr?: (chunk: string) => void },
): Promise<SpawnedServe> {
  const cli = cliProcess(['serve', '--data-dir', dataDir, '--port', '0', '--json', ...args]);
  const child = spawn(cli.command, cli.args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
    options.onStderr?.(String(d));
  });
  return new Promise((resolveServe, reject) => {
    let out = '';
    let refusal = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start in ${options.timeoutMs / 1000} s: ${stderr}`)), options.timeoutMs);
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      const printed = JSON.parse(line) as { url?: string; error?: { code: string; message: string } };
      // with --json a refusal is printed on stdout; the exit that follows reports it
      if (printed.error) refusal = `${printed.error.code}: ${printed.error.message}`;
      else resolveServe({ child, url: printed.url! });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${refusal}${stderr}`));
    });
  });
}
