import { spawn } from 'node:child_process';

/**
 * A second process that keeps one core busy, as a site's other software would: the figures measured
 * while it spins show how the rules' cost grows under contention, beside baselines that share it.
 */
export interface Spinner {
  stop(): Promise<void>;
}

export function startSpinner(): Spinner {
  const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    stop: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
