import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { RENDERER_DIR } from '../../core/paths';
import { CLI_ACTOR } from '../context';
import { setBackupFolder } from '../../core/settings/backup-folder';
import { setTlsFiles } from '../../core/settings/tls';
import { writeAudit } from '../../core/audit/audit';
import type { Core } from '../../core/core';
import { RatePerMinute, type DeskSettings } from '../../../src-shared/contract/settings';
import { intOption, printResult, type GlobalOptions } from '../io';
import { badInput } from '../../core/errors';

type ServeOptions = GlobalOptions & {
  host: string;
  port: number;
  quiet?: boolean;
  apiOnly?: boolean;
  rateLimitPerKey?: number;
  rateLimitPerAddress?: number;
  backupDir?: string;
  tlsCert?: string;
  tlsKey?: string;
  /** false with --no-tls */
  tls: boolean;
};

/** The limits given on the command line, checked as the console's Settings page checks them. */
function rateLimitOptions(opts: ServeOptions): Partial<DeskSettings> {
  const limits: Partial<DeskSettings> = {};
  for (const [flag, field] of [
    ['--rate-limit-per-key', 'rateLimitPerKey'],
    ['--rate-limit-per-address', 'rateLimitPerAddress'],
  ] as const) {
    const value = opts[field];
    if (value === undefined) continue;
    const checked = RatePerMinute.safeParse(value);
    if (!checked.success) throw badInput(`${flag}: ${checked.error.issues[0].message}`);
    limits[field] = checked.data;
  }
  return limits;
}

/** A limit given to serve is this desk's setting from now on, as if set in the console (and audited the same way). */
async function saveDeskSettings(core: Core, patch: Partial<DeskSettings>): Promise<void> {
  const before = core.desk.get();
  if (Object.entries(patch).every(([k, v]) => before[k as keyof DeskSettings] === v)) return;
  const after = core.desk.set(patch);
  await writeAudit(
    core.db,
    CLI_ACTOR,
    { companyId: null, entity: 'desk_settings', entityId: null, action: 'update', before, after },
    core.clock(),
  );
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the core, the HTTP port and the console in a browser (no display needed)')
    .option('--host <address>', 'bind address', '127.0.0.1')
    .option('--port <port>', 'TCP port (0 picks a free one)', intOption('port'), 8787)
    .option('--quiet', 'no request log on the console (failures are still logged, with their cause; the log file is unchanged)')
    .option('--api-only', 'serve the dialer and inbound APIs without the console')
    .option(
      '--backup-dir <dir>',
      'where backups are written on this machine (kept in the desk settings; the console in a browser cannot set it)',
    )
    .option(
      '--tls-cert <file>',
      "the port's TLS certificate (PEM), with --tls-key: HTTPS for dialers on the LAN (kept as this desk's setting)",
    )
    .option('--tls-key <file>', 'the private key of that certificate (PEM)')
    .option('--no-tls', 'plain HTTP again, forgetting the TLS files this desk kept')
    .option(
      '--rate-limit-per-key <n>',
      "requests a minute one API key may make (kept as this desk's setting)",
      intOption('rate-limit-per-key'),
    )
    .option(
      '--rate-limit-per-address <n>',
      "requests a minute from an address without a valid key, and sign-in attempts (kept as this desk's setting)",
      intOption('rate-limit-per-address'),
    )
    .action(async (_opts, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ServeOptions>();
      if (opts.port < 0 || opts.port > 65535) throw badInput('--port must be between 0 and 65535');
      const limits = rateLimitOptions(opts);
      if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) throw badInput('--tls-cert and --tls-key go together');
      if (opts.tlsCert !== undefined && !opts.tls) throw badInput('--no-tls cannot be given with --tls-cert and --tls-key');
      // a checkout that has not been built still serves dialers and the console's bridge; it says so
      const withConsole = !opts.apiOnly;
      if (withConsole && !existsSync(join(RENDERER_DIR, 'index.html'))) {
        process.stderr.write(`the console's page is not built (run "npm run build"); the HTTP APIs work meanwhile\n`);
      }
      // stdout carries the printed result; the console log goes to stderr. --quiet (and --json) keep it to
      // failures, which are always logged with their cause; the log file in the data folder gets the same
      // lines either way (core/log/log.ts)
      // the port and everything it serves, loaded by this command alone: the others start without them
      const { ServedDesk } = await import('../serve-desk');
      const desk = await ServedDesk.start(
        { global: opts, host: opts.host, port: opts.port, withConsole, consoleLog: opts.quiet || opts.json ? 'warn' : 'debug' },
        async (core) => {
          if (opts.backupDir !== undefined) await setBackupFolder(core, CLI_ACTOR, opts.backupDir);
          if (opts.tlsCert !== undefined) await setTlsFiles(core, CLI_ACTOR, { cert: opts.tlsCert, key: opts.tlsKey! });
          if (!opts.tls) await setTlsFiles(core, CLI_ACTOR, null);
          await saveDeskSettings(core, limits);
        },
      );
      const { core, port } = desk;
      printResult(
        opts,
        {
          url: port.url,
          dataDir: core.dataDir,
          database: core.db.engine === 'postgres' ? core.db.file : null,
          pid: process.pid,
          console: withConsole,
        },
        `${withConsole ? `DialDesk console: ${port.url}/` : `DialDesk HTTP port (dialer and inbound APIs): ${port.url}/api/v1/`}  (data: ${core.dataDir}${
          core.db.engine === 'postgres' ? `; database: ${core.db.file}` : ''
        })`,
      );
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        if (!opts.json) process.stderr.write(`\n${signal}: closing the port and the database...\n`);
        desk.core.log.logger.info({ signal }, 'stopping');
        await desk.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
}
