import { ErrorEnvelope } from '../../src-shared/contract/http-error';

/**
 * The error answers a route lists in the OpenAPI document, all in the one `Error` shape. Every keyed
 * route can answer 400, 401, 403, 404, 409 and 429; one with a body also 413 and 415; one that writes
 * also 503 (a full disk, a busy database, a port closing: nothing was written, retry after Retry-After).
 */
const json = (description: string) => ({ description, content: { 'application/json': { schema: ErrorEnvelope } } });

export interface RouteErrors {
  /** what a 403 means on this route */
  forbidden: string;
  /** what a 404 means on this route */
  notFound: string;
  body?: boolean;
  writes?: boolean;
}

export function errorResponses(route: RouteErrors) {
  return {
    400: json('bad input; nothing was written'),
    401: json('no API key, or an unknown or revoked one'),
    403: json(route.forbidden),
    404: json(route.notFound),
    409: json('conflict; nothing was written'),
    429: json("RATE_LIMITED: past this key's requests a minute (or, without a valid key, this address's); wait Retry-After seconds"),
    ...(route.body && {
      413: json('the body is larger than this route takes'),
      415: json('the body is not JSON, or not in UTF-8; nothing was written'),
    }),
    ...(route.writes && {
      503: json(
        'STORAGE_FULL (the disk is full), DATABASE_BUSY (another process holds the database) or SHUTTING_DOWN: nothing was written; retry after Retry-After seconds',
      ),
    }),
  };
}
