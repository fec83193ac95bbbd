import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { MAX_COMPANY_FILE_CHARS } from '../../../src-shared/contract/transfer';
import { Slug } from '../../../src-shared/contract/common';
import { CompanyFields } from '../../../src-shared/contract/companies';
import { companyBySlug } from '../../core/companies/companies';
import { deliverFile, localSaveTarget } from '../../core/exports/delivery';
import { badInput } from '../../core/errors';
import { countsOf, writeCompanyFile } from '../../core/transfer/export';
import { importCompany } from '../../core/transfer/import';
import { CLI_ACTOR, withCore } from '../context';
import { parseWith, printResult, type GlobalOptions } from '../io';

/** `company export` and `company import`: a company's setup to and from a company file (DESIGN.md §6). */
export function registerCompanyTransfer(program: Command): void {
  const company = program.commands.find((c) => c.name() === 'company') ?? program.command('company');

  company
    .command('export')
    .description("write a company's setup (not its numbers, results, ledger or keys) to a company file")
    .requiredOption('--slug <slug>', 'the company to export')
    .requiredOption('--out <file>', 'where to write the .json file')
    .action(async (_opts, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { slug: string; out: string }>();
      const slug = parseWith(Slug, opts.slug);
      const out = resolve(opts.out);
      await withCore(opts, async (core) => {
        const id = (await companyBySlug(core.db, slug)).id;
        const { savedTo, result } = await deliverFile({ chooseSaveTarget: async () => localSaveTarget(out) }, out, (path) =>
          writeCompanyFile(core.db, id, path, core.clock()),
        );
        const counts = countsOf(result!.file);
        printResult(
          opts,
          { file: savedTo, bytes: result!.bytes, counts },
          `exported ${slug} to ${savedTo}: ${counts.scenarios} scenarios, ${counts.outboundLines} lines, ${counts.agents} agents, ` +
            `${counts.aiAgents} AI agents, ${counts.inboundNumbers} inbound numbers`,
        );
      });
    });

  company
    .command('import')
    .description('create a company from a company file another console exported')
    .argument('<file>', 'the .json company file')
    .option('--slug <slug>', "import under this slug instead of the file's")
    .option('--name <name>', "import under this name instead of the file's")
    .action(async (fileArg: string, _opts, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { slug?: string; name?: string }>();
      const slug = opts.slug === undefined ? undefined : parseWith(Slug, opts.slug);
      const name = opts.name === undefined ? undefined : parseWith(CompanyFields.name, opts.name);
      const path = resolve(fileArg);
      const size = await stat(path).then(
        (s) => s.size,
        () => {
          throw badInput(`cannot read ${path}`);
        },
      );
      if (size > MAX_COMPANY_FILE_CHARS) throw badInput(`${path} is larger than a company file can be (8 MB)`);
      const content = await readFile(path, 'utf8');
      await withCore(opts, async (core) => {
        const { company, counts } = await importCompany(core.db, CLI_ACTOR, { content, slug, name }, core.clock());
        printResult(opts, { company, counts }, `imported ${company.slug} (id ${company.id}) from ${path}`);
      });
    });
}
