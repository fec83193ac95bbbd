import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, DATABASE_FILE, type Core } from '../../src-main/core/core';
import { memoryDeskSettings } from '../../src-main/core/settings/desk';
import { createApiKey } from '../../src-main/core/apikeys/apikeys';
import { CLI_ACTOR } from '../../src-main/core/audit/audit';
import { startPort, type RunningPort } from '../../src-main/http/port';
import type { Clock } from '../../src-main/core/time';
import { DATA_ROOT, type CompanyInfo, type Dataset } from './generate';
import { FRESH_COMPANY, HEAVY_COMPANY } from './gen/params';
import { startBareServer, type BareServer } from './baselines';
import { JsonClient } from './harness/http';
import { LoopStall } from './harness/monitor';
import { setupSuperuser } from '../../src-main/core/users/users';
import type { ChannelName, Input, Output } from '../../src-shared/contract';
import { call, willPick } from '../world';
import type { BenchTable } from './harness/table';

/** Everything a measurement needs: the real core and port on a fresh copy of the data set, and the baseline server. */
export interface BenchContext {
  quick: boolean;
  dataset: Dataset;
  /** the run's folder: the working copy of the database and any files the bench writes */
  runDir: string;
  core: Core;
  port: RunningPort;
  bare: BareServer;
  /** the bench's "now": the data set's anchor plus the time the run has taken */
  clock: Clock;
  keys: Record<string, string>;
  heavy: CompanyInfo;
  fresh: CompanyInfo;
  companies: CompanyInfo[];
  table: BenchTable;
  /** the event loop watched from the moment the port listens (its caches fill in the background) */
  startup: LoopStall;
  /** a console call through the real handler table (validation, roles), as the site owner */
  rpc<C extends ChannelName>(channel: C, arg: Input<C>): Promise<Output<C>>;
  /** numbers.import of a file as the app does it: picked in the open dialog, then imported by its handle */
  importList(path: string, region: string): Promise<Output<'numbers.import'>>;
  /** a keep-alive client for one company's key */
  client(slug: string): JsonClient;
  log(line: string): void;
  close(): Promise<void>;
}

/**
 * Copies the cached data set to a run folder (the bench writes leases, results and imports into it;
 * the cache stays pristine), opens it with the real core and starts the real HTTP port.
 */
export async function openBench(dataset: Dataset, table: BenchTable, quick: boolean, log: (l: string) => void): Promise<BenchContext> {
  const runDir = join(DATA_ROOT, `${dataset.manifest.key}-run`);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const copyStart = Date.now();
  copyFileSync(dataset.file, join(runDir, DATABASE_FILE));
  log(`working copy in ${((Date.now() - copyStart) / 1000).toFixed(1)} s: ${runDir}`);

  const anchor = Date.parse(dataset.manifest.params.anchor);
  const startedAt = Date.now();
  const clock: Clock = () => anchor + (Date.now() - startedAt);
  // The bench drives one key at full speed (report-result from 8 connections: 1,300-2,000 requests a
  // second on a quiet 2-core machine), far past any real site and the per-key default of 30,000 a
  // minute, so it lifts the limit for itself: the figures measure the port's work, not its refusals.
  const desk = memoryDeskSettings({ rateLimitPerKey: 10_000_000 });
  const core = await createCore({ dataDir: runDir, desk, clock, checkpointInWorker: true });
  const keys: Record<string, string> = {};
  for (const c of dataset.manifest.companies) {
    keys[c.slug] = (await createApiKey(core.db, CLI_ACTOR, { companyId: c.id, name: 'bench dialer', scopes: ['dialer'] }, clock())).key;
  }
  const superuser = await setupSuperuser(core.db, 'bench', 'bench password 1', clock());
  const port = await startPort(core, { host: '127.0.0.1', port: 0, logger: false });
  // from the moment dialers can connect (building the server before it listens is a one-off ~0.1 s)
  const startup = new LoopStall();
  startup.start(1);
  const bare = await startBareServer(core.db);
  const clients: JsonClient[] = [];
  const companies = dataset.manifest.companies;
  async function rpc<C extends ChannelName>(channel: C, arg: Input<C>): Promise<Output<C>> {
    const answer = await call(core, superuser, channel, arg);
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.code}: ${answer.error.message}`);
    return answer.value;
  }
  return {
    quick,
    dataset,
    runDir,
    startup,
    core,
    port,
    bare,
    clock,
    keys,
    heavy: companies[HEAVY_COMPANY],
    fresh: companies[FRESH_COMPANY],
    companies,
    table,
    rpc,
    async importList(path, region) {
      willPick(core, path);
      const picked = await rpc('files.pickOpen', {});
      if (!picked) throw new Error('files.pickOpen: no file picked');
      return rpc('numbers.import', { file: picked.handle, region });
    },
    client(slug) {
      const c = new JsonClient(port.url, { authorization: `Bearer ${keys[slug]}` });
      clients.push(c);
      return c;
    },
    log,
    async close() {
      for (const c of clients) c.close();
      await bare.close();
      await port.close();
      await core.close();
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}

/**
 * The WAL since the port started: its size on disk, the largest the checkpointer saw, and the
 * checkpoints the serving thread ran itself (it must stay bounded, and those must stay short).
 */
export function walSummary(ctx: BenchContext): string {
  const wal = `${ctx.core.db.file}-wal`;
  const onDisk = existsSync(wal) ? statSync(wal).size / 2 ** 20 : 0;
  const stats = ctx.core.checkpointer?.stats();
  if (!stats) return `WAL ${onDisk.toFixed(0)} MiB, checkpoints inline`;
  const largest = (stats.largestWalPages * 4096) / 2 ** 20;
  const failed = stats.failed ? `; the checkpoint worker failed: ${stats.failed}` : '';
  return `WAL ${onDisk.toFixed(0)} MiB, largest ${largest.toFixed(0)} MiB, ${stats.inlineCheckpoints} checkpoints on the serving thread (longest ${stats.inlineMaxMs.toFixed(1)} ms), ${stats.roomWaits} waits for room (longest ${stats.roomMaxMs.toFixed(0)} ms)${failed}`;
}
