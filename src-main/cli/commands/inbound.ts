import type { Command } from 'commander';
import { z } from 'zod';
import {
  DepartmentInput,
  LanguageTag,
  LlmSettingsPatch,
  Temperature,
  VoiceName,
  VoiceSettingsInput,
} from '../../../src-shared/contract/inbound';
import { PhoneInput, Region } from '../../../src-shared/contract/setup';
import { companyBySlug } from '../../core/companies/companies';
import { configureInbound } from '../../core/inbound/configure';
import { listInboundNumbers } from '../../core/inbound/numbers';
import { findActiveDid } from '../../core/inbound/lookup';
import { previewInbound } from '../../core/inbound/preview';
import { companyHours } from '../../core/inbound/opening-hours';
import { siteLlmSettings, updateLlmSettings } from '../../core/inbound/llm-settings';
import { parseWindowSpec } from '../../core/schedule/parse';
import { registerInboundSettings } from './inbound-settings';
import { badInput } from '../../core/errors';
import { CLI_ACTOR, withCore } from '../context';
import { parseWith, printResult, type GlobalOptions } from '../io';
import { decimalOption } from './aiagent';

type Opts = GlobalOptions & Record<string, unknown>;
const collect = (value: string, previous: string[]) => [...previous, value];

/** "Sales=+49 30 1111111=new orders" → { name, transferNumber, description } */
function department(spec: string, i: number) {
  const [name, transferNumber, ...rest] = spec.split('=');
  if (!name || !transferNumber) throw badInput(`--department ${i + 1}: write it as NAME=NUMBER or NAME=NUMBER=DESCRIPTION, got "${spec}"`);
  return { name, transferNumber, description: rest.join('=') };
}

const SetInput = z.object({
  phone: PhoneInput,
  region: Region.optional(),
  displayName: z.string().trim().max(120).optional(),
  supportNumber: PhoneInput.nullable().optional(),
  departments: z.array(DepartmentInput).max(20).optional(),
  voiceSettings: VoiceSettingsInput.optional(),
  agent: z
    .object({
      name: z.string().trim().min(1).max(120),
      systemPrompt: z.string().trim().min(1).max(20_000).optional(),
      greeting: z.string().trim().max(1000).optional(),
      language: LanguageTag.optional(),
      voice: VoiceName.optional(),
      temperature: Temperature.optional(),
    })
    .optional(),
});

/** "--department-hours Sales=mon-fri 09:00-17:00" (repeatable) → Sales's windows, each name used once. */
function departmentHours(specs: string[]) {
  const byName = new Map<string, ReturnType<typeof parseWindowSpec>>();
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq < 1) throw badInput(`--department-hours: write it as NAME=DAYS HH:MM-HH:MM, got "${spec}"`);
    const name = spec.slice(0, eq).trim().toLocaleLowerCase();
    byName.set(name, [...(byName.get(name) ?? []), ...parseWindowSpec(spec.slice(eq + 1))]);
  }
  const used = new Set<string>();
  return {
    take(name: string) {
      used.add(name.toLocaleLowerCase());
      return byName.get(name.toLocaleLowerCase()) ?? [];
    },
    assertAllUsed() {
      const unknown = [...byName.keys()].filter((n) => !used.has(n));
      if (unknown.length) throw badInput(`--department-hours: no --department called ${unknown.join(', ')}`);
    },
  };
}

