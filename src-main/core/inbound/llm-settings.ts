import type { LlmSettingsDto } from '../../../src-shared/contract/inbound';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import { writeAudit, type Actor } from '../audit/audit';
import type { SecretBox } from '../secrets/secret-box';
import { SECRET } from '../secrets/names';

/**
 * The site's default realtime model for the Jambonz `llm` verb, and its key: what a company without
 * its own (inbound_settings.llm_vendor null) uses. The model id is kept in site_settings; the key in
 * the secret box, never in the database.
 */
export const DEFAULT_LLM_MODEL = 'gpt-4o-realtime-preview-2024-12-17';
const MODEL_KEY = 'inbound_llm_model';

export async function siteLlmModelOf(q: Queries): Promise<string> {
  return (await q.value<string>('select value from site_settings where key = ?', [MODEL_KEY])) || DEFAULT_LLM_MODEL;
}

export async function siteLlmSettings(q: Queries, box: SecretBox): Promise<LlmSettingsDto> {
  const key = box.status(SECRET.siteLlmKey);
  return { model: await siteLlmModelOf(q), apiKeySet: key.set, apiKeyHint: key.hint };
}

export function updateLlmSettings(
  db: Db,
  box: SecretBox,
  actor: Actor,
  patch: { model?: string; apiKey?: string | null },
  now: number,
): Promise<LlmSettingsDto> {
  return db.transaction(async (tx) => {
    const before = await siteLlmSettings(tx, box);
    if (patch.model !== undefined) {
      await tx.run('insert into site_settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value', [
        MODEL_KEY,
        patch.model,
      ]);
    }
    // the box is written last, once the audit row below is the only thing left to fail
    const after = { ...(await siteLlmSettings(tx, box)), ...(patch.apiKey !== undefined && keyShown(patch.apiKey)) };
    await writeAudit(tx, actor, { companyId: null, entity: 'inbound_llm_settings', entityId: null, action: 'update', before, after }, now);
    if (patch.apiKey !== undefined) box.set(SECRET.siteLlmKey, patch.apiKey);
    return siteLlmSettings(tx, box);
  });
}

const keyShown = (key: string | null) => ({ apiKeySet: key !== null, apiKeyHint: key === null ? null : `…${key.slice(-4)}` });
