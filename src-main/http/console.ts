import { createReadStream, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { EventMap, EventName } from '../../src-shared/events';
import type { Core } from '../core/core';
import { contentTypeOf, DOWNLOAD_ROUTE, DownloadTickets } from '../core/exports/delivery';
import { UPLOAD_LIMIT_BYTES } from '../../src-shared/contract/files';
import { dispatch } from '../ipc/dispatch';
import { OpenedFiles } from '../ipc/opened-files';
import { SessionRegistry } from '../ipc/sessions';
import type { HandlerContext, HandlerTable } from '../ipc/types';
import { sendError, setPageFallback } from './errors';
import { isLoopbackAddress } from './server';
import { uploadRoute } from './upload';
import { isSameOrigin, parseHost } from './origin';

export const SESSION_HEADER = 'x-dialdesk-session';

export interface ConsoleOptions {
  core: Core;
  handlers: HandlerTable;
  /** the built renderer (out/renderer) */
  rendererDir: string;
  /** the script that puts window.dialdesk on the page (resources/headless-bridge.js) */
  bridgeScript: string;
  /** the largest upload accepted (default UPLOAD_LIMIT_BYTES) */
  uploadLimitBytes?: number;
  /** how often the event stream writes a comment, so the port's idle timeout never cuts it (tests shorten it) */
  heartbeatMs?: number;
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
    const sessions = new SessionRegistry(core.clock);
    const downloads = new DownloadTickets(core.clock);
    const opened = new OpenedFiles(core.clock);
    const uploadLimit = options.uploadLimitBytes ?? UPLOAD_LIMIT_BYTES;
    const sweeper = setInterval(() => {
      downloads.sweep();
      opened.sweep();
    }, 60_000);
    sweeper.unref();
    core.onClose(() => {
      clearInterval(sweeper);
      downloads.close();
      opened.close();
    });
    // the page checks a file's size against the server's limit before sending a byte of it
    const bridge = readFileSync(options.bridgeScript, 'utf8').replace('__DIALDESK_UPLOAD_LIMIT__', String(uploadLimit));
    const indexFile = join(options.rendererDir, 'index.html');
    // the bridge works without the built page (tests and scripts drive it directly); the page says what is missing
    const built = existsSync(indexFile);
    // read on every visit (it is small): a rebuild renames the assets it points to
    const indexHtml = () =>
      readFileSync(indexFile, 'utf8').replace('<head>', '<head>\n    <script src="/dialdesk-bridge.js"></script>');

    app.addHook('onRequest', async (request, reply) => {
      if (request.url.startsWith('/api/v1/')) return; // dialer & inbound APIs: key auth, any origin-less client
      const refusal = crossOriginRefusal(request);
      if (refusal) return sendError(reply, 'FORBIDDEN', refusal);
    });

    app.get('/dialdesk-bridge.js', (_req, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-store').send(bridge),
    );

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
      const token = headerToken(request);
      let issued: string | null = null;
      const ctx: HandlerContext = {
        core,
        transport: { kind: 'http', remoteAddress: request.ip, isLoopback: isLoopbackAddress(request.socket.remoteAddress) },
        user: sessions.get(token),
        actor: { userId: null, name: 'anonymous' },
        startSession(user) {
          if (token) sessions.delete(token);
          issued = SessionRegistry.newToken();
          sessions.set(issued, user);
        },
        endSession() {
          if (token) sessions.delete(token);
        },
        files: {
          // a browser cannot be handed a path: files wait behind a one-time link the page then opens
          chooseSaveTarget: async (name) => downloads.saveTarget(name),
          // no dialog on the server's screen: the page picks and uploads (POST /rpc/upload) instead
          dialogs: null,
          take: (handle) => opened.take(token ?? '', handle),
        },
      };
      if (ctx.user) ctx.actor = { userId: ctx.user.id, name: ctx.user.username };
      // the request is in: a long job (an import, a backup) may keep the socket quiet past the idle timeout
      const idleTimeout = request.socket.timeout;
      request.socket.setTimeout(0);
      const envelope = await dispatch(handlers, ctx, body.channel, body.arg, (msg, err) => request.log.error({ err }, msg));
      request.socket.setTimeout(idleTimeout ?? 0);
      if (issued) reply.header(SESSION_HEADER, issued);
      return reply.header('cache-control', 'no-store').send(envelope);
    });

    await app.register(uploadRoute({ core, sessions, opened, tokenOf: headerToken, limitBytes: uploadLimit }));

    app.get('/rpc/events', (request, reply) => streamEvents(core, sessions, request, reply, options.heartbeatMs ?? 15_000));

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

function streamEvents(core: Core, sessions: SessionRegistry, request: FastifyRequest, reply: FastifyReply, heartbeatMs: number) {
  const token = headerToken(request);
  if (!sessions.get(token)) return sendError(reply, 'UNAUTHENTICATED', 'sign in first');
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(': connected\n\n');
  const unsubscribe = core.events.subscribe(<E extends EventName>(event: E, payload: EventMap[E]) => {
    const user = sessions.get(token);
    if (!user) return close();
    const companyId = (payload as { companyId?: number | null }).companyId;
    if (user.role !== 'superuser' && companyId != null && companyId !== user.companyId) return;
    res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
  function close() {
    clearInterval(heartbeat);
    unsubscribe();
    if (!res.writableEnded) res.end();
  }
  request.raw.on('close', close);
}
