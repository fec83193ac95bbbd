import type { Command } from 'commander';
import { ApiKeyCreateInput, type ApiKeyDto } from '../../../src-shared/contract/apikeys';
import { createApiKey, listApiKeys, revokeApiKey } from '../../core/apikeys/apikeys';
import { companyBySlug } from '../../core/companies/companies';
import { CLI_ACTOR, withCore } from '../context';
import { intOption, parseWith, printResult, type GlobalOptions } from '../io';

type Opts = GlobalOptions & { company?: string; name: string; scopes: string; id: number };

export function registerApiKey(program: Command): void {
  const apikey = program.command('apikey').description('API keys for dialers and telephony servers');

  apikey
    .command('create')
    .description('create a key and print it once (only its hash is kept)')
    .option('--company <slug>', 'the company it acts for (default: site-wide, any company)')
    .option('--name <name>', 'what it is for, e.g. "rack 2 dialer"', 'cli')
    .option('--scopes <list>', 'comma-separated: dialer, inbound', 'dialer')
    .action(async (_o, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      await withCore(opts, async (core) => {
        const companyId = opts.company ? (await companyBySlug(core.db, opts.company)).id : null;
        const scopes = opts.scopes
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const input = parseWith(ApiKeyCreateInput, { companyId, name: opts.name, scopes });
        const { key, apiKey } = await createApiKey(core.db, CLI_ACTOR, input, core.clock());
        printResult(
          opts,
          { key, apiKey },
          `created ${label(apiKey, opts.company)} key "${apiKey.name}" (${apiKey.scopes.join(', ')})\nkey (shown once): ${key}`,
        );
      });
    });

  apikey
    .command('list')
    .description('keys, newest first (prefixes only)')
    .option('--company <slug>', "only this company's keys")
    .action(async (_o, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      await withCore(opts, async (core) => {
        const keys = await listApiKeys(core.db, opts.company ? (await companyBySlug(core.db, opts.company)).id : null);
        const lines = keys.map(
          (k) =>
            `${String(k.id).padStart(4)}  ${k.prefix}…  ${k.name}  [${k.scopes.join(',')}]  ${k.revokedAt ? `revoked ${k.revokedAt}` : `last used ${k.lastUsedAt ?? 'never'}`}`,
        );
        printResult(opts, { apiKeys: keys }, lines.join('\n') || 'no API keys');
      });
    });

  apikey
    .command('revoke')
    .description('revoke a key at once')
    .requiredOption('--id <id>', 'the key id (see apikey list)', intOption('id'))
    .action(async (_o, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      await withCore(opts, async (core) => {
        const apiKey = await revokeApiKey(core.db, CLI_ACTOR, opts.id, null, core.clock());
        printResult(opts, { apiKey }, `revoked ${apiKey.prefix}… (${apiKey.name})`);
      });
    });
}

const label = (k: ApiKeyDto, slug?: string) => (k.companyId === null ? 'a site-wide' : `${slug}'s`);
