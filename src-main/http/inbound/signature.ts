import type { FastifyRequest } from 'fastify';
import type { Core } from '../../core/core';
import { AppError } from '../../core/errors';
import { SECRET } from '../../core/secrets/names';
import { checkJambonzSignature } from '../../core/inbound/signature';
import { rawJsonBody } from '../wire';

/**
 * When a company has a Jambonz webhook secret, every webhook for it must carry a valid
 * Jambonz-Signature over its body (core/inbound/signature.ts), beside the API key. A secret that is
 * set but cannot be opened here (sealed by the desktop app's keychain) refuses rather than lets
 * unsigned hooks through. Answers whether the body could be checked: a GET carries no body, and the
 * signature Jambonz sends with it covers a payload that was never sent (http-requestor.js), so a
 * company with a secret gets read-only answers to GETs.
 */
export function requireSignature(core: Core, request: FastifyRequest, companyId: number): { required: boolean; checked: boolean } {
  const status = core.secrets.status(SECRET.webhookSecret(companyId));
  if (!status.set) return { required: false, checked: false };
  const secret = core.secrets.get(SECRET.webhookSecret(companyId));
  if (!secret) {
    throw new AppError(
      'UNAUTHENTICATED',
      "this company's Jambonz webhook secret cannot be opened here (it was set in the desktop app); set it again here",
    );
  }
  if (request.method === 'GET') return { required: true, checked: false };
  const header = request.headers['jambonz-signature'];
  const verdict = checkJambonzSignature(
    secret,
    Array.isArray(header) ? header[0] : header,
    rawJsonBody(request) ?? '',
    Math.floor(core.clock() / 1000),
  );
  if (!verdict.ok) throw new AppError('UNAUTHENTICATED', verdict.reason);
  return { required: true, checked: true };
}