export function registerInbound(program: Command): void {
  const inbound = program.command('inbound').description('inbound numbers (DIDs) and what the telephony server is told about them');

  inbound
    .command('set')
    .description('create or update a DID, and the AI agent that answers it')
    .requiredOption('--company <slug>', 'the company the DID rings at')
    .requiredOption('--did <phone>', "the number callers dial: +4930..., or national with the company's country")
    .option('--region <CC>', "country of numbers written without a country code, such as DE (default: the company's country)")
    .option('--display-name <name>', 'the name callers hear (default: the company name)')
    .option('--agent-name <name>', 'the AI agent that answers: an existing one, or a new one with --prompt')
    .option('--prompt <text>', "the AI agent's system prompt (creates or updates the agent)")
    .option('--greeting <text>', "the AI agent's first words")
    .option('--language <tag>', "the AI agent's language, such as de-DE")
    .option('--voice <name>', "the AI agent's voice, such as alloy")
    .option('--temperature <n>', "the AI agent's temperature, 0 to 2", decimalOption('temperature'))
    .option('--support <target>', 'where callers go out of hours or when the agent is done: a phone number, extension or SIP address')
    .option('--no-support', 'remove the support number')
    .option(
      '--department <spec>',
      'NAME=TARGET[=DESCRIPTION]: a phone number, an extension (8811001) or a SIP address; repeat for several (replaces the list)',
      collect,
      [],
    )
    .option(
      '--department-hours <spec>',
      'NAME=DAYS HH:MM-HH:MM, such as "Sales=mon-fri 09:00-17:00": that department\'s own hours (repeatable)',
      collect,
      [],
    )
    .option('--tts-vendor <id>', 'speech vendor for spoken messages, such as google')
    .option('--tts-voice <name>', 'that vendor’s voice')
    .option('--closed-message <text>', 'what callers hear out of hours')
    .action(async (_opts, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      const specs = opts.department as string[];
      const hours = departmentHours(opts.departmentHours as string[]);
      const voiceSettings = Object.fromEntries(
        Object.entries({ vendor: opts.ttsVendor, voice: opts.ttsVoice, closedMessage: opts.closedMessage }).filter(
          ([, v]) => v !== undefined,
        ),
      );
      if (opts.prompt !== undefined && opts.agentName === undefined)
        throw badInput('--prompt needs --agent-name: name the agent it belongs to');
      const input = parseWith(SetInput, {
        phone: opts.did,
        region: opts.region,
        displayName: opts.displayName,
        // commander: --support gives a string, --no-support false, neither true
        supportNumber: opts.support === false ? null : opts.support === true ? undefined : opts.support,
        departments: specs.length ? specs.map(department).map((d) => ({ ...d, hours: hours.take(d.name) })) : undefined,
        voiceSettings: Object.keys(voiceSettings).length ? voiceSettings : undefined,
        agent:
          opts.agentName === undefined
            ? undefined
            : {
                name: opts.agentName,
                systemPrompt: opts.prompt,
                greeting: opts.greeting,
                language: opts.language,
                voice: opts.voice,
                temperature: opts.temperature,
              },
      });
      hours.assertAllUsed();
      await withCore(opts, async (core) => {
        const companyId = (await companyBySlug(core.db, opts.company as string)).id;
        const { agent: agentInput, ...did } = input;
        const { agent, number } = await configureInbound(core.db, CLI_ACTOR, { companyId, did, agent: agentInput }, core.clock());
        printResult(
          opts,
          { number, agent },
          `${number.phone} rings at ${opts.company}${agent ? `, answered by AI agent "${agent.name}"` : ' (no AI agent)'}` +
            `${number.supportNumber ? `, support ${number.supportNumber}` : ''}`,
        );
      });
    });

  inbound
    .command('list')
    .description("a company's inbound numbers")
    .requiredOption('--company <slug>', 'the company')
    .action(async (_opts, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      await withCore(opts, async (core) => {
        const list = await listInboundNumbers(core.db, (await companyBySlug(core.db, opts.company as string)).id);
        const lines = list.map(
          (n) => `${n.id}\t${n.isActive ? 'active' : 'inactive'}\t${n.phone}\t${n.displayName || '-'}\tsupport ${n.supportNumber ?? '-'}`,
        );
        printResult(opts, { numbers: list }, lines.join('\n') || 'no inbound numbers yet');
      });
    });

  inbound
    .command('preview')
    .description('what the telephony server receives for a DID: the lookup and the Jambonz verbs (model key hidden)')
    .requiredOption('--did <phone>', 'the DID')
    .option('--at <iso>', 'as of this time (default: now)')
    .action(async (_opts, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      const at = opts.at === undefined ? undefined : Date.parse(opts.at as string);
      if (at !== undefined && Number.isNaN(at)) throw badInput(`--at: "${opts.at}" is not a time such as 2026-03-02T10:00:00Z`);
      await withCore(opts, async (core) => {
        const row = await findActiveDid(core.db, opts.did as string);
        const preview = await previewInbound(core, row.company_id, row.id, at ?? core.clock(), companyHours);
        const warnings = preview.warnings.map((w) => `warning: ${w.message}`).join('\n');
        printResult(opts, { preview }, `${warnings ? `${warnings}\n` : ''}${JSON.stringify(preview, null, 2)}`);
      });
    });

  registerInboundSettings(inbound);

  inbound
    .command('llm')
    .description('the realtime model the Jambonz llm verb uses, and its API key (site-wide)')
    .option('--model <id>', 'the model id')
    .option('--api-key <key>', 'the model provider’s API key (or set DIALDESK_LLM_API_KEY)')
    .option('--clear-key', 'forget the API key')
    .action(async (_opts, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      const apiKey = opts.clearKey ? null : ((opts.apiKey as string | undefined) ?? process.env.DIALDESK_LLM_API_KEY);
      const patch = parseWith(LlmSettingsPatch, { model: opts.model, apiKey });
      await withCore(opts, async (core) => {
        const settings =
          patch.model === undefined && patch.apiKey === undefined
            ? await siteLlmSettings(core.db, core.secrets)
            : await updateLlmSettings(core.db, core.secrets, CLI_ACTOR, patch, core.clock());
        printResult(
          opts,
          { llm: settings },
          `model ${settings.model}; API key ${settings.apiKeySet ? `set (${settings.apiKeyHint})` : 'not set'}`,
        );
      });
    });
}
