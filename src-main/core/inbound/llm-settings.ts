import type { LlmSettingsDto } from '../../../src-shared/contract/inbound';
import { all, exec, transaction, type Db } from '../db/connection';
import { audit, type Actor } from '../audit/audit';

/**
 * The realtime model the Jambonz `llm` verb connects to, and the key for it. Jambonz's OpenAI
 * speech-to-speech task refuses to start without `auth.apiKey` (jambonz-feature-server,
 * lib/tasks/llm/llms/openai_s2s.js: "auth.apiKey is required for OpenAI S2S"), so the verb array must
 * carry one. It is one key for the whole site, kept in site_settings beside the dialing rules, and
 * leaves this machine only inside the answer to the telephony server's own authenticated webhook.
 */
export const DEFAULT_LLM_MODEL = 'gpt-4o-realtime-preview-2024-12-17';
const MODEL_KEY = 'inbound_llm_model';
const API_KEY = 'inbound_llm_api_key';

export interface LlmConnection {
  vendor: 'openai';
  model: string;
  apiKey: string | null;
}

export function getLlmConnection(db: Db): LlmConnection {
  const rows = all(db, db.kysely.selectFrom('site_settings').selectAll().where('key', 'in', [MODEL_KEY, API_KEY]));
  const value = (key: string) => rows.find((r) => r.key === key)?.value ?? null;
  return { vendor: 'openai', model: value(MODEL_KEY) || DEFAULT_LLM_MODEL, apiKey: value(API_KEY) || null };
}

export function toLlmSettingsDto(c: LlmConnection): LlmSettingsDto {
  return { model: c.model, apiKeySet: c.apiKey !== null, apiKeyHint: c.apiKey ? `…${c.apiKey.slice(-4)}` : null };
}

export function updateLlmSettings(db: Db, actor: Actor, patch: { model?: string; apiKey?: string | null }, now: number): LlmSettingsDto {
  return transaction(db, () => {
    const before = toLlmSettingsDto(getLlmConnection(db));
    const put = (key: string, value: string | null) => {
      if (value === null) exec(db, db.kysely.deleteFrom('site_settings').where('key', '=', key));
      else
        exec(
          db,
          db.kysely
            .insertInto('site_settings')
            .values({ key, value })
            .onConflict((oc) => oc.column('key').doUpdateSet({ value })),
        );
    };
    if (patch.model !== undefined) put(MODEL_KEY, patch.model);
    if (patch.apiKey !== undefined) put(API_KEY, patch.apiKey);
    const after = toLlmSettingsDto(getLlmConnection(db));
    audit(db, actor, { companyId: null, entity: 'inbound_llm_settings', entityId: null, action: 'update', before, after }, now);
    return after;
  });
}
