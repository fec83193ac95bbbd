import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
export const CLI = join(ROOT, 'src-main', 'cli', 'main.ts');

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
export function spawnServe(dataDir: string, args: string[], options: { timeoutMs: number; onStderr?: (chunk: string) => void }): Promise<SpawnedServe> {
  const child = spawn(TSX, [CLI, 'serve', '--data-dir', dataDir, '--port', '0', '--json', ...args], {
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
    const timer = setTimeout(() => reject(new Error(`serve did not start in ${options.timeoutMs / 1000} s: ${stderr}`)), options.timeoutMs);
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolveServe({ child, url: JSON.parse(line).url });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
}
