import { fork as forkChild } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CrowdPlan, CrowdSummary, LoadPlan, LoadSummary } from './load-plan';

const CHILD = fileURLToPath(new URL('./load-child.ts', import.meta.url));

/** Runs a load plan with autocannon in a separate Node process and answers its summary. */
export function runLoad(plan: Exclude<LoadPlan, CrowdPlan>): Promise<LoadSummary> {
  return startLoad(plan).done;
}

/** Runs many dialers leasing and reporting back to back (crowd.ts) in a separate Node process. */
export function runCrowdLoad(plan: CrowdPlan): Promise<CrowdSummary> {
  return fork<CrowdSummary>(plan).done;
}

export interface RunningLoad<S = LoadSummary> {
  done: Promise<S>;
  /** ends the load before its duration is up; `done` then answers what ran */
  stop(): void;
}

export function startLoad(plan: Exclude<LoadPlan, CrowdPlan>): RunningLoad {
  return fork<LoadSummary>(plan);
}

function fork<S>(plan: LoadPlan): RunningLoad<S> {
  const child = forkChild(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const done = new Promise<S>((resolve, reject) => {
    let settled = false;
    child.on('message', (m: { ok: boolean; summary?: S; error?: string }) => {
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
