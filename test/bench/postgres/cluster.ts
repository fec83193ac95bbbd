import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, postgresBin } from '../../world/postgres';

/**
 * The bench's own PostgreSQL: Debian's server on a data folder the bench keeps (its data set, built
 * once, lives there), started on a free loopback port and stopped on every way out of the run, an
 * exception, Ctrl-C or SIGTERM included. As root the folder belongs to the `postgres` user, since
 * PostgreSQL refuses to run as root.
 */
export interface BenchCluster {
  port: number;
  url(database: string): string;
  psql(sql: string, database?: string): string;
  stop(): void;
}

export const postgresInstalled = (): boolean => postgresBin() !== null;

const asRoot = () => process.getuid?.() === 0;

function ownedByPostgres(dir: string): void {
  if (!asRoot()) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
  chownSync(dir, uid, gid);
}

function tool(name: string, args: string[]): string {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  const command = asRoot() ? 'runuser' : join(bin, name);
  const argv = asRoot() ? ['-u', 'postgres', '--', join(bin, name), ...args] : args;
  const out = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (out.status !== 0) throw new Error(`${name} ${args.join(' ')} failed: ${out.stderr || out.stdout}`);
  return out.stdout;
}

/** A new, empty cluster in `dataDir` (which must not exist). */
export function initCluster(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  ownedByPostgres(dataDir);
  tool('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C']);
}

const running = new Set<BenchCluster>();
let hooked = false;
/** a cluster left running would hold its data folder (and the next run's start) hostage */
function stopAllOnExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const c of running) c.stop();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
}

/** Starts the cluster in `dataDir` with these server settings (`-c name=value` each). */
export async function startCluster(dataDir: string, settings: string[]): Promise<BenchCluster> {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new Error(`${dataDir} holds no PostgreSQL cluster`);
  if (existsSync(join(dataDir, 'postmaster.pid'))) {
    // a run killed outright (SIGKILL) left its server up: stop it, or this start would fail on its lock
    try {
      tool('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '300', 'stop']);
    } catch {
      /* not running after all: pg_ctl start clears a stale pid file itself */
    }
  }
  const socketDir = mkdtempSync(join(tmpdir(), 'dialdesk-bench-pg-'));
  ownedByPostgres(socketDir);
  const port = await freePort();
  const options = [`-p ${port}`, `-k ${socketDir}`, '-c listen_addresses=127.0.0.1', ...settings.map((s) => `-c ${s}`)].join(' ');
  stopAllOnExit();
  tool('pg_ctl', ['-D', dataDir, '-l', join(socketDir, 'log'), '-o', options, '-w', '-t', '300', 'start']);
  let stopped = false;
  const cluster: BenchCluster = {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    psql(sql, database = 'postgres') {
      const bin = postgresBin()!;
      const out = spawnSync(
        join(bin, 'psql'),
        ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql],
        { encoding: 'utf8' },
      );
      if (out.status !== 0) throw new Error(`psql: ${out.stderr}`);
      return out.stdout.trim();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      running.delete(cluster);
      try {
        // fast, not immediate: a clean shutdown checkpoints, so the cached folder needs no recovery next time
        tool('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '300', 'stop']);
      } finally {
        rmSync(socketDir, { recursive: true, force: true });
      }
    },
  };
  running.add(cluster);
  return cluster;
}
