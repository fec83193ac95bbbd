import { createReadStream, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Core } from '../core/core';
import { contentTypeOf, DOWNLOAD_ROUTE, DownloadTickets } from '../core/exports/delivery';
import { UPLOAD_LIMIT_BYTES } from '../../src-shared/contract/files';
import { SESSION_HEADER } from '../../src-shared/bridge';
import { ConsoleSessions } from '../ipc/console-sessions';
import type { HandlerTable } from '../ipc/types';
import { sendError, setPageFallback } from './errors';
import { isLoopbackAddress } from './server';
import { uploadRoute } from './upload';
import { isSameOrigin, parseHost } from './origin';

export interface ConsoleOptions {
  core: Core;
  handlers: HandlerTable;
  /** the built renderer (out/renderer) */
  rendererDir: string;
  /** the script that puts window.dialdesk on the page (out/bridge/dialdesk-bridge.js, built from src-preload/headless) */
  bridgeScript: string;
  /** the largest upload accepted (default UPLOAD_LIMIT_BYTES) */
  uploadLimitBytes?: number;
  /** how often the event stream writes a comment, so the port's idle timeout never cuts it (tests shorten it) */
  heartbeatMs?: number;
  /** restarts serve on a restored backup after the console's call has answered (cli/serve-desk.ts) */
  restoreBackup?: (file: string) => void;
}

/** Sign-in attempts are limited per address (DESIGN.md §7), on top of the account lockout. */
const SIGN_IN_CHANNELS: unknown[] = ['auth.login', 'auth.setup'];

/**
 * Headless mode's console: the built renderer, plus a window.dialdesk that reaches the same handler
 * table over loopback: POST /rpc/invoke for invoke, a Server-Sent Events stream for on(). The session
 * token travels in a header (never a cookie), so no other page can ride on it.
 */
