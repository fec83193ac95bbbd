import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../src-shared/errors';
import { sendError } from './errors';

/**
 * What the port accepts on the wire, and the envelope for what it refuses there: requests Node's HTTP
 * parser rejects before fastify sees them, URLs the router cannot decode, and JSON bodies (UTF-8 only,
 * nested at most MAX_JSON_DEPTH levels). Without these, fastify answers in its own shape.
 */

/**
 * Deeper than any real body (the console's deepest is about 6 levels, a dialer's `data` a handful);
 * far below the depth at which walking a value (zod, the report hash) would overflow the stack, and
 * checked on the text, so a megabyte of "[[[[" never reaches JSON.parse (which takes ~0.7 s for it).
 */
export const MAX_JSON_DEPTH = 64;

const httpError = (statusCode: number, message: string) => Object.assign(new Error(message), { statusCode });

/** RFC 9112 §3.2: a server answers 400 to an HTTP/1.1 request without a Host header. */
export function requireHost(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.raw.httpVersion === '1.1' && request.headers.host === undefined) {
      reply.header('connection', 'close');
      return sendError(reply, 'BAD_INPUT', 'an HTTP/1.1 request needs a Host header');
    }
  });
}

const rawBodies = new WeakMap<FastifyRequest, string>();

/**
 * A JSON body's text exactly as it came, for checks made over the bytes rather than the parsed value
 * (Jambonz signs the body it sends: http/inbound/signature.ts).
 */
export const rawJsonBody = (request: FastifyRequest): string | undefined => rawBodies.get(request);

export function acceptJson(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error'); // a __proto__ or constructor.prototype key is refused
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(request.headers['content-type'] ?? '')?.[1];
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
      return done(httpError(415, `this port reads JSON in UTF-8 only; the body says charset=${charset.slice(0, 40)}`), undefined);
    }
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      return done(httpError(400, 'the body is not valid UTF-8'), undefined);
    }
    if (nestedDeeperThan(text, MAX_JSON_DEPTH)) {
      return done(httpError(400, `the body is nested more than ${MAX_JSON_DEPTH} levels deep`), undefined);
    }
    rawBodies.set(request, text);
    parse(request, text, done);
  });
}

/** Counts brackets outside strings; jumps over each string with indexOf, so long strings cost little. */
export function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let end = i;
      for (;;) {
        end = text.indexOf('"', end + 1);
        if (end === -1) return false; // unterminated: the parser refuses it
        let slash = end - 1;
        while (text.charCodeAt(slash) === 0x5c) slash--;
        if ((end - slash) % 2 === 1) break; // an even run of backslashes: the quote is not escaped
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/** fastify's `frameworkErrors`: a URL it cannot decode, a path parameter over maxParamLength. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const message =
    error.code === 'FST_ERR_BAD_URL'
      ? 'the URL is not valid (a %-escape that does not decode)'
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? 'a path parameter in the URL is too long'
        : error.message;
  void sendError(reply, 'BAD_INPUT', message, status);
}

interface ParserError extends Error {
  code?: string;
  /** llhttp's own words: "Invalid method encountered", "Duplicate Content-Length" ... */
  reason?: string;
}

/**
 * fastify's `clientErrorHandler`: Node's HTTP parser refused the request (a malformed request line or
 * header, two Content-Lengths, Transfer-Encoding with Content-Length, a bad chunk, a head over 16 KiB)
 * or it did not arrive in time. The answer is written on the socket by hand, then the socket closed:
 * after a framing error nothing later on it can be trusted.
 */
export function clientErrorHandler(this: FastifyInstance, err: ParserError, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] = describeClientError(err);
  this.log.debug({ err }, `client error: ${message}`);
  // a response already under way on this socket (a pipelined request) must not be cut into
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const body = JSON.stringify({ error: { code, message } });
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

function describeClientError(err: ParserError): [number, ErrorCode, string] {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'BAD_INPUT', 'the request line and headers are larger than 16 KiB'];
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return [413, 'PAYLOAD_TOO_LARGE', 'the chunk extensions are too large'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'BAD_INPUT', 'the request did not arrive in time; the connection is closed'];
    default:
      return [400, 'BAD_INPUT', `malformed HTTP request${err.reason ? `: ${err.reason}` : ''}`];
  }
}
