import type { InboundSettingsDto, InboundSettingsPatch, SecretStatusDto } from '../../../src-shared/contract/inbound-settings';
import type { Queries } from '../db/engine/queries';
import type { Selectable } from 'kysely';
import type { InboundSettingsTable } from '../db/schema';

type InboundSettingsRow = Selectable<InboundSettingsTable>;
import type { Core } from '../core';
import { writeAudit, type Actor } from '../audit/audit';
import { companyOf } from '../companies/companies';
import { hintOf, type SecretBox } from '../secrets/secret-box';
import { SECRET } from '../secrets/names';
import { inboundWarnings } from './warnings';

/** A company's inbound settings row, or the defaults of one never saved. */
export interface InboundSettings {
  llmVendor: 'openai' | 'microsoft' | null;
  llmModel: string | null;
  llmHost: string | null;
  aiCostPerMinute: number;
  jambonzApiUrl: string | null;
  recordCalls: boolean;
}

const settingsOf = (row: InboundSettingsRow | undefined): InboundSettings => ({
  llmVendor: row?.llm_vendor ?? null,
  llmModel: row?.llm_model ?? null,
  llmHost: row?.llm_host ?? null,
  aiCostPerMinute: row?.ai_cost_per_minute ?? 0,
  jambonzApiUrl: row?.jambonz_api_url ?? null,
  recordCalls: row?.record_calls === 1,
});

export async function inboundSettingsOf(q: Queries, companyId: number): Promise<InboundSettings> {
  return settingsOf(await q.get<InboundSettingsRow>('select * from inbound_settings where company_id = ?', [companyId]));
}

/** Jambonz's REST API (URL and key) when both are set and the key is readable here. */
export async function jambonzApiOf(core: Core, companyId: number): Promise<{ url: string; key: string } | null> {
  return jambonzApiWith(core, companyId, await inboundSettingsOf(core.db, companyId));
}

/** The same from settings already read (in the caller's transaction). */
export function jambonzApiWith(core: Core, companyId: number, s: InboundSettings): { url: string; key: string } | null {
  const url = s.jambonzApiUrl;
  const key = core.secrets.get(SECRET.jambonzApiKey(companyId));
  return url && key ? { url: apiBase(url), key } : null;
}

/** "https://host/api" and "https://host/api/v1/" alike → "https://host/api/v1": the routes hang off /v1. */
export const apiBase = (url: string): string => {
  const trimmed = url.replace(/\/+$/, '');
  return /\/v1$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
};

const statusOf = (box: SecretBox, name: string): SecretStatusDto => box.status(name);

export async function inboundSettingsDto(core: Core, companyId: number): Promise<InboundSettingsDto> {
  await companyOf(core.db, companyId);
  const s = await inboundSettingsOf(core.db, companyId);
  return {
    companyId,
    ...s,
    llmApiKey: statusOf(core.secrets, SECRET.companyLlmKey(companyId)),
    webhookSecret: statusOf(core.secrets, SECRET.webhookSecret(companyId)),
    jambonzApiKey: statusOf(core.secrets, SECRET.jambonzApiKey(companyId)),
    sealedWith: core.secrets.sealedWith,
    warnings: await inboundWarnings(core, companyId),
  };
}

/**
 * Saves what the patch names (undefined: unchanged; null: cleared). Secrets are sealed into the box
 * after the database row and its audit entry are written, and the audit log records only whether a
 * secret is set and its last four characters: never the value.
 */
export async function updateInboundSettings(
  core: Core,
  actor: Actor,
  patch: InboundSettingsPatch,
  now: number,
): Promise<InboundSettingsDto> {
  const { db } = core;
  const { companyId } = patch;
  await db.transaction(async (tx) => {
    await companyOf(tx, companyId);
    const before = await shown(tx, core, companyId);
    const s = await inboundSettingsOf(tx, companyId);
    const row = {
      llm_vendor: patch.llmVendor === undefined ? s.llmVendor : patch.llmVendor,
      llm_model: patch.llmModel === undefined ? s.llmModel : patch.llmModel,
      llm_host: patch.llmHost === undefined ? s.llmHost : patch.llmHost,
      ai_cost_per_minute: patch.aiCostPerMinute ?? s.aiCostPerMinute,
      jambonz_api_url: patch.jambonzApiUrl === undefined ? s.jambonzApiUrl : patch.jambonzApiUrl,
      record_calls: (patch.recordCalls ?? s.recordCalls) ? 1 : 0,
      updated_at: now,
    };
    await tx.execute(
      db.kysely
        .insertInto('inbound_settings')
        .values({ company_id: companyId, ...row })
        .onConflict((oc) => oc.column('company_id').doUpdateSet(row)),
    );
    const after = {
      ...(await shown(tx, core, companyId)),
      ...secretShown('llmApiKey', patch.llmApiKey),
      ...secretShown('webhookSecret', patch.webhookSecret),
      ...secretShown('jambonzApiKey', patch.jambonzApiKey),
    };
    await writeAudit(tx, actor, { companyId, entity: 'inbound_settings', entityId: companyId, action: 'update', before, after }, now);
  });
  const put = (name: string, value: string | null | undefined) => value !== undefined && core.secrets.set(name, value);
  put(SECRET.companyLlmKey(companyId), patch.llmApiKey);
  put(SECRET.webhookSecret(companyId), patch.webhookSecret);
  put(SECRET.jambonzApiKey(companyId), patch.jambonzApiKey);
  return inboundSettingsDto(core, companyId);
}

/** The settings as the audit log may keep them: secrets as "set …abcd" or "not set". */
async function shown(q: Queries, core: Core, companyId: number) {
  const s = await inboundSettingsOf(q, companyId);
  const secret = (name: string) => {
    const st = core.secrets.status(name);
    return st.set ? `set ${st.hint}` : 'not set';
  };
  return {
    ...s,
    llmApiKey: secret(SECRET.companyLlmKey(companyId)),
    webhookSecret: secret(SECRET.webhookSecret(companyId)),
    jambonzApiKey: secret(SECRET.jambonzApiKey(companyId)),
  };
}

const secretShown = (field: string, value: string | null | undefined) =>
  value === undefined ? {} : { [field]: value === null ? 'not set' : `set ${hintOf(value)}` };
