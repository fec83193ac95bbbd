import { resolve } from 'node:path';
import type { Command } from 'commander';
import { defaultDataDir } from '../../core/paths';
import { saveChoice } from '../../core/settings/desk-database';
import { badInput } from '../../core/errors';
import { printResult, type GlobalOptions } from '../io';

/** `db copy --from FILE --to postgres://…`: a desk's SQLite data into an empty PostgreSQL (DESIGN.md §10). */
export function registerDb(program: Command): void {
  const db = program.command('db').description('the database itself');
  db.command('copy')
    .description("copy a desk's SQLite file into an empty PostgreSQL database, then check the copy (counts, ledger sums)")
    .requiredOption('--from <file>', "the desk's dialdesk.sqlite (it may keep running: the copy reads one consistent moment)")
    .requiredOption('--to <url>', 'postgres://user:password@host:port/database, empty')
    .action(async (_o, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { from: string; to: string }>();
      const { copyToPostgres } = await import('../../core/db/copy');
      const report = await copyToPostgres(resolve(opts.from), opts.to, (line) => !opts.json && process.stderr.write(`${line}\n`));
      const rows = Object.values(report.tables).reduce((a, b) => a + b, 0);
      printResult(
        opts,
        { report },
        `copied ${rows} rows of ${Object.keys(report.tables).length} tables; ${report.companies} companies' wallets match their ledgers (${report.tookMs} ms)`,
      );
    });
  db.command('use')
    .description("the database this data folder's desk starts on next: a shared PostgreSQL, or --file for its own SQLite file")
    .argument('[url]', "postgres://user:password@host:port/database (checked: it answers, and is empty or DialDesk's own)")
    .option('--file', "back to the data folder's own SQLite file")
    .action(async (url: string | undefined, _o, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { file?: boolean }>();
      if ((url === undefined) === !opts.file) throw badInput('give either a postgres:// URL or --file');
      const chosen = await saveChoice(opts.dataDir ?? defaultDataDir(), url ?? null);
      printResult(
        opts,
        { database: chosen },
        chosen ? `this desk starts on ${chosen} from its next start` : 'this desk starts on its own file from its next start',
      );
    });
}
