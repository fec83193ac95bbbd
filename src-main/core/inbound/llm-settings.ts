import type { LlmSettingsDto } from '../../../src-shared/contract/inbound';
import { all, exec, transaction, type Db } from '../db/connection';
import { audit, type Actor } from '../audit/audit';
import type { SecretBox } from '../secrets/secret-box';
import { SECRET } from '../secrets/names';

/**
 * The site's default realtime model for the Jambonz `llm` verb, and its key: what a company without
 * its own (inbound_settings.llm_vendor null) uses. The model id is kept in site_settings; the key in
 * the secret box, never in the database.
 */
export const DEFAULT_LLM_MODEL = 'gpt-4o-realtime-preview-2024-12-17';
const MODEL_KEY = 'inbound_llm_model';

export function siteLlmModel(db: Db): string {
  const rows = all(db, db.kysely.selectFrom('site_settings').selectAll().where('key', '=', MODEL_KEY));
  return rows[0]?.value || DEFAULT_LLM_MODEL;
}

export function siteLlmSettings(db: Db, box: SecretBox): LlmSettingsDto {
  const key = box.status(SECRET.siteLlmKey);
  return { model: siteLlmModel(db), apiKeySet: key.set, apiKeyHint: key.hint };
}

export function updateLlmSettings(
  db: Db,
  box: SecretBox,
  actor: Actor,
  patch: { model?: string; apiKey?: string | null },
  now: number,
): LlmSettingsDto {
  return transaction(db, () => {
    const before = siteLlmSettings(db, box);
    if (patch.model !== undefined) {
      const value = patch.model;
      exec(
        db,
        db.kysely
          .insertInto('site_settings')
          .values({ key: MODEL_KEY, value })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value })),
      );
    }
    // the box is written last, once the audit row below is the only thing left to fail
    const after = { ...siteLlmSettings(db, box), ...(patch.apiKey !== undefined && keyShown(patch.apiKey)) };
    audit(db, actor, { companyId: null, entity: 'inbound_llm_settings', entityId: null, action: 'update', before, after }, now);
    if (patch.apiKey !== undefined) box.set(SECRET.siteLlmKey, patch.apiKey);
    return siteLlmSettings(db, box);
  });
}

const keyShown = (key: string | null) => ({ apiKeySet: key !== null, apiKeyHint: key === null ? null : `…${key.slice(-4)}` });
