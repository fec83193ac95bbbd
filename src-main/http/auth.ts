import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiScope } from '../../src-shared/contract/apikeys';
import type { Core } from '../core/core';
import type { CompanyRow } from '../core/db/schema';
import { AppError, forbidden, notFound } from '../core/errors';
import { authenticateApiKey, touchApiKey, type AuthenticatedKey } from '../core/apikeys/apikeys';
import { findCompanyWithSlug } from '../core/companies/companies';

/** The API key a request was made with, once requireApiKey let it through. */
export interface ApiKeyContext {
  id: number;
  /** null: a site-wide key */
  companyId: number | null;
  scopes: ApiScope[];
  prefix: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    apiKey: ApiKeyContext | null;
  }
}

const used = new WeakMap<FastifyRequest, AuthenticatedKey>();

/**
 * A hook (use it as onRequest, so a missing key is a 401 before any body is read or judged) that
 * lets through only a valid, unrevoked key holding `scope`, and sets `request.apiKey`.
 * 401: no key, a malformed header, an unknown or revoked key. 403: the key lacks the scope.
 * 429: the key, or the address of a client without a valid key, went past its requests a minute.
 */
export function requireApiKey(core: Core, scope: ApiScope) {
  return async function apiKeyHook(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const check = await presentedKey(core, request);
    if (!check.ok) {
      // counted by address: a dialer retrying a wrong key in a loop, or someone guessing keys
      await request.server.portLimits.anonymous(request, reply);
      throw new AppError('UNAUTHENTICATED', check.message);
    }
    const key = check.key;
    request.apiKey = { id: key.id, companyId: key.companyId, scopes: key.scopes, prefix: key.prefix };
    await request.server.portLimits.key(request, reply);
    if (!key.scopes.includes(scope)) {
      throw forbidden(`this API key may not use the ${scope} API (it holds: ${key.scopes.join(', ') || 'no scope'})`);
    }
    used.set(request, key);
  };
}

async function presentedKey(
  core: Core,
  request: FastifyRequest,
): Promise<{ ok: true; key: AuthenticatedKey } | { ok: false; message: string }> {
  const header = request.headers.authorization;
  if (!header) return { ok: false, message: 'send your API key as "Authorization: Bearer <key>"' };
  const m = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
  if (!m) return { ok: false, message: 'the Authorization header must read "Bearer <api key>"' };
  const check = await authenticateApiKey(core.db, m[1]);
  if (!check.ok)
    return { ok: false, message: check.reason === 'revoked' ? 'this API key has been revoked' : 'this API key is not known here' };
  return { ok: true, key: check.key };
}

/** 403 unless the key may act for the company: a site-wide key may, a company key only for its own. */
export function assertKeyCompany(key: ApiKeyContext | null, companyId: number): void {
  if (!key) throw new AppError('UNAUTHENTICATED', 'send your API key as "Authorization: Bearer <key>"');
  if (key.companyId !== null && key.companyId !== companyId) throw forbidden('this API key belongs to another company');
}

/**
 * The company a request names by slug, if the key may act for it (403), and if it exists (404).
 * Every dialer request passes here: one cached statement, no query building.
 */
export async function companyForKey(core: Core, key: ApiKeyContext | null, slug: string): Promise<CompanyRow> {
  const company = await findCompanyWithSlug(core.db, slug);
  if (!company) {
    // a company key learns nothing about other slugs: it may only ever name its own company
    if (key?.companyId != null) throw forbidden('this API key belongs to another company');
    throw notFound(`no company with the slug "${slug}"`);
  }
  assertKeyCompany(key, company.id);
  return company;
}

/**
 * Root-level wiring every API plugin relies on: the request decoration, and last_used_at written
 * after a successful answer only (nothing is written on a 4xx), at most once a minute per key.
 */
export function installApiKeyUsage(app: FastifyInstance, core: Core): void {
  if (!app.hasRequestDecorator('apiKey')) app.decorateRequest('apiKey', null);
  app.addHook('onResponse', async (request, reply) => {
    const key = used.get(request);
    if (key && reply.statusCode < 400 && (core.db.engine !== 'sqlite' || core.db.sqlite.open))
      await touchApiKey(core.db, key, core.clock());
  });
}
