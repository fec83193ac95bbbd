import { resolve } from 'node:path';
import type { Command } from 'commander';
import { restoreDataFolder } from '../../core/backup/restore';
import { defaultDataDir } from '../../core/paths';
import { ON_POSTGRES } from '../../core/backup/backup';
import { conflict } from '../../core/errors';
import { databaseFor } from '../../core/settings/desk-database';
import { systemClock } from '../../core/time';
import { CLI_ACTOR } from '../context';
import { printResult, type GlobalOptions } from '../io';

/** `restore FILE` (DESIGN.md §11): the backup is checked, migrated if older, and refused while the folder is owned. */
export function registerRestore(program: Command): void {
  program
    .command('restore')
    .description(
      "replace the data folder's database with a backup: checked first (whole, intact, DialDesk's, not from a newer version), " +
        'migrated if older; refused while the app or serve runs on the folder',
    )
    .argument('<file>', 'the backup (.sqlite) to restore')
    .action(async (file: string, _opts, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const dataDir = opts.dataDir ?? defaultDataDir();
      if (databaseFor(dataDir, opts.database)) throw conflict(ON_POSTGRES);
      const backup = resolve(file);
      const result = await restoreDataFolder(dataDir, backup, {
        actor: CLI_ACTOR,
        clock: systemClock,
        nativeBinding: process.env.DIALDESK_NATIVE_BINDING,
      });
      printResult(
        opts,
        { restored: backup, dataDir, schemaVersion: result.schemaVersion, migrated: result.migrated, previous: result.previous },
        `restored ${backup} into ${dataDir}` +
          (result.migrated.length ? ` (migrated from ${result.schemaVersion}: ${result.migrated.join(', ')})` : '') +
          (result.previous ? `; the database it replaced is kept as ${result.previous}` : ''),
      );
    });
}
