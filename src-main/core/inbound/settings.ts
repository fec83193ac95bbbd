import type { InboundSettingsDto, InboundSettingsPatch, SecretStatusDto } from '../../../src-shared/contract/inbound-settings';
import { exec, first, transaction, type Db } from '../db/connection';
import type { Core } from '../core';
import { audit, type Actor } from '../audit/audit';
import { getCompany } from '../companies/companies';
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

export function getInboundSettings(db: Db, companyId: number): InboundSettings {
  const row = first(db, db.kysely.selectFrom('inbound_settings').selectAll().where('company_id', '=', companyId));
  return {
    llmVendor: row?.llm_vendor ?? null,
    llmModel: row?.llm_model ?? null,
    llmHost: row?.llm_host ?? null,
    aiCostPerMinute: row?.ai_cost_per_minute ?? 0,
    jambonzApiUrl: row?.jambonz_api_url ?? null,
    recordCalls: row?.record_calls === 1,
  };
}

/** Jambonz's REST API (URL and key) when both are set and the key is readable here. */
export function jambonzApi(core: Core, companyId: number): { url: string; key: string } | null {
  const url = getInboundSettings(core.db, companyId).jambonzApiUrl;
  const key = core.secrets.get(SECRET.jambonzApiKey(companyId));
  return url && key ? { url: apiBase(url), key } : null;
}

/** "https://host/api" and "https://host/api/v1/" alike → "https://host/api/v1": the routes hang off /v1. */
export const apiBase = (url: string): string => {
  const trimmed = url.replace(/\/+$/, '');
  return /\/v1$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
};

const statusOf = (box: SecretBox, name: string): SecretStatusDto => box.status(name);

export function inboundSettingsDto(core: Core, companyId: number): InboundSettingsDto {
  getCompany(core.db, companyId);
  const s = getInboundSettings(core.db, companyId);
  return {
    companyId,
    ...s,
    llmApiKey: statusOf(core.secrets, SECRET.companyLlmKey(companyId)),
    webhookSecret: statusOf(core.secrets, SECRET.webhookSecret(companyId)),
    jambonzApiKey: statusOf(core.secrets, SECRET.jambonzApiKey(companyId)),
    sealedWith: core.secrets.sealedWith,
    warnings: inboundWarnings(core, companyId),
  };
}

/**
 * Saves what the patch names (undefined: unchanged; null: cleared). Secrets are sealed into the box
 * after the database row and its audit entry are written, and the audit log records only whether a
 * secret is set and its last four characters: never the value.
 */
export function updateInboundSettings(core: Core, actor: Actor, patch: InboundSettingsPatch, now: number): InboundSettingsDto {
  const { db } = core;
  const { companyId } = patch;
  transaction(db, () => {
    getCompany(db, companyId);
    const before = shown(core, companyId);
    const s = getInboundSettings(db, companyId);
    const row = {
      llm_vendor: patch.llmVendor === undefined ? s.llmVendor : patch.llmVendor,
      llm_model: patch.llmModel === undefined ? s.llmModel : patch.llmModel,
      llm_host: patch.llmHost === undefined ? s.llmHost : patch.llmHost,
      ai_cost_per_minute: patch.aiCostPerMinute ?? s.aiCostPerMinute,
      jambonz_api_url: patch.jambonzApiUrl === undefined ? s.jambonzApiUrl : patch.jambonzApiUrl,
      record_calls: (patch.recordCalls ?? s.recordCalls) ? 1 : 0,
      updated_at: now,
    };
    exec(
      db,
      db.kysely
        .insertInto('inbound_settings')
        .values({ company_id: companyId, ...row })
        .onConflict((oc) => oc.column('company_id').doUpdateSet(row)),
    );
    const after = {
      ...shown(core, companyId),
      ...secretShown('llmApiKey', patch.llmApiKey),
      ...secretShown('webhookSecret', patch.webhookSecret),
      ...secretShown('jambonzApiKey', patch.jambonzApiKey),
    };
    audit(db, actor, { companyId, entity: 'inbound_settings', entityId: companyId, action: 'update', before, after }, now);
  });
  const put = (name: string, value: string | null | undefined) => value !== undefined && core.secrets.set(name, value);
  put(SECRET.companyLlmKey(companyId), patch.llmApiKey);
  put(SECRET.webhookSecret(companyId), patch.webhookSecret);
  put(SECRET.jambonzApiKey(companyId), patch.jambonzApiKey);
  return inboundSettingsDto(core, companyId);
}

/** The settings as the audit log may keep them: secrets as "set …abcd" or "not set". */
function shown(core: Core, companyId: number) {
  const s = getInboundSettings(core.db, companyId);
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
