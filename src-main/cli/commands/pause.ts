import type { Command } from 'commander';
import { z } from 'zod';
import { companyBySlug } from '../../core/companies/companies';
import { badInput } from '../../core/errors';
import { pauseDialing, resumeDialing } from '../../core/pause/pause';
import { CLI_ACTOR, withCore } from '../context';
import { parseWith, printResult, type GlobalOptions } from '../io';

type Opts = GlobalOptions & { company?: string; site?: boolean; reason?: string };
const Reason = z.string().trim().min(1, 'say why dialing is paused (--reason)').max(500, 'a reason is at most 500 characters');

/** `--company S` or `--site`, exactly one. */
function scope(opts: Opts): { slug: string } | { site: true } {
  if (opts.site && opts.company) throw badInput('give either --company or --site, not both');
  if (opts.site) return { site: true };
  if (!opts.company) throw badInput('give --company <slug>, or --site for the whole site');
  return { slug: opts.company };
}

/** `pause` and `resume` of a company's dialing or the whole site's (DESIGN.md §8); leases already out run to their end. */
export function registerPause(program: Command): void {
  program
    .command('pause')
    .description("stop handing numbers to a company's dialers (or every company's, with --site); leases already out run to their end")
    .option('--company <slug>', 'the company')
    .option('--site', 'the whole site')
    .requiredOption('--reason <text>', 'why, shown to the supervisors')
    .action(async (_o, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      const which = scope(opts);
      const reason = parseWith(Reason, opts.reason);
      await withCore(opts, async (core) => {
        const companyId = 'slug' in which ? (await companyBySlug(core.db, which.slug)).id : null;
        const pause = await pauseDialing(core.db, CLI_ACTOR, { companyId, reason }, core.clock());
        printResult(opts, { pause }, `${'slug' in which ? which.slug : 'the whole site'} paused: ${reason}`);
      });
    });

  program
    .command('resume')
    .description('let a company (or, with --site, the whole site) dial again')
    .option('--company <slug>', 'the company')
    .option('--site', 'the whole site')
    .action(async (_o, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      const which = scope(opts);
      await withCore(opts, async (core) => {
        const companyId = 'slug' in which ? (await companyBySlug(core.db, which.slug)).id : null;
        const { resumed } = await resumeDialing(core.db, CLI_ACTOR, { companyId }, core.clock());
        const who = 'slug' in which ? which.slug : 'the whole site';
        printResult(opts, { resumed }, resumed ? `${who} may dial again` : `${who} was not paused`);
      });
    });
}
