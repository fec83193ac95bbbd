import type { Command } from 'commander';
import { ScenarioCreateInput } from '../../../src-shared/contract/setup';
import { companyBySlug } from '../../core/companies/companies';
import type { Core } from '../../core/core';
import { createScenario, getScenarioByKey, listScenarios, updateScenario } from '../../core/setup/scenarios';
import { CLI_ACTOR, withCore } from '../context';
import { parseWith, printResult, type GlobalOptions } from '../io';

type Opts = GlobalOptions & { company: string; key?: string; name?: string; description?: string };

/** Dialers register scenarios inactive; a supervisor (or this command) switches them on. */
export function registerScenario(program: Command): void {
  const scenario = program.command('scenario').description("a company's calling scenarios");

  scenario
    .command('list')
    .requiredOption('--company <slug>', 'the company')
    .action(async (_o, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      await withCore(opts, async (core) => {
        const scenarios = await listScenarios(core.db, (await companyBySlug(core.db, opts.company)).id);
        const lines = scenarios.map((s) => `${s.isActive ? 'active  ' : 'inactive'}  ${s.key}  ${s.name}`);
        printResult(opts, { scenarios }, lines.join('\n') || 'no scenarios yet');
      });
    });

  scenario
    .command('create')
    .requiredOption('--company <slug>', 'the company')
    .requiredOption('--key <key>', "the dialer's id for it")
    .requiredOption('--name <name>', 'the name shown in the console')
    .option('--description <text>', 'what the scenario does', '')
    .action(async (_o, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      await withCore(opts, async (core) => {
        const companyId = (await companyBySlug(core.db, opts.company)).id;
        const input = parseWith(ScenarioCreateInput, {
          companyId,
          key: opts.key,
          name: opts.name,
          description: opts.description,
          isActive: true,
        });
        const created = await createScenario(core.db, CLI_ACTOR, input, core.clock());
        printResult(opts, { scenario: created }, `created active scenario ${created.key}`);
      });
    });

  for (const [verb, isActive] of [
    ['activate', true],
    ['deactivate', false],
  ] as const) {
    scenario
      .command(verb)
      .requiredOption('--company <slug>', 'the company')
      .requiredOption('--key <key>', "the scenario's key")
      .action(async (_o, cmd: Command) => {
        const opts = cmd.optsWithGlobals<Opts>();
        await withCore(opts, async (core) => {
          const { companyId, id } = await scenarioByKey(core, opts.company, opts.key!);
          const updated = await updateScenario(core.db, CLI_ACTOR, { companyId, id, isActive }, core.clock());
          printResult(opts, { scenario: updated }, `${updated.key} is now ${isActive ? 'active' : 'inactive'}`);
        });
      });
  }
}

async function scenarioByKey(core: Core, slug: string, key: string): Promise<{ companyId: number; id: number }> {
  const companyId = (await companyBySlug(core.db, slug)).id;
  return { companyId, id: (await getScenarioByKey(core.db, companyId, key)).id };
}
