import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadPlan, LoadSummary } from './load-plan';

const CHILD = fileURLToPath(new URL('./load-child.ts', import.meta.url));

/** Runs a load plan with autocannon in a separate Node process and answers its summary. */
export function runLoad(plan: LoadPlan): Promise<LoadSummary> {
  return startLoad(plan).done;
}

export interface RunningLoad {
  done: Promise<LoadSummary>;
  /** ends the load before its duration is up; `done` then answers what ran */
  stop(): void;
}

export function startLoad(plan: LoadPlan): RunningLoad {
  const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const done = new Promise<LoadSummary>((resolve, reject) => {
    let settled = false;
    child.on('message', (m: { ok: boolean; summary?: LoadSummary; error?: string }) => {
      settled = true;
      if (m.ok && m.summary) resolve(m.summary);
      else reject(new Error(`load process failed: ${m.error}`));
    });
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`load process exited with ${code} before answering`));
    });
  });
  child.send(plan);
  return { done, stop: () => child.connected && child.send('stop') };
}
