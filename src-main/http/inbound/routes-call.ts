import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { JambonzVerb } from '../../../src-shared/contract/inbound';
import type { Core } from '../../core/core';
import { AppError } from '../../core/errors';
import { buildLookup, findActiveDid, findDid } from '../../core/inbound/lookup';
import { companyHours } from '../../core/inbound/opening-hours';
import { answerCallHook } from '../../core/inbound/calls/call-hook';
import { receiveStatusHook, statusHookCompany } from '../../core/inbound/calls/status-hook';
import { hookHash, type JambonzCallInfo } from '../../core/inbound/calls/store';
import { notInServiceVerbs, unavailableVerbs } from '../../core/inbound/jambonz/document';
import { assertKeyCompany } from '../auth';
import { rawJsonBody } from '../wire';
import { requireSignature } from './signature';
import {
  BodyErrorResponses,
  DidParams,
  ErrorResponses,
  InboundLookupSchema,
  JambonzCallHook,
  JambonzCallQuery,
  JambonzStatusHook,
  StatusAnswer,
  VerbArray,
  WriteErrorResponses,
} from './schemas';

export type InboundRoutes = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
const security = [{ bearerAuth: [] }];

/** The fingerprint of a hook: its route and its body as sent (the query string for a GET). */
export const fingerprintOf = (kind: string, request: FastifyRequest): string =>
  hookHash(kind, rawJsonBody(request) ?? JSON.stringify(request.query ?? {}));

/** The DID lookup, the calling webhook (POST or GET) and the call status webhook. */
export function callRoutes(core: Core, r: InboundRoutes): void {
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
      const row = await findActiveDid(core.db, request.params.did);
      assertKeyCompany(request.apiKey, row.company_id);
      return await buildLookup(core.db, row, core.clock(), companyHours);
    },
  );

  const callHook = async (request: FastifyRequest, hook: Partial<JambonzCallInfo>, didText: string | undefined): Promise<JambonzVerb[]> => {
    if (!didText) {
      request.log.warn('inbound call hook without a called number: add ?did=<the DID> to a GET calling webhook');
      return unavailableVerbs();
    }
    const { row } = await findDid(core.db, didText);
    if (!row) {
      // a runnable goodbye, not a 404: Jambonz turns any error status into SIP 480 for the caller
      request.log.warn(`inbound call to ${didText}: no inbound number here has it; answered "not in service"`);
      return notInServiceVerbs();
    }
    assertKeyCompany(request.apiKey, row.company_id);
    const signature = requireSignature(core, request, row.company_id);
    const readOnly = signature.required && !signature.checked;
    return answerSafely(request.log, async () => {
      const answer = await answerCallHook(core, row, hook, fingerprintOf('call', request), { readOnly });
      if (answer.note) request.log.warn(`inbound call to ${row.phone}: ${answer.note}`);
      return answer.verbs;
    });
  };

  r.post(
    '/api/v1/inbound/jambonz/call',
    {
      schema: {
        tags: ['inbound'],
        summary: "Jambonz's calling webhook: the verb array for the called DID; the call is in the call log from here",
        security,
        body: JambonzCallHook,
        response: { 200: VerbArray, ...BodyErrorResponses },
      },
    },
    async (request) => callHook(request, request.body, request.body.to),
  );

  r.get(
    '/api/v1/inbound/jambonz/call',
    {
      schema: {
        tags: ['inbound'],
        summary: "Jambonz's calling webhook sent as GET: put the DID in the webhook's URL (?did=...); nothing about the call comes with it",
        security,
        querystring: JambonzCallQuery,
        response: { 200: VerbArray, ...ErrorResponses },
      },
    },
    async (request) => callHook(request, request.query, request.query.to ?? request.query.did),
  );

  r.post(
    '/api/v1/inbound/jambonz/status',
    {
      schema: {
        tags: ['inbound'],
        summary:
          "Jambonz's call status webhook: moves the inbound call on (its final status closes and charges it); a dial leg's status is attached to its inbound call",
        security,
        body: JambonzStatusHook,
        // always 200 on success: Jambonz treats any status but 200, 202 and 204 as a failed webhook
        response: { 200: StatusAnswer, ...WriteErrorResponses },
      },
    },
    async (request) => {
      const hook = request.body;
      const companyId = await statusHookCompany(core, hook);
      if (companyId === null)
        return skipped(
          hook.parent_call_sid ? `no inbound call ${hook.parent_call_sid} here` : `the number ${hook.to} is not set up for inbound calls`,
        );
      assertKeyCompany(request.apiKey, companyId);
      requireSignature(core, request, companyId);
      const outcome = await receiveStatusHook(core, hook, fingerprintOf('status', request));
      if (!outcome.recorded) return skipped(outcome.reason);
      return { recorded: true, result_id: outcome.resultId, replay: outcome.replay, reason: null };
    },
  );
}

const skipped = (reason: string) => ({ recorded: false, result_id: null, replay: false, reason });

/**
 * A number whose setup cannot be read (a bug, a damaged row) still gets a runnable goodbye rather
 * than an error status; the refusals of the request itself (key, signature) are errors as usual.
 */
export async function answerSafely(log: FastifyBaseLogger, build: () => JambonzVerb[] | Promise<JambonzVerb[]>): Promise<JambonzVerb[]> {
  try {
    return await build();
  } catch (err) {
    if (err instanceof AppError) throw err;
    log.error({ err }, 'inbound call hook: the number could not be answered as set up; answered "cannot take your call"');
    return unavailableVerbs();
  }
}
