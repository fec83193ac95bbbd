import { resolve } from 'node:path';
import type { Command } from 'commander';
import { copyToPostgres } from '../../core/db/copy';
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
      const report = await copyToPostgres(resolve(opts.from), opts.to, (line) => !opts.json && process.stderr.write(`${line}\n`));
      const rows = Object.values(report.tables).reduce((a, b) => a + b, 0);
      printResult(
        opts,
        { report },
        `copied ${rows} rows of ${Object.keys(report.tables).length} tables; ${report.companies} companies' wallets match their ledgers (${report.tookMs} ms)`,
      );
    });
}
