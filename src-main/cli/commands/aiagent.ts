import type { Command } from 'commander';
import { AiAgentCreateInput } from '../../../src-shared/contract/inbound';
import { companyBySlug } from '../../core/companies/companies';
import { createAiAgent, listAiAgents } from '../../core/inbound/ai-agents';
import { AppError } from '../../core/errors';
import { CLI_ACTOR, withCore } from '../context';
import { parseWith, printResult, type GlobalOptions } from '../io';

type Opts = GlobalOptions & Record<string, string | undefined>;

/** "0.7" → 0.7, refusing what is not a number (zod then checks the range). */
export function decimalOption(name: string) {
  return (raw: string): number => {
    if (!/^-?\d+(\.\d+)?$/.test(raw)) throw new AppError('BAD_INPUT', `--${name} must be a number such as 0.7, got "${raw}"`);
    return Number(raw);
  };
}

export function registerAiAgent(program: Command): void {
  const agents = program.command('ai-agent').description("a company's AI voice agents for inbound calls");

  agents
    .command('create')
    .description('create an AI agent')
    .requiredOption('--company <slug>', 'the company')
    .requiredOption('--name <name>', 'its name, unique among the active agents of the company')
    .requiredOption('--prompt <text>', 'the system prompt: who it is and what it may do')
    .option('--greeting <text>', 'the first thing it says')
    .option('--language <tag>', 'the language to speak, such as en-US or de-DE', 'en-US')
    .option('--voice <name>', "the model's voice, such as alloy")
    .option('--temperature <n>', 'sampling temperature, 0 to 2', decimalOption('temperature'))
    .action(async (_opts, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      await withCore(opts, async (core) => {
        const companyId = (await companyBySlug(core.db, opts.company!)).id;
        const input = parseWith(AiAgentCreateInput, {
          companyId,
          name: opts.name,
          systemPrompt: opts.prompt,
          greeting: opts.greeting,
          language: opts.language,
          voice: opts.voice,
          temperature: opts.temperature,
        });
        const agent = await createAiAgent(core.db, CLI_ACTOR, input, core.clock());
        printResult(opts, { agent }, `created AI agent "${agent.name}" (id ${agent.id}) for ${opts.company}`);
      });
    });

  agents
    .command('list')
    .description("a company's AI agents")
    .requiredOption('--company <slug>', 'the company')
    .action(async (_opts, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      await withCore(opts, async (core) => {
        const list = await listAiAgents(core.db, (await companyBySlug(core.db, opts.company!)).id);
        const lines = list.map((a) => `${a.id}\t${a.isActive ? 'active' : 'inactive'}\t${a.name}\t${a.language}\t${a.voice || '-'}`);
        printResult(opts, { agents: list }, lines.join('\n') || 'no AI agents yet');
      });
    });
}
