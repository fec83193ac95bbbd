import { randomBytes } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Core } from '../core/core';
import type { IncomingMessage } from 'node:http';
import { installErrorHandling, sendError } from './errors';
import { acceptJson, clientErrorHandler, frameworkErrors, requireHost } from './wire';
import { installRateLimits, PORT_TIMEOUTS, timeoutOptions, type PortTimeouts } from './limits';

export interface ServerOptions {
  core: Core;
  /** pino logger options, or false for none (tests); by default the core's log (a file for the app and serve) */
  logger?: boolean | object;
  /** extra plugins: the dialer and inbound APIs, and in headless mode the console */
  plugins?: ((app: FastifyInstance) => Promise<void> | void)[];
  /** tests shorten them */
  timeouts?: Partial<PortTimeouts>;
  /** a certificate and its key: the port speaks HTTPS (core/settings/tls.ts loaded and checked them) */
  tls?: { cert: Buffer; key: Buffer } | null;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * The embedded HTTP port. In the Electron app it carries only the dialer and inbound APIs; under
 * `dialdesk serve` the console and its RPC bridge are added as one more plugin.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  // fastify types an HTTPS server apart from an HTTP one; the routes and hooks are the same for both
  const app = Fastify({
    ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key } } : {}),
    ...(options.logger === undefined ? { loggerInstance: options.core.log.logger as FastifyBaseLogger } : { logger: options.logger }),
    // every answer names its request, and the log line of its cause carries the same id
    genReqId: () => `r-${randomBytes(6).toString('base64url')}`,
    requestIdHeader: false,
    // one line per request would drown the log at a dialer's rate; refusals and failures log themselves
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: DEFAULT_BODY_LIMIT,
    // a dialer behind a proxy on the same site still reports its own address in dialer.seen
    trustProxy: false,
    // keep-alive sockets from dialers must not hold shutdown for long
    forceCloseConnections: 'idle',
    // closing answers its 503 in the envelope (refuseWhileClosing), not fastify's own shape
    return503OnClosing: false,
    ...timeoutOptions({ ...PORT_TIMEOUTS, ...options.timeouts }),
    // refusals by Node's parser and by the router get the port's envelope, not fastify's own shape
    clientErrorHandler,
    frameworkErrors,
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;
  installErrorHandling(app);
  logRequests(app);
  refuseWhileClosing(app);
  requireHost(app);
  acceptJson(app);
  await installRateLimits(app, options.core);
  refuseOversizedBodies(app);

  app.get('/api/v1/health', async () => ({ status: 'ok', version: options.core.version }));

  for (const plugin of options.plugins ?? []) await plugin(app);
  return app;
}

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * One line per answered request. A refusal (4xx, 5xx) is kept in the log file; a success is a debug
 * line, for the console of a `serve` that was not asked to be quiet: at hundreds of dialer requests a
 * second it would push a month of failures out of the rolling file within minutes.
 */
function logRequests(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const line = { method: request.method, url: request.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (reply.statusCode >= 400) request.log.info(line, 'request refused');
    else request.log.debug(line, 'request answered');
  });
}

/** A request that reaches the port after close began (on a connection still busy) is told to come back. */
function refuseWhileClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    return sendError(reply, 'SHUTTING_DOWN', 'DialDesk is shutting down; nothing was done; retry once it is back');
  });
}

/** How much of a refused body is read and thrown away so the client gets to read its 413. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;
const MAX_DRAIN_MS = 10_000;

/**
 * A body announced larger than the route accepts is refused with 413 before parsing. The rest of it is
 * read and discarded first (up to a cap): a client still writing when the socket closes would see a
 * reset instead of the answer.
 */
function refuseOversizedBodies(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const length = Number(request.headers['content-length']);
    const limit = request.routeOptions.bodyLimit ?? DEFAULT_BODY_LIMIT;
    if (!Number.isFinite(length) || length <= limit) return;
    await drain(request.raw, Math.min(length, MAX_DRAIN_BYTES));
    reply.header('connection', 'close');
    return sendError(reply, 'PAYLOAD_TOO_LARGE', `the body is ${length} bytes; this route accepts at most ${limit}`);
  });
}

function drain(stream: IncomingMessage, upTo: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const finish = () => {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', finish);
      stream.off('error', finish);
      stream.off('close', finish);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen >= upTo) finish();
    };
    const timer = setTimeout(finish, MAX_DRAIN_MS);
    stream.on('data', onData);
    stream.once('end', finish);
    stream.once('error', finish);
    stream.once('close', finish);
  });
}

export const isLoopbackAddress = (address: string | undefined | null): boolean =>
  !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
