import type { InboundWarning } from '../../../src-shared/contract/inbound-settings';
import { prepare } from '../db/connection';
import type { Core } from '../core';
import { llmConnectionFor, llmProblems } from './llm/connection';
import { getInboundSettings, jambonzApi } from './settings';

/**
 * What makes a company's inbound calls go worse than they are set up, in words for the console's
 * inbound pages, the preview and `inbound preview`: an AI agent without a model key (callers get the
 * fallback), departments without Jambonz's REST API (the agent can only give out numbers), recording
 * asked for without it (no recording can be fetched).
 */
export function inboundWarnings(core: Core, companyId: number): InboundWarning[] {
  const aiNumbers = prepare(
    core.db.sqlite,
    `select n.departments from inbound_numbers n join ai_agents a on a.id = n.ai_agent_id and a.is_active = 1
     where n.company_id = ? and n.is_active = 1`,
  ).all(companyId) as { departments: string }[];
  const warnings: InboundWarning[] = [];
  if (aiNumbers.length > 0) warnings.push(...llmProblems(llmConnectionFor(core, companyId)));
  const api = jambonzApi(core, companyId);
  if (!api && aiNumbers.some((n) => n.departments !== '[]')) {
    warnings.push({
      code: 'transfers_need_jambonz_api',
      message:
        "the AI agent cannot hand callers to a department while Jambonz's REST API (its URL and an API key) is not set: it tells callers the department's number instead",
    });
  }
  if (!api && getInboundSettings(core.db, companyId).recordCalls) {
    warnings.push({
      code: 'recordings_need_jambonz_api',
      message: "calls are to be recorded, but without Jambonz's REST API (its URL and an API key) no recording can be fetched",
    });
  }
  return warnings;
}
