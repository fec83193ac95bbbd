import type { FastifyRequest } from 'fastify';
import type { Core } from '../../core/core';
import { inboundCallOf, type InboundCallRow } from '../../core/inbound/calls/store';
import { dialActionAnswer, dialActionHook, receiveToolCall, transferAnswer, transferHook } from '../../core/inbound/calls/transfer';
import { llmActionAnswer, llmActionHook, llmEventHook } from '../../core/inbound/calls/llm-hooks';
import { storageFailure } from '../../core/errors';
import { unavailableVerbs } from '../../core/inbound/jambonz/document';
import { openAiToolOutput } from '../../core/inbound/llm/openai';
import { assertKeyCompany } from '../auth';
import { requireSignature } from './signature';
import { answerSafely, fingerprintOf, type InboundRoutes } from './routes-call';
import { ActionBody, BodyErrorResponses, CallSidQuery, EventAnswer, LlmEventBody, ToolAnswer, ToolHookBody, VerbArray } from './schemas';

const security = [{ bearerAuth: [] }];

/**
 * The hooks of the verbs DialDesk answers (core/inbound/jambonz/hooks.ts): the llm verb's tool,
 * event and action hooks, the application a transfer moves the call to, and the transfer dial's
 * action hook. Each names its call; a call this site does not know gets an answer that writes
 * nothing and keeps the caller going.
 */
export function aiRoutes(core: Core, r: InboundRoutes): void {
  /** the call the hook names, once its key (and signature) may act for the call's company */
  const callOf = async (request: FastifyRequest, callSid: string): Promise<InboundCallRow | null> => {
    const call = (await inboundCallOf(core.db, callSid)) ?? null;
    if (!call) {
      request.log.warn(`inbound webhook ${request.url.split('?')[0]} for call ${callSid}, which is not in the log`);
      return null;
    }
    assertKeyCompany(request.apiKey, call.company_id);
    requireSignature(core, request, call.company_id);
    return call;
  };
  const hook = { tags: ['inbound'], security, querystring: CallSidQuery };

  /**
   * A hook's writes on a full disk (or a busy database): the call is live, and Jambonz drops a caller
   * whose hook answers an error status. So the hook answers what it would have without storing
   * anything (the same verbs, or 200 for a notification) and the loss is logged.
   */
  const lost = (request: FastifyRequest, callSid: string, err: unknown): boolean => {
    const failure = storageFailure(err);
    if (!failure) return false;
    request.log.error(
      { err, code: failure.code },
      `inbound webhook ${request.url.split('?')[0]} for call ${callSid} was answered but not stored: ${failure.message}`,
    );
    return true;
  };
  const keepCallerOn = async <T>(
    request: FastifyRequest,
    callSid: string,
    write: () => T | Promise<T>,
    readOnly: () => T | Promise<T>,
  ): Promise<T> => {
    try {
      return await write();
    } catch (err) {
      if (!lost(request, callSid, err)) throw err;
      return await readOnly();
    }
  };

  r.post(
    '/api/v1/inbound/jambonz/tool',
    {
      schema: {
        ...hook,
        summary: "The llm verb's toolHook: the AI asks to hand the caller to a department",
        body: ToolHookBody,
        response: { 200: ToolAnswer, ...BodyErrorResponses },
      },
    },
    async (request) => {
      const call = await callOf(request, request.query.call_sid);
      const refuse = (message: string) => openAiToolOutput(request.body.tool_call_id, { ok: false, message });
      if (!call) return refuse('this call cannot be transferred');
      try {
        return await receiveToolCall(core, call, request.body, fingerprintOf('tool', request));
      } catch (err) {
        // nothing was moved: the transfer is refused to the model, which keeps talking to the caller
        if (!lost(request, call.call_sid, err)) throw err;
        return refuse('transfers cannot be made right now; apologise and offer to take a message');
      }
    },
  );

  r.post(
    '/api/v1/inbound/jambonz/llm-event',
    {
      schema: {
        ...hook,
        summary: "The llm verb's eventHook: what the caller and the agent said goes on the call's transcript",
        body: LlmEventBody,
        response: { 200: EventAnswer, ...BodyErrorResponses },
      },
    },
    async (request) => {
      const call = await callOf(request, request.query.call_sid);
      if (call)
        await keepCallerOn(
          request,
          call.call_sid,
          () => llmEventHook(core, call, request.body, fingerprintOf('llm-event', request)),
          () => undefined,
        );
      return { ok: true as const };
    },
  );

  r.post(
    '/api/v1/inbound/jambonz/llm-action',
    {
      schema: {
        ...hook,
        summary: "The llm verb's actionHook: the AI session ended; a transfer it asked for is dialed now",
        body: ActionBody,
        response: { 200: VerbArray, ...BodyErrorResponses },
      },
    },
    async (request) => {
      const call = await callOf(request, request.query.call_sid);
      if (!call) return [];
      return answerSafely(request.log, () =>
        keepCallerOn(
          request,
          call.call_sid,
          () => llmActionHook(core, call, request.body, fingerprintOf('llm-action', request)),
          () => llmActionAnswer(core, call),
        ),
      );
    },
  );

  r.post(
    '/api/v1/inbound/jambonz/transfer',
    {
      schema: {
        ...hook,
        summary: "The application a live transfer moves the call to (through Jambonz's REST API): dial the department",
        response: { 200: VerbArray, ...BodyErrorResponses },
      },
    },
    async (request) => {
      const call = await callOf(request, request.query.call_sid);
      if (!call) return unavailableVerbs();
      return answerSafely(request.log, () =>
        keepCallerOn(
          request,
          call.call_sid,
          () => transferHook(core, call),
          async () => (await transferAnswer(core, call)).verbs,
        ),
      );
    },
  );

  r.post(
    '/api/v1/inbound/jambonz/dial-action',
    {
      schema: {
        ...hook,
        summary: "The transfer dial's actionHook: whether the department answered; if not, the support line",
        body: ActionBody,
        response: { 200: VerbArray, ...BodyErrorResponses },
      },
    },
    async (request) => {
      const call = await callOf(request, request.query.call_sid);
      if (!call) return [];
      return answerSafely(request.log, () =>
        keepCallerOn(
          request,
          call.call_sid,
          () => dialActionHook(core, call, request.body, fingerprintOf('dial-action', request)),
          () => dialActionAnswer(core, call, request.body),
        ),
      );
    },
  );
}
