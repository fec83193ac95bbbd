import type { Command } from 'commander';
import { ScheduleSetInput, type ScheduleDto } from '../../../src-shared/contract/schedule';
import { companyBySlug } from '../../core/companies/companies';
import { badInput } from '../../core/errors';
import { parseExceptionSpec, parseWindowSpec } from '../../core/schedule/parse';
import { getSchedule, setSchedule, OPEN_24X7 } from '../../core/schedule/schedule';
import { CLI_ACTOR, withCore } from '../context';
import { parseWith, printResult, type GlobalOptions } from '../io';

type Opts = GlobalOptions & { company: string; open24x7?: boolean; window: string[]; exception: string[] };
const collect = (value: string, previous: string[]) => [...previous, value];

export function registerSchedule(program: Command): void {
  const schedule = program.command('schedule').description("a company's calling hours, in its own time zone");

  schedule
    .command('set')
    .description('replace the weekly hours and date exceptions')
    .requiredOption('--company <slug>', 'the company')
    .option('--open-24x7', 'open every day, all day')
    .option('--window <spec>', 'DAYS HH:MM-HH:MM, e.g. "mon-fri 09:00-17:00" (repeatable)', collect, [])
    .option('--exception <spec>', 'YYYY-MM-DD [closed | HH:MM-HH:MM], e.g. "2026-12-25" (repeatable)', collect, [])
    .action(async (_o, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      if (opts.open24x7 && opts.window.length) throw badInput('give either --open-24x7 or --window, not both');
      if (!opts.open24x7 && !opts.window.length) throw badInput('give --open-24x7 or at least one --window "mon-fri 09:00-17:00"');
      const windows = opts.open24x7 ? OPEN_24X7 : opts.window.flatMap(parseWindowSpec);
      const exceptions = opts.exception.flatMap(parseExceptionSpec);
      await withCore(opts, async (core) => {
        const companyId = (await companyBySlug(core.db, opts.company)).id;
        const input = parseWith(ScheduleSetInput, { companyId, windows, exceptions });
        const dto = await setSchedule(core.db, CLI_ACTOR, input, core.clock());
        printResult(opts, { schedule: dto }, describe(opts.company, dto));
      });
    });

  schedule
    .command('show')
    .description('the hours, and whether the company is open now')
    .requiredOption('--company <slug>', 'the company')
    .action(async (_o, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      await withCore(opts, async (core) => {
        const dto = await getSchedule(core.db, (await companyBySlug(core.db, opts.company)).id, core.clock());
        printResult(opts, { schedule: dto }, describe(opts.company, dto));
      });
    });
}

function describe(slug: string, s: ScheduleDto): string {
  const lines = [
    `${slug} (${s.timezone}): ${s.openNow ? `open now, until ${s.closesAt ?? 'further notice'}` : `closed now, opens ${s.nextOpenAt ?? 'never (no hours set)'}`}`,
  ];
  for (const w of s.windows) lines.push(`  ${w.day} ${w.start}-${w.end}`);
  for (const e of s.exceptions) lines.push(`  ${e.date} ${e.closed ? 'closed' : `${e.start}-${e.end}`}${e.note ? ` (${e.note})` : ''}`);
  return lines.join('\n');
}
