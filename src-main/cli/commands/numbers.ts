import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ListOptions, type DncReport, type ImportReport } from '../../../src-shared/contract/numbers';
import { importDoNotCall, importNumbers } from '../../core/numbers/import';
import { CLI_ACTOR, withCore } from '../context';
import { parseWith, printResult, type GlobalOptions } from '../io';

type Opts = GlobalOptions & { region?: string; source?: string };
const SHOWN_REJECTS = 20;

/**
 * The one place a list is named by its path: the person at the keyboard typed it, on this machine.
 * The import still refuses the database and its companion files (core/numbers/list-file.ts).
 */
export function registerNumbers(program: Command): void {
  const numbers = program.command('numbers').description('the shared number pool');

  numbers
    .command('import <file>')
    .description('add a CSV or one-number-a-line list to the pool (normalised to E.164, duplicates dropped)')
    .option('--region <cc>', 'the country of numbers written without a country code, e.g. IR or DE')
    .option('--source <name>', 'what the pool remembers as their source (default: the file name)')
    .action(async (file: string, _o, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      const input = parseWith(ListOptions, { region: opts.region, source: opts.source });
      await withCore(opts, async (core) => {
        const report = await importNumbers(core, CLI_ACTOR, {
          source: { file: resolve(file) },
          region: input.region,
          sourceName: input.source,
        });
        printResult(opts, { report }, describe(report, `${report.added} new, ${report.known} already known`));
      });
    });

  numbers
    .command('dnc <file>')
    .description('a do-not-call list: every number on it is marked complained and never dialed again')
    .option('--region <cc>', 'the country of numbers written without a country code')
    .action(async (file: string, _o, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      const input = parseWith(ListOptions, { region: opts.region });
      await withCore(opts, async (core) => {
        const report = await importDoNotCall(core, CLI_ACTOR, { source: { file: resolve(file) }, region: input.region });
        printResult(
          opts,
          { report },
          describe(report, `${report.marked} marked complained, ${report.added} added as complained, ${report.known} already complained`),
        );
      });
    });
}

function describe(report: ImportReport | DncReport, counts: string): string {
  const lines = [`${report.source}: ${report.rows} rows: ${counts}, ${report.rejected} rejected (${report.durationMs} ms)`];
  for (const r of report.rejectedRows.slice(0, SHOWN_REJECTS)) lines.push(`  line ${r.line}: "${r.value}" ${r.reason}`);
  if (report.rejected > SHOWN_REJECTS)
    lines.push(`  ... and ${report.rejected - SHOWN_REJECTS} more (--json lists up to ${report.rejectedRows.length})`);
  return lines.join('\n');
}
