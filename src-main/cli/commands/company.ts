import type { Command } from 'commander';
import { CompanyCreateInput } from '../../../src-shared/contract/companies';
import { companyOf, createCompany, toCompanyDto } from '../../core/companies/companies';
import { topUp } from '../../core/billing/wallet';
import { badInput } from '../../core/errors';
import type { Core } from '../../core/core';
import { CLI_ACTOR, withCore } from '../context';
import { intOption, parseWith, printResult, type GlobalOptions } from '../io';

export function registerCompany(program: Command): void {
  const company = program.command('company').description('create, export and import companies');

  company
    .command('create')
    .description('create a company')
    .requiredOption('--slug <slug>', 'what dialers send: lowercase letters, digits, hyphens')
    .requiredOption('--name <name>', 'the name shown in the console')
    .option('--timezone <tz>', 'IANA time zone', 'UTC')
    .option('--currency <code>', 'ISO 4217 currency code', 'USD')
    .option('--billing-mode <mode>', 'per_call or per_minute', 'per_call')
    .option('--cost-per-billable <minor>', 'price of a billable call, in minor units', intOption('cost-per-billable'), 0)
    .option('--cost-per-minute <minor>', 'price of a started minute, in minor units', intOption('cost-per-minute'), 0)
    .option('--country <cc>', 'default country for national numbers (ISO 3166, e.g. IR)')
    .option('--balance <minor>', 'opening wallet balance, in minor units (a top-up)', intOption('balance'), 0)
    .action(async (_opts, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & Record<string, unknown>>();
      const input = parseWith(CompanyCreateInput, {
        slug: opts.slug,
        name: opts.name,
        timezone: opts.timezone,
        currency: opts.currency,
        billingMode: opts.billingMode,
        costPerBillable: opts.costPerBillable,
        costPerMinute: opts.costPerMinute,
        defaultCountry: (opts.country as string | undefined)?.toUpperCase() ?? null,
      });
      const balance = opts.balance as number;
      if (balance < 0) throw badInput('--balance cannot be negative');
      await withCore(opts, async (core) => {
        const created = await createCompany(core.db, CLI_ACTOR, input, core.clock());
        const company = balance > 0 ? await openingTopup(core, created.id, balance) : created;
        printResult(
          opts,
          { company },
          `created company ${company.slug} (id ${company.id}) balance ${company.walletBalance} ${company.currency}`,
        );
      });
    });
}

/** The opening balance is a real ledger top-up, so balance = Σ ledger holds from the first minute. */
async function openingTopup(core: Core, companyId: number, amount: number) {
  await topUp(core.db, CLI_ACTOR, { companyId, amount, note: 'opening balance' }, core.clock());
  return toCompanyDto(await companyOf(core.db, companyId));
}
