import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HTTP_STATUS, RETRY_AFTER_S, type ErrorCode } from '../../src-shared/errors';
import { AppError, storageFailure } from '../core/errors';

/**
 * The one error shape of the HTTP port (DESIGN.md §4): `{ "error": { "code", "message" } }`. Codes a
 * client should simply retry (a full disk, a busy database) carry Retry-After.
 */
export function sendError(reply: FastifyReply, code: ErrorCode, message: string, status = HTTP_STATUS[code]) {
  const retryAfter = RETRY_AFTER_S[code];
  if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
  return reply.status(status).send({ error: { code, message } });
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'BAD_INPUT',
  429: 'RATE_LIMITED',
};

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) return sendError(reply, err.code, err.message);
    if (err.validation) {
      const detail = err.validation
        .slice(0, 5)
        .map((v) => {
          const where = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
          return where ? `${where}: ${v.message}` : String(v.message);
        })
        .join('; ');
      return sendError(reply, 'BAD_INPUT', `${err.validationContext ?? 'request'}: ${detail}`);
    }
    // the machine failed, not the request: the site owner must act, whether or not requests are logged
    const failure = storageFailure(err);
    if (failure) {
      request.log.error({ err, code: failure.code }, `${failure.code}: ${failure.message}`);
      return sendError(reply, failure.code, failure.message);
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendError(reply, STATUS_CODES[status] ?? 'BAD_INPUT', err.message, status);
    request.log.error({ err }, 'unhandled error');
    return sendError(reply, 'INTERNAL', `internal error; the server log has its cause under request id ${request.id}`, 500);
  });
  app.setNotFoundHandler((request, reply) => {
    const fallback = fallbacks.get(app);
    if (fallback && request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/rpc/')) {
      return fallback(request, reply);
    }
    return sendError(reply, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`);
  });
}

type Fallback = (request: FastifyRequest, reply: FastifyReply) => unknown;
const fallbacks = new WeakMap<FastifyInstance, Fallback>();

/** Unknown GET pages (not /api, not /rpc) go to the single-page console instead of a 404. */
export function setPageFallback(app: FastifyInstance, fallback: Fallback): void {
  fallbacks.set(app, fallback);
}
