import { replaceDatabase } from '../core/backup/restore';
import { DATABASE_FILE, type Core } from '../core/core';
import { HEADLESS_BRIDGE, RENDERER_DIR } from '../core/paths';
import { systemClock } from '../core/time';
import { badInput } from '../core/errors';
import { deskTls } from '../core/settings/tls';
import { consolePlugin } from '../http/console';
import { startPort, type RunningPort } from '../http/port';
import { HANDLERS } from '../ipc/table';
import { CLI_ACTOR, openCore } from './context';
import type { GlobalOptions } from './io';
import type { OpenLogOptions } from '../core/log/log';

export interface ServeDeskOptions {
  global: GlobalOptions;
  host: string;
  port: number;
  withConsole: boolean;
  consoleLog: OpenLogOptions['console'];
}

/**
 * What `dialdesk serve` runs: one core and its HTTP port. A restore from the console restarts both in
 * this process, on the restored database, without letting go of the data folder: the port closes
 * (dialers are refused for the few seconds it takes, and retry), the database is replaced, and the
 * port opens again where it was. Every console user signs in again.
 */
export class ServedDesk {
  private restarting: Promise<void> = Promise.resolve();

  private constructor(
    private readonly options: ServeDeskOptions,
    public core: Core,
    public port: RunningPort,
  ) {}

  /** Opens the core, lets `prepare` apply the command line's settings, then opens the port. */
  static async start(options: ServeDeskOptions, prepare: (core: Core) => Promise<void>): Promise<ServedDesk> {
    const core = await openCore(options.global, true, options.consoleLog);
    let desk: ServedDesk | null = null;
    try {
      await prepare(core);
      const restore = (file: string) => desk?.restore(file);
      const port = await openPort(core, options, options.port, restore);
      desk = new ServedDesk(options, core, port);
      core.owner?.announce({ url: port.url });
      return desk;
    } catch (err) {
      await core.close();
      throw err;
    }
  }

  restore(file: string): void {
    this.restarting = this.restarting.then(() =>
      this.restartOn(file).catch((err: unknown) => {
        // the folder is still claimed but nothing serves it: say why, and stop
        process.stderr.write(`DialDesk could not come back after restoring ${file}: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      }),
    );
  }

  private async restartOn(file: string): Promise<void> {
    const { core, port } = this;
    const boundPort = Number(new URL(port.url).port);
    core.log.logger.warn({ file }, 'restoring a backup: the port closes, the database is replaced, then both come back');
    await port.close();
    const claim = core.owner;
    await core.close({ keepClaim: true });
    let failure: unknown = null;
    let replaced = null;
    try {
      replaced = await replaceDatabase(core.dataDir, file, {
        databaseFile: DATABASE_FILE,
        actor: CLI_ACTOR,
        clock: systemClock,
        nativeBinding: process.env.DIALDESK_NATIVE_BINDING,
      });
    } catch (err) {
      failure = err;
    }
    this.core = await openCore(this.options.global, true, this.options.consoleLog, claim);
    if (failure) this.core.log.logger.error({ err: failure, file }, 'the restore failed; the database was left as it was');
    else this.core.log.logger.warn({ file, ...replaced }, 'restored a backup');
    this.port = await openPort(this.core, this.options, boundPort, (next) => this.restore(next));
    this.core.owner?.announce({ url: this.port.url });
  }

  async stop(): Promise<void> {
    await this.restarting;
    await this.port.close();
    await this.core.close();
  }
}

function openPort(core: Core, options: ServeDeskOptions, port: number, restoreBackup: (file: string) => void): Promise<RunningPort> {
  let tls;
  try {
    tls = deskTls(core.desk.get());
  } catch (err) {
    throw badInput(`${(err as Error).message}; fix the files, or start serve with --no-tls`);
  }
  return startPort(core, {
    host: options.host,
    port,
    tls,
    extra: options.withConsole
      ? [consolePlugin({ core, handlers: HANDLERS, rendererDir: RENDERER_DIR, bridgeScript: HEADLESS_BRIDGE, restoreBackup })]
      : [],
  });
}
