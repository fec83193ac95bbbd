import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './process';

const DOUBLE = join(ROOT, 'test', 'world', 'electron-double');
const PREFIX = '@@double ';

export interface ShellUnderDouble {
  /** one step of the harness (test/world/electron-double/harness.mjs), answered with its value */
  send(op: string, args?: Record<string, unknown>): Promise<any>;
  /** what the shell printed (its console log) besides the harness's answers */
  output(): string;
  /** ends the harness process (idempotent) */
  stop(): Promise<void>;
}

/**
 * The built shell (`out` of buildApp: main/index.js and preload/index.cjs) in a plain Node process
 * whose `electron` is the test double, driven step by step. `lock: 'held'` starts it as a second
 * instance would (another holds the single-instance lock).
 */
export function shellUnderDouble(options: { out: string; appDir: string; userData: string; lock?: 'held' }): ShellUnderDouble {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DIALDESK_DOUBLE_OUT: options.out,
    DIALDESK_DOUBLE_APP_PATH: options.appDir,
    DIALDESK_DOUBLE_USER_DATA: options.userData,
  };
  delete env.NODE_OPTIONS; // no TypeScript loader: the built JavaScript, as it ships
  if (options.lock) env.DIALDESK_DOUBLE_LOCK = options.lock;
  const child: ChildProcess = spawn(process.execPath, ['--import', join(DOUBLE, 'register.mjs'), join(DOUBLE, 'harness.mjs')], {
    cwd: options.appDir,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`the shell's process exited (${code}): ${output}`));
    waiting.clear();
  });
  child.stderr!.on('data', (d) => (output += d));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith(PREFIX)) return void (output += `${line}\n`);
    const { id, value, error } = JSON.parse(line.slice(PREFIX.length));
    const w = waiting.get(id);
    waiting.delete(id);
    if (error) w?.reject(new Error(error));
    else w?.resolve(value);
  });
  return {
    send(op, args = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.stdin!.write(`${JSON.stringify({ id, op, ...args })}\n`);
      });
    },
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin!.end();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
