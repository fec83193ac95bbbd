import type { Command } from 'commander';
import { AdjustInput, TopUpInput } from '../../../src-shared/contract/billing';
import { adjustWallet, topUp } from '../../core/billing/wallet';
import { companyBySlug } from '../../core/companies/companies';
import { CLI_ACTOR, withCore } from '../context';
import { intOption, parseWith, printResult, type GlobalOptions } from '../io';

type Opts = GlobalOptions & { company: string; amount: number; note?: string };

export function registerWallet(program: Command): void {
  const wallet = program.command('wallet').description("a company's prepaid wallet (every move is a ledger entry)");

  wallet
    .command('topup')
    .description('add money')
    .requiredOption('--company <slug>', 'the company')
    .requiredOption('--amount <minor>', 'in minor units (cents)', intOption('amount'))
    .option('--note <text>', 'shown in the ledger')
    .action(async (_o, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      await withCore(opts, async (core) => {
        const company = await companyBySlug(core.db, opts.company);
        const input = parseWith(TopUpInput, { companyId: company.id, amount: opts.amount, note: opts.note });
        const moved = await topUp(core.db, CLI_ACTOR, input, core.clock());
        printResult(
          opts,
          { companyId: company.id, entryId: moved.entryId, balance: moved.balance, currency: company.currency },
          `${opts.company}: balance ${moved.balance} ${company.currency}`,
        );
      });
    });

  wallet
    .command('adjust')
    .description('correct the balance by hand, either way, with a reason')
    .requiredOption('--company <slug>', 'the company')
    .requiredOption('--amount <minor>', 'in minor units; negative takes money out', intOption('amount'))
    .requiredOption('--note <text>', 'why')
    .action(async (_o, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      await withCore(opts, async (core) => {
        const company = await companyBySlug(core.db, opts.company);
        const input = parseWith(AdjustInput, { companyId: company.id, amount: opts.amount, note: opts.note });
        const moved = await adjustWallet(core.db, CLI_ACTOR, input, core.clock());
        printResult(
          opts,
          { companyId: company.id, entryId: moved.entryId, balance: moved.balance, currency: company.currency },
          `${opts.company}: balance ${moved.balance} ${company.currency}`,
        );
      });
    });
}
