import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ListOptions, type DncReport, type ImportReport } from '../../../src-shared/contract/numbers';
import { ListName, type ListsAnswer } from '../../../src-shared/contract/lifecycle';
import { importNumbers } from '../../core/numbers/import';
import { importDoNotCall } from '../../core/dnc/dnc';
import { listLists } from '../../core/lists/lists';
import { companyBySlug } from '../../core/companies/companies';
import type { Core } from '../../core/core';
import { CLI_ACTOR, withCore } from '../context';
import { parseWith, printResult, type GlobalOptions } from '../io';

type Opts = GlobalOptions & { region?: string; source?: string; list?: string; company?: string };
const SHOWN_REJECTS = 20;
const companyIdOf = async (core: Core, slug: string | undefined): Promise<number | null> =>
  slug === undefined ? null : (await companyBySlug(core.db, slug)).id;

/**
 * The one place a list is named by its path: the person at the keyboard typed it, on this machine.
 * The import still refuses the database and its companion files (core/numbers/list-file.ts).
 */
export function registerNumbers(program: Command): void {
  const numbers = program.command('numbers').description('the shared number pool');

  numbers
    .command('import <file>')
    .description('add a CSV or one-number-a-line list to the pool as a named list (normalised to E.164, duplicates dropped)')
    .option('--region <cc>', 'the country of numbers written without a country code, e.g. IR or DE')
    .option('--source <name>', 'what the pool remembers as their source (default: the file name)')
    .option('--list <name>', "the list's name (default: the source); an existing list of the same owner is added to")
    .option('--company <slug>', "the company whose own list this is (default: the site pool's, dialed by every company)")
    .action(async (file: string, _o, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      const input = parseWith(ListOptions.extend({ list: ListName.optional() }), {
        region: opts.region,
        source: opts.source,
        list: opts.list,
      });
      await withCore(opts, async (core) => {
        const report = await importNumbers(core, CLI_ACTOR, {
          source: { file: resolve(file) },
          region: input.region,
          sourceName: input.source,
          listName: input.list,
          companyId: await companyIdOf(core, opts.company),
        });
        const list = `list "${report.list.name}" (${report.list.owner === 'site' ? 'site pool' : opts.company}${report.list.created ? ', new' : ''})`;
        printResult(opts, { report }, describe(report, `${report.added} new, ${report.known} already known; ${list}`));
      });
    });

  numbers
    .command('lists')
    .description("the lists a company sees (the site pool's and its own), with its progress through each")
    .requiredOption('--company <slug>', 'the company')
    .action(async (_o, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      await withCore(opts, async (core) => {
        const answer = await listLists(core, (await companyBySlug(core.db, opts.company!)).id);
        printResult(opts, { lists: answer.lists, countedAt: answer.countedAt }, describeLists(answer));
      });
    });

  numbers
    .command('dnc <file>')
    .description("a do-not-call list: the site's (no company dials its numbers), or with --company that company's own")
    .option('--region <cc>', 'the country of numbers written without a country code')
    .option('--company <slug>', 'the company whose own list this is (only it skips the numbers)')
    .action(async (file: string, _o, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      const input = parseWith(ListOptions, { region: opts.region });
      await withCore(opts, async (core) => {
        const report = await importDoNotCall(core, CLI_ACTOR, {
          source: { file: resolve(file) },
          region: input.region,
          companyId: await companyIdOf(core, opts.company),
        });
        const marked = report.scope === 'site' ? `, ${report.marked} pool numbers marked complained` : '';
        printResult(
          opts,
          { report },
          describe(report, `${report.added} added to the ${report.scope}'s list, ${report.known} already on it${marked}`),
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

function describeLists(answer: ListsAnswer): string {
  if (answer.lists.length === 0) return 'no lists yet';
  return answer.lists
    .map(
      (l) =>
        `${l.name} (${l.owner}${l.active ? '' : ', off'}): ${l.size} numbers, ${l.dialed} dialed (${l.penetration}%), ` +
        `${l.recycled} recycled, ${l.answered} answered, ${l.remaining} remaining`,
    )
    .join('\n');
}
