import type { FastifyInstance, FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Core } from '../../core/core';
import { findInboundByPhone } from '../../core/inbound/numbers';
import { buildLookup, findActiveDid, normaliseDid } from '../../core/inbound/lookup';
import { callVerbs } from '../../core/inbound/jambonz';
import { getLlmConnection } from '../../core/inbound/llm-settings';
import { recordInboundCallAndNotify } from '../../core/inbound/record';
import { companyHours } from '../../core/inbound/opening-hours';
import { notFound } from '../../core/errors';
import { assertKeyCompany, requireApiKey } from '../auth';
import {
  BodyErrorResponses,
  DidParams,
  ErrorResponses,
  InboundLookupSchema,
  JambonzCallHook,
  JambonzStatusHook,
  StatusAnswer,
  TERMINAL_STATUSES,
  VerbArray,
  WriteErrorResponses,
} from './schemas';

/**
 * The telephony server's side of the port (DESIGN.md §4): the DID lookup, and the two Jambonz
 * webhooks. Every route needs an API key with the `inbound` scope; a company key only sees its own
 * company's numbers (403 otherwise).
 *
 * Authentication: `Authorization: Bearer <key>`, as on the rest of the port. Jambonz itself signs
 * application webhooks with HTTP basic auth when the application's call hook has a username and
 * password (jambonz-feature-server lib/utils/http-requestor.js, basicAuth(hook.username,
 * hook.password)), so `Authorization: Basic` is accepted too, carrying the API key as the password
 * (any username). Configure the Jambonz application with: user "dialdesk", password "<api key>".
 */
export function inboundPlugin(core: Core) {
  return async (app: FastifyInstance) => {
    await app.register(async (scope) => {
      // own compilers, so the routes validate with zod even where no OpenAPI plugin set them above
      scope.setValidatorCompiler(validatorCompiler);
      scope.setSerializerCompiler(serializerCompiler);
      scope.addHook('onRequest', async (request) => basicToBearer(request));
      scope.addHook('onRequest', requireApiKey(core, 'inbound'));
      const r = scope.withTypeProvider<ZodTypeProvider>();
      const security = [{ bearerAuth: [] }];

      r.get(
        '/api/v1/inbound/lookup/:did',
        {
          schema: {
            tags: ['inbound'],
            summary: 'How to answer a call to this DID: company, AI agent, departments, support number, open now',
            security,
            params: DidParams,
            response: { 200: InboundLookupSchema, ...ErrorResponses },
          },
        },
        async (request) => {
          const row = findActiveDid(core.db, request.params.did);
          assertKeyCompany(request.apiKey, row.company_id);
          return buildLookup(core.db, row, core.clock(), companyHours);
        },
      );

      r.post(
        '/api/v1/inbound/jambonz/call',
        {
          schema: {
            tags: ['inbound'],
            summary: "Jambonz's call webhook: answers the verb array for the called DID, in or out of hours",
            security,
            body: JambonzCallHook,
            response: { 200: VerbArray, ...BodyErrorResponses },
          },
        },
        async (request) => {
          const row = findActiveDid(core.db, request.body.to);
          assertKeyCompany(request.apiKey, row.company_id);
          const lookup = buildLookup(core.db, row, core.clock(), companyHours);
          return callVerbs(lookup, getLlmConnection(core.db));
        },
      );

      r.post(
        '/api/v1/inbound/jambonz/status',
        {
          schema: {
            tags: ['inbound'],
            summary: "Jambonz's call status webhook: a finished inbound call becomes an INBOUND_CALL result (idempotent on call_sid)",
            security,
            body: JambonzStatusHook,
            // always 200 on success: Jambonz treats any status but 200, 202 and 204 as a failed webhook
            response: { 200: StatusAnswer, ...WriteErrorResponses },
          },
        },
        async (request) => {
          const hook = request.body;
          // the DID may have been switched off since the call came in: the call still happened
          const did = normaliseDid(hook.to);
          const row = findInboundByPhone(core.db, did);
          if (!row) throw notFound(`the number ${did} is not set up for inbound calls`);
          assertKeyCompany(request.apiKey, row.company_id);
          if (hook.direction !== 'inbound')
            return skipped('an outbound leg (such as a transfer) is part of the inbound call, not a call of its own');
          if (!(TERMINAL_STATUSES as readonly string[]).includes(hook.call_status))
            return skipped(`the call is not finished yet (${hook.call_status})`);
          const outcome = recordInboundCallAndNotify(core, row, {
            callSid: hook.call_sid,
            from: hook.from,
            callStatus: hook.call_status,
            durationS: Math.round(hook.duration ?? 0),
            sipStatus: hook.sip_status ?? null,
            sipReason: hook.sip_reason ?? null,
            callerName: hook.caller_name || null,
            recordingUrl: hook.customerData?.recording_url ?? null,
            transcript: hook.customerData?.transcript ?? null,
          });
          if (!outcome.recorded) return skipped(outcome.reason);
          return { recorded: true, result_id: outcome.resultId, replay: outcome.replay, reason: null };
        },
      );
    });
  };
}

const skipped = (reason: string) => ({ recorded: false, result_id: null, replay: false, reason });

/** "Basic base64(user:key)" → "Bearer key", so one key check (requireApiKey) serves both forms. */
function basicToBearer(request: FastifyRequest): void {
  const header = request.headers.authorization;
  const m = header ? /^Basic[ ]+([A-Za-z0-9+/=]+)[ ]*$/i.exec(header) : null;
  if (!m) return;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const key = colon === -1 ? decoded : decoded.slice(colon + 1) || decoded.slice(0, colon);
  request.headers.authorization = `Bearer ${key}`;
}
