import type { Command } from 'commander';
import { InboundSettingsPatch, type InboundSettingsDto, type SecretStatusDto } from '../../../src-shared/contract/inbound-settings';
import { companyBySlug } from '../../core/companies/companies';
import { inboundSettingsDto, updateInboundSettings } from '../../core/inbound/settings';
import { badInput } from '../../core/errors';
import { CLI_ACTOR, withCore } from '../context';
import { intOption, parseWith, printResult, type GlobalOptions } from '../io';

type Opts = GlobalOptions & Record<string, unknown>;

/**
 * `dialdesk inbound settings`: a company's own model and key, its Jambonz webhook secret and REST API,
 * call recording and the price of AI minutes. Secrets are taken, never printed back: "set …abcd".
 * A secret given on the command line stays in the shell's history; each may come from an
 * environment variable instead (named in its option's help).
 */
export function registerInboundSettings(inbound: Command): void {
  inbound
    .command('settings')
    .description("a company's inbound AI settings: model and key, Jambonz webhook secret and REST API, recording, AI minute price")
    .requiredOption('--company <slug>', 'the company')
    .option('--llm-vendor <vendor>', 'openai, microsoft (Azure OpenAI), or "site" for the site\'s model and key')
    .option('--llm-model <id>', 'the realtime model (for microsoft: the deployment name)')
    .option('--llm-host <host>', "an Azure OpenAI resource's host, such as myresource.openai.azure.com")
    .option('--llm-key <key>', "the model provider's API key (or DIALDESK_LLM_API_KEY with --llm-key-from-env)")
    .option('--llm-key-from-env', 'take the model key from DIALDESK_LLM_API_KEY')
    .option('--webhook-secret <secret>', "the Jambonz account's webhook secret: webhooks must then carry a valid Jambonz-Signature")
    .option('--jambonz-api-url <url>', "Jambonz's REST API, such as https://jambonz.example.com/api/v1 (live transfers, recordings)")
    .option('--jambonz-api-key <key>', 'a Jambonz API key for that REST API (or DIALDESK_JAMBONZ_API_KEY with --jambonz-api-key-from-env)')
    .option('--jambonz-api-key-from-env', 'take the Jambonz API key from DIALDESK_JAMBONZ_API_KEY')
    .option('--record-calls <on|off>', 'ask Jambonz to record calls to its storage')
    .option('--ai-rate <minor units>', 'price of a started minute of an AI-answered inbound call (0: free)', intOption('ai-rate'))
    .option(
      '--clear <what>',
      'forget a secret or setting: llm-key, webhook-secret, jambonz-api-key, jambonz-api-url (repeatable)',
      collect,
      [],
    )
    .action(async (_opts, cmd: Command) => {
      const opts = cmd.optsWithGlobals<Opts>();
      const clear = new Set(opts.clear as string[]);
      for (const what of clear) {
        if (!['llm-key', 'webhook-secret', 'jambonz-api-key', 'jambonz-api-url'].includes(what))
          throw badInput(`--clear: "${what}" is not something to clear`);
      }
      const fromEnv = (flag: unknown, name: string) => {
        if (!flag) return undefined;
        const value = process.env[name];
        if (!value) throw badInput(`${name} is not set in the environment`);
        return value;
      };
      const vendor = opts.llmVendor as string | undefined;
      const record = opts.recordCalls as string | undefined;
      if (record !== undefined && record !== 'on' && record !== 'off') throw badInput('--record-calls is on or off');
      const pick = (what: string, value: unknown) => (clear.has(what) ? null : value);
      const patchInput = {
        llmVendor: vendor === undefined ? undefined : vendor === 'site' ? null : vendor,
        llmModel: opts.llmModel,
        llmHost: opts.llmHost,
        llmApiKey: pick('llm-key', opts.llmKey ?? fromEnv(opts.llmKeyFromEnv, 'DIALDESK_LLM_API_KEY')),
        webhookSecret: pick('webhook-secret', opts.webhookSecret),
        jambonzApiUrl: pick('jambonz-api-url', opts.jambonzApiUrl),
        jambonzApiKey: pick('jambonz-api-key', opts.jambonzApiKey ?? fromEnv(opts.jambonzApiKeyFromEnv, 'DIALDESK_JAMBONZ_API_KEY')),
        recordCalls: record === undefined ? undefined : record === 'on',
        aiCostPerMinute: opts.aiRate,
      };
      await withCore(opts, async (core) => {
        const companyId = (await companyBySlug(core.db, opts.company as string)).id;
        const patch = parseWith(InboundSettingsPatch, { companyId, ...patchInput });
        const changes = Object.entries(patch).some(([k, v]) => k !== 'companyId' && v !== undefined);
        const settings = changes
          ? await updateInboundSettings(core, CLI_ACTOR, patch, core.clock())
          : await inboundSettingsDto(core, companyId);
        printResult(opts, { settings }, describe(settings));
      });
    });
}

const collect = (value: string, previous: string[]) => [...previous, value];
const secret = (s: SecretStatusDto) => (s.set ? `set (${s.hint})${s.readable ? '' : ', sealed elsewhere: not readable here'}` : 'not set');

function describe(s: InboundSettingsDto): string {
  const lines = [
    `model: ${s.llmVendor ? `${s.llmVendor} ${s.llmModel ?? '(default model)'}${s.llmHost ? ` at ${s.llmHost}` : ''}, key ${secret(s.llmApiKey)}` : "the site's"}`,
    `Jambonz webhook secret: ${secret(s.webhookSecret)}`,
    `Jambonz REST API: ${s.jambonzApiUrl ?? 'not set'}, key ${secret(s.jambonzApiKey)}`,
    `record calls: ${s.recordCalls ? 'on' : 'off'}; AI minute: ${s.aiCostPerMinute} minor units`,
    `secrets are sealed with ${s.sealedWith}`,
    ...s.warnings.map((w) => `warning: ${w.message}`),
  ];
  return lines.join('\n');
}
