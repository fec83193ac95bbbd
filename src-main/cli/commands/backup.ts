import { resolve } from 'node:path';
import type { Command } from 'commander';
import { runBackup } from '../../core/backup/service';
import { localSaveTarget } from '../../core/exports/delivery';
import { CLI_ACTOR, withCore } from '../context';
import { printResult, type GlobalOptions } from '../io';

/** `backup --out FILE`: an online copy of the database, checked before it is kept (DESIGN.md §6). */
export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('copy the whole database to a file while DialDesk may keep running, and check the copy')
    .requiredOption('--out <file>', 'where to write the .sqlite copy')
    .action(async (_opts, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { out: string }>();
      const out = resolve(opts.out);
      await withCore(opts, async (core) => {
        let shown = -1;
        const answer = await runBackup(core, CLI_ACTOR, { files: { chooseSaveTarget: async () => localSaveTarget(out) } }, (p) => {
          const pct = p.totalPages ? Math.floor((100 * (p.totalPages - p.remainingPages)) / p.totalPages) : 100;
          if (!opts.json && pct >= shown + 10) {
            shown = pct;
            process.stderr.write(`backup: ${pct}%\n`);
          }
        });
        printResult(
          opts,
          { file: answer.savedTo, bytes: answer.bytes, pages: answer.pages, integrity: answer.integrity, tookMs: answer.tookMs },
          `backed up to ${answer.savedTo} (${answer.bytes} bytes, integrity ${answer.integrity}, ${answer.tookMs} ms)`,
        );
      });
    });
}