export function consolePlugin(options: ConsoleOptions) {
  return async (app: FastifyInstance) => {
    const { core, handlers } = options;
    // serve's port is fixed for the process: the console shows where, and cannot restart it
    const sessions = new ConsoleSessions({
      core,
      handlers,
      keys: 'token',
      port: { listening: () => listeningOn(app), reconfigure: null },
      // after the answer is on its way: closing the port waits for the request that asked
      restoreBackup: options.restoreBackup && ((file) => setImmediate(() => options.restoreBackup!(file))),
    });
    const downloads = new DownloadTickets(core.clock);
    const uploadLimit = options.uploadLimitBytes ?? UPLOAD_LIMIT_BYTES;
    const sweeper = setInterval(() => {
      downloads.sweep();
      sessions.files.sweep();
    }, 60_000);
    sweeper.unref();
    core.onClose(() => {
      clearInterval(sweeper);
      downloads.close();
      sessions.close();
    });
    // the page checks a file's size against the server's limit before sending a byte of it
    // read when asked for, like the page: a rebuild replaces it, and an unbuilt checkout still serves the RPC bridge
    const bridge = () => (existsSync(options.bridgeScript) ? readFileSync(options.bridgeScript, 'utf8') : null);
    const indexFile = join(options.rendererDir, 'index.html');
    // the bridge works without the built page (tests and scripts drive it directly); the page says what is missing
    const built = existsSync(indexFile);
    // read on every visit (it is small): a rebuild renames the assets it points to
    const indexHtml = () =>
      // the page checks a file's size against the server's limit before sending a byte of it
      readFileSync(indexFile, 'utf8').replace(
        '<head>',
        `<head>\n    <script src="/dialdesk-bridge.js" data-upload-limit="${uploadLimit}"></script>`,
      );

    app.addHook('onRequest', async (request, reply) => {
      if (request.url.startsWith('/api/v1/')) return; // dialer & inbound APIs: key auth, any origin-less client
      const refusal = crossOriginRefusal(request);
      if (refusal) return sendError(reply, 'FORBIDDEN', refusal);
    });

    app.get('/dialdesk-bridge.js', (_req, reply) => {
      const script = bridge();
      if (script === null) return sendError(reply, 'NOT_FOUND', 'the console is not built: run "npm run build"');
      return reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-store').send(script);
    });

    app.post('/rpc/invoke', { bodyLimit: 16 * 1024 * 1024 }, async (request, reply) => {
      const body = (request.body ?? {}) as { channel?: unknown; arg?: unknown };
      if (SIGN_IN_CHANNELS.includes(body.channel)) {
        const refused = await app.portLimits.signIn(request);
        if (refused) {
          return reply
            .code(429)
            .header('retry-after', String(refused.retryAfterS))
            .header('cache-control', 'no-store')
            .send({ ok: false, error: { code: 'RATE_LIMITED', message: refused.message } });
        }
      }
      const call = {
        key: headerToken(request),
        transport: { kind: 'http' as const, remoteAddress: request.ip, isLoopback: isLoopbackAddress(request.socket.remoteAddress) },
        files: {
          // a browser cannot be handed a path: files wait behind a one-time link the page then opens
          chooseSaveTarget: async (name: string) => downloads.saveTarget(name),
          // no dialog on the server's screen: the page picks and uploads (POST /rpc/upload) instead
          dialogs: null,
        },
      };
      // the request is in: a long job (an import, a backup) may keep the socket quiet past the idle timeout
      const idleTimeout = request.socket.timeout;
      request.socket.setTimeout(0);
      const { envelope, issued } = await sessions.invoke(call, body.channel, body.arg, (msg, err) => request.log.error({ err }, msg));
      request.socket.setTimeout(idleTimeout ?? 0);
      if (issued) reply.header(SESSION_HEADER, issued);
      return reply.header('cache-control', 'no-store').send(envelope);
    });

    await app.register(uploadRoute({ core, sessions, tokenOf: headerToken, limitBytes: uploadLimit }));

    app.get('/rpc/events', (request, reply) => streamEvents(sessions, request, reply, options.heartbeatMs ?? 15_000));

    // no session header here (a navigation cannot send one): the unguessable, one-time ticket is the key
    app.get<{ Params: { ticket: string } }>(`${DOWNLOAD_ROUTE}:ticket`, (request, reply) => {
      const file = downloads.take(request.params.ticket);
      if (!file) return sendError(reply, 'NOT_FOUND', 'this download link has expired or was already used; export again');
      const stream = createReadStream(file.path);
      stream.on('close', () => rmSync(file.path, { force: true }));
      return reply
        .type(contentTypeOf(file.fileName))
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    });

    if (built) await app.register(fastifyStatic, { root: options.rendererDir, index: false, wildcard: false });
    const sendIndex = (_req: FastifyRequest, reply: FastifyReply) =>
      built
        ? reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(indexHtml())
        : reply.code(503).type('text/plain; charset=utf-8').send(`The console is not built: run "npm run build", then reload.\n`);
    app.get('/', sendIndex);
    // client-side routes fall back to the app; unknown API paths still get the JSON 404
    setPageFallback(app, sendIndex);
  };
}

/** "127.0.0.1:8787" or "[::1]:8787" once the port listens. */
function listeningOn(app: FastifyInstance): string | null {
  const address = app.server.address();
  if (!address || typeof address !== 'object') return null;
  return address.family === 'IPv6' ? `[${address.address}]:${address.port}` : `${address.address}:${address.port}`;
}

function headerToken(request: FastifyRequest): string | null {
  const value = request.headers[SESSION_HEADER];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/**
 * Refuses requests another site could make from a browser: a foreign Origin, or a Host that is a
 * DNS name other than localhost (DNS rebinding would point such a name at 127.0.0.1).
 */
function crossOriginRefusal(request: FastifyRequest): string | null {
  const host = parseHost(request.headers.host ?? '');
  if (!host || (host.kind === 'name' && host.host !== 'localhost')) {
    return `the console answers only on an IP address or localhost, not "${(request.headers.host ?? '').slice(0, 100)}"`;
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !isSameOrigin(origin, request.protocol, host)) return 'cross-origin requests are refused';
  return null;
}

function streamEvents(sessions: ConsoleSessions, request: FastifyRequest, reply: FastifyReply, heartbeatMs: number) {
  const token = headerToken(request);
  if (!token || !sessions.userOf(token)) return sendError(reply, 'UNAUTHENTICATED', 'sign in first');
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(': connected\n\n');
  // a signed-out session's stream ends at its next event
  const unsubscribe = sessions.follow(
    token,
    (event, payload) => res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`),
    () => close(),
  );
  const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
  function close() {
    clearInterval(heartbeat);
    unsubscribe();
    if (!res.writableEnded) res.end();
  }
  request.raw.on('close', close);
}
