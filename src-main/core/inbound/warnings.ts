import type { InboundWarning } from '../../../src-shared/contract/inbound-settings';
import type { Core } from '../core';
import { llmConnectionFor, llmProblems, type LlmConnection } from './llm/connection';
import { inboundSettingsOf, jambonzApiWith } from './settings';

// the departments of the company's active numbers answered by an active AI agent
const AI_NUMBERS = `select n.departments from inbound_numbers n join ai_agents a on a.id = n.ai_agent_id and a.is_active = 1
  where n.company_id = ? and n.is_active = 1`;

/**
 * What makes a company's inbound calls go worse than they are set up, in words for the console's
 * inbound pages, the preview and `inbound preview`: an AI agent without a model key (callers get the
 * fallback), departments without Jambonz's REST API (the agent can only give out numbers), recording
 * asked for without it (no recording can be fetched).
 */
export async function inboundWarnings(core: Core, companyId: number): Promise<InboundWarning[]> {
  const aiNumbers = await core.db.all<{ departments: string }>(AI_NUMBERS, [companyId]);
  const settings = await inboundSettingsOf(core.db, companyId);
  const hasApi = jambonzApiWith(core, companyId, settings) !== null;
  const llm = aiNumbers.length > 0 ? await llmConnectionFor(core, companyId, settings) : null;
  return warningsOf(llm, aiNumbers, hasApi, settings.recordCalls);
}

function warningsOf(
  llm: LlmConnection | null,
  aiNumbers: { departments: string }[],
  hasApi: boolean,
  recordCalls: boolean,
): InboundWarning[] {
  const warnings: InboundWarning[] = [];
  if (llm) warnings.push(...llmProblems(llm));
  if (!hasApi && aiNumbers.some((n) => n.departments !== '[]')) {
    warnings.push({
      code: 'transfers_need_jambonz_api',
      message:
        "the AI agent cannot hand callers to a department while Jambonz's REST API (its URL and an API key) is not set: it tells callers the department's number instead",
    });
  }
  if (!hasApi && recordCalls) {
    warnings.push({
      code: 'recordings_need_jambonz_api',
      message: "calls are to be recorded, but without Jambonz's REST API (its URL and an API key) no recording can be fetched",
    });
  }
  return warnings;
}
