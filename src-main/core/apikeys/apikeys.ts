import { createHash, randomBytes } from 'node:crypto';
import { API_SCOPES, type ApiKeyCreate, type ApiKeyDto, type ApiScope } from '../../../src-shared/contract/apikeys';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import type { ApiKeyRow } from '../db/schema';
import { writeAudit, type Actor } from '../audit/audit';
import { forbidden, notFound } from '../errors';
import { companyOf } from '../companies/companies';
import { toIso, toIsoOrNull } from '../time';

/**
 * API keys for dialers and telephony servers. The key is shown once; the database keeps only its
 * SHA-256 (a key is 192 random bits, so a fast hash is enough: there is nothing to brute-force)
 * and a short prefix that tells keys apart in lists.
 */
export const KEY_PREFIX = 'ddk_';
const PREFIX_LENGTH = KEY_PREFIX.length + 8;

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

const parseScopes = (text: string): ApiScope[] =>
  text.split(',').filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s));

export function toApiKeyDto(row: ApiKeyRow): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    companyId: row.company_id,
    prefix: row.prefix,
    scopes: parseScopes(row.scopes),
    createdAt: toIso(row.created_at),
    lastUsedAt: toIsoOrNull(row.last_used_at),
    revokedAt: toIsoOrNull(row.revoked_at),
  };
}

/** Newest first. `companyId` null: every key (the superuser's view); a number: that company's keys. */
export async function listApiKeys(db: Db, companyId: number | null): Promise<ApiKeyDto[]> {
  let q = db.kysely.selectFrom('api_keys').selectAll().orderBy('id', 'desc');
  if (companyId !== null) q = q.where('company_id', '=', companyId);
  return (await db.select(q)).map(toApiKeyDto);
}

export const createApiKey = (db: Db, actor: Actor, input: ApiKeyCreate, now: number): Promise<{ key: string; apiKey: ApiKeyDto }> =>
  db.transaction((tx) => createApiKeyIn(tx, actor, input, now));

/** The same inside the caller's transaction (the new-company wizard's). */
export async function createApiKeyIn(
  tx: Queries,
  actor: Actor,
  input: ApiKeyCreate,
  now: number,
): Promise<{ key: string; apiKey: ApiKeyDto }> {
  const key = KEY_PREFIX + randomBytes(24).toString('base64url');
  if (input.companyId !== null) await companyOf(tx, input.companyId);
  const id = (await tx.value<number>(
    'insert into api_keys (name, company_id, key_hash, prefix, scopes, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?) returning id',
    [input.name, input.companyId, hashKey(key), key.slice(0, PREFIX_LENGTH), input.scopes.join(','), actor.userId, now],
  ))!;
  const apiKey = toApiKeyDto(await apiKeyRowOf(tx, id));
  await writeAudit(tx, actor, { companyId: input.companyId, entity: 'api_key', entityId: id, action: 'create', after: apiKey }, now);
  return { key, apiKey };
}

async function apiKeyRowOf(q: Queries, id: number): Promise<ApiKeyRow> {
  const row = await q.get<ApiKeyRow>('select * from api_keys where id = ?', [id]);
  if (!row) throw notFound(`API key ${id} does not exist`);
  return row;
}

/**
 * Revokes a key at once (the next request with it gets a 401). `withinCompany` is the caller's
 * company, null for the superuser; a company admin cannot touch site-wide or other companies' keys.
 */
/** `withinCompanies`: the companies the caller works for (null: the site owner, every key). */
export function revokeApiKey(db: Db, actor: Actor, id: number, withinCompanies: readonly number[] | null, now: number): Promise<ApiKeyDto> {
  return db.transaction(async (tx) => {
    const before = await apiKeyRowOf(tx, id);
    if (withinCompanies !== null && (before.company_id === null || !withinCompanies.includes(before.company_id))) {
      throw before.company_id === null
        ? forbidden('only the site owner may revoke a site-wide key')
        : notFound(`API key ${id} does not exist`);
    }
    if (before.revoked_at !== null) return toApiKeyDto(before);
    await tx.run('update api_keys set revoked_at = ? where id = ?', [now, id]);
    const after = toApiKeyDto(await apiKeyRowOf(tx, id));
    await writeAudit(
      tx,
      actor,
      { companyId: before.company_id, entity: 'api_key', entityId: id, action: 'revoke', before: toApiKeyDto(before), after },
      now,
    );
    return after;
  });
}

export interface AuthenticatedKey {
  id: number;
  companyId: number | null;
  scopes: ApiScope[];
  prefix: string;
  lastUsedAt: number | null;
}

export type KeyCheck = { ok: true; key: AuthenticatedKey } | { ok: false; reason: 'unknown' | 'revoked' };

/** One indexed read by hash: cheap enough for every request, and a revocation is seen at once. */
export async function authenticateApiKey(q: Queries, presented: string): Promise<KeyCheck> {
  if (!presented.startsWith(KEY_PREFIX) || presented.length > 200) return { ok: false, reason: 'unknown' };
  const row = await q.get<{
    id: number;
    company_id: number | null;
    scopes: string;
    prefix: string;
    last_used_at: number | null;
    revoked_at: number | null;
  }>('select id, company_id, scopes, prefix, last_used_at, revoked_at from api_keys where key_hash = ?', [hashKey(presented)]);
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
  return {
    ok: true,
    key: { id: row.id, companyId: row.company_id, scopes: parseScopes(row.scopes), prefix: row.prefix, lastUsedAt: row.last_used_at },
  };
}

const TOUCH_EVERY_MS = 60_000;
const lastTouched = new WeakMap<Db, Map<number, number>>();

/**
 * Records that a key was used, at most once a minute per key: a busy dialer must not turn every
 * request into a write.
 */
export async function touchApiKey(db: Db, key: AuthenticatedKey, now: number): Promise<void> {
  let seen = lastTouched.get(db);
  if (!seen) lastTouched.set(db, (seen = new Map()));
  const last = Math.max(seen.get(key.id) ?? 0, key.lastUsedAt ?? 0);
  if (now - last < TOUCH_EVERY_MS) return;
  seen.set(key.id, now);
  await db.run('update api_keys set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)', [now, key.id, now]);
}
