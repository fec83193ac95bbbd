import type { Command } from 'commander';
import { examine } from '../../core/doctor/doctor';
import { defaultDataDir } from '../../core/paths';
import { readDeskSettingsFile } from '../../core/settings/conf-store';
import { EXIT_FAILURE, printResult, type GlobalOptions } from '../io';

const MARK = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL', info: '    ' } as const;

/** `doctor`: the health of a data folder, without changing it; exit 1 when a check fails. */
export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description(
      "check a data folder without changing it: the database's integrity and schema, the WAL, versions, who runs on it, free disk, the port, backups",
    )
    .action(async (_opts, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const dataDir = opts.dataDir ?? defaultDataDir();
      const report = await examine(dataDir, readDeskSettingsFile(dataDir), { nativeBinding: process.env.DIALDESK_NATIVE_BINDING });
      const lines = report.checks.map((c) => `${MARK[c.status]}  ${c.name.padEnd(9)} ${c.detail}`);
      printResult(opts, { ...report }, [`DialDesk doctor: ${dataDir}`, ...lines].join('\n'));
      if (!report.ok) process.exitCode = EXIT_FAILURE;
    });
}
