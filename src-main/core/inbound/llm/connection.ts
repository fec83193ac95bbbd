import type { InboundWarning, LlmVendor } from '../../../../src-shared/contract/inbound-settings';
import type { Core } from '../../core';
import { SECRET } from '../../secrets/names';
import { inboundSettingsOf, type InboundSettings } from '../settings';
import { siteLlmModelOf } from '../llm-settings';

/** The realtime model one company's AI agents use: its own, or the site's default (OpenAI). */
export interface LlmConnection {
  vendor: LlmVendor;
  model: string;
  /** an Azure OpenAI resource's host (vendor microsoft) */
  host: string | null;
  apiKey: string | null;
  /** set, but sealed where this process cannot open it */
  keyUnreadable: boolean;
  source: 'company' | 'site';
}

/** `settings`: the company's inbound settings when the caller has read them already. */
export async function llmConnectionFor(core: Core, companyId: number, settings?: InboundSettings): Promise<LlmConnection> {
  const s = settings ?? (await inboundSettingsOf(core.db, companyId));
  const own = s.llmVendor !== null;
  const name = own ? SECRET.companyLlmKey(companyId) : SECRET.siteLlmKey;
  const status = core.secrets.status(name);
  return {
    vendor: s.llmVendor ?? 'openai',
    model: (own ? s.llmModel : null) ?? (await siteLlmModelOf(core.db)),
    host: own ? s.llmHost : null,
    apiKey: core.secrets.get(name),
    keyUnreadable: status.set && !status.readable,
    source: own ? 'company' : 'site',
  };
}

/**
 * Why the feature server would refuse an `llm` verb built on this connection, in its own words
 * (jambonz-feature-server lib/tasks/llm/llms/openai_s2s.js, the TaskLlmOpenAI_S2S constructor, which
 * serves vendors openai and microsoft): "auth.apiKey is required for OpenAI S2S", and for microsoft
 * "connectionOptions.host is required for Microsoft OpenAI S2S". The constructor runs while Jambonz
 * parses the whole answer (lib/middleware.js invokeWebCallback, makeTask), so one refused verb fails
 * the call with SIP 480: such a connection is never put in a verb. Empty: runnable.
 */
export function llmProblems(c: LlmConnection): InboundWarning[] {
  const whose = c.source === 'company' ? "the company's" : "the site's";
  const problems: InboundWarning[] = [];
  if (c.keyUnreadable) {
    problems.push({
      code: 'llm_key_unreadable',
      vendor: c.vendor,
      source: c.source,
      message: `${whose} ${c.vendor} API key was sealed by the desktop app's keychain and cannot be opened here; set it again here, or answer calls from the desktop app`,
    });
  } else if (!c.apiKey) {
    problems.push({
      code: 'llm_key_missing',
      vendor: c.vendor,
      source: c.source,
      message: `no ${c.vendor} API key is set (${whose} model): AI agents cannot answer, so callers hear a greeting and go to the support line`,
    });
  }
  if (c.vendor === 'microsoft' && !c.host) {
    problems.push({ code: 'llm_host_missing', message: 'the Azure OpenAI resource host is not set: the microsoft vendor needs it' });
  }
  return problems;
}
