import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { UserCreateInput } from '../../../src-shared/contract/auth';
import { companyBySlug } from '../../core/companies/companies';
import { createUser } from '../../core/users/users';
import { CLI_ACTOR, withCore } from '../context';
import { parseWith, printResult, type GlobalOptions } from '../io';

export function registerUser(program: Command): void {
  const user = program.command('user').description('console users');
  user
    .command('create')
    .description('create a console user (the password is generated and printed once unless given)')
    .requiredOption('--username <name>', 'the sign-in name')
    .requiredOption('--role <role>', 'superuser, admin, supervisor or viewer')
    .option('--company <slugs>', 'the company of an admin, supervisor or viewer; several as a,b (the first is their home)')
    .option('--password <password>', 'the password (or set DIALDESK_PASSWORD); generated when absent')
    .action(async (_opts, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & Record<string, string | undefined>>();
      const given = opts.password ?? process.env.DIALDESK_PASSWORD;
      const password = given ?? randomBytes(12).toString('base64url');
      await withCore(opts, async (core) => {
        const ids: number[] = [];
        for (const slug of (opts.company ?? '').split(',').map((s) => s.trim())) {
          if (slug) ids.push((await companyBySlug(core.db, slug)).id);
        }
        const input = parseWith(UserCreateInput, {
          username: opts.username,
          password,
          role: opts.role,
          companyId: ids[0] ?? null,
          ...(ids.length > 1 && { companyIds: ids.slice(1) }),
        });
        const created = await createUser(core.db, CLI_ACTOR, input, core.clock());
        const shown = given ? {} : { password };
        printResult(
          opts,
          { user: created, ...shown },
          `created ${created.role} ${created.username}${given ? '' : `\npassword (shown once): ${password}`}`,
        );
      });
    });
}
