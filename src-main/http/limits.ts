import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import { DEFAULT_RATE_LIMITS, type DeskSettings } from '../../src-shared/contract/settings';
import type { Core } from '../core/core';
import { AppError } from '../core/errors';

/**
 * How long the port waits for a client. A slow client (slowloris: a head sent a byte at a time, a body
 * that trickles, a connection opened and left) is cut; a dialer on the LAN sends 8 MiB in well under a
 * second. The console's event stream writes a heartbeat every 15 s, inside `idleMs`.
 */
export interface PortTimeouts {
  /** the request line and headers must arrive within this */
  headersMs: number;
  /** the whole request, body included */
  requestMs: number;
  /** a socket with no traffic either way is closed (the console lifts it while its handler works) */
  idleMs: number;
  /** an idle keep-alive connection between requests */
  keepAliveMs: number;
  /** how often Node looks for requests past headersMs / requestMs */
  checkEveryMs: number;
}

// requestMs leaves room for the console's list upload (up to 512 MB) from a browser on a slow link:
// 15 MB (a million numbers) takes a minute at 2 Mbit/s; a trickling client is still cut, later
export const PORT_TIMEOUTS: PortTimeouts = {
  headersMs: 10_000,
  requestMs: 300_000,
  idleMs: 60_000,
  keepAliveMs: 30_000,
  checkEveryMs: 2_000,
};

/** fastify's options for those timeouts. */
export function timeoutOptions(t: PortTimeouts) {
  return {
    connectionTimeout: t.idleMs,
    keepAliveTimeout: t.keepAliveMs,
    requestTimeout: t.requestMs,
    // Node's own missing-Host refusal is an empty 400; the port answers it in its envelope (wire.ts)
    http: { headersTimeout: t.headersMs, connectionsCheckingInterval: t.checkEveryMs, requireHostHeader: false },
  };
}

const WINDOW_MS = 60_000;

export interface PortLimiters {
  /** counts a request made with a valid API key (request.apiKey); RATE_LIMITED past the key's limit */
  key(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** counts a request without a valid key against its address */
  anonymous(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** counts a console sign-in attempt against its address; answers the seconds to wait, or null */
  signIn(request: FastifyRequest): Promise<{ retryAfterS: number; message: string } | null>;
}

declare module 'fastify' {
  interface FastifyInstance {
    portLimits: PortLimiters;
  }
}

/**
 * Per-minute request limits (DESIGN.md §7: API keys are rate-limited per key, 429 with Retry-After),
 * counted by @fastify/rate-limit's store and read from the desk settings, so a change in the console
 * applies within a second without a restart.
 */
export async function installRateLimits(app: FastifyInstance, core: Core): Promise<void> {
  await app.register(fastifyRateLimit, { global: false });
  const limits = deskLimits(core);
  const perKey = app.createRateLimit({
    keyGenerator: (req) => `key:${req.apiKey?.id}`,
    max: () => limits().rateLimitPerKey,
    timeWindow: WINDOW_MS,
  });
  const perAddress = app.createRateLimit({
    keyGenerator: (req) => `address:${req.ip}`,
    max: () => limits().rateLimitPerAddress,
    timeWindow: WINDOW_MS,
  });
  const signIns = app.createRateLimit({
    keyGenerator: (req) => `sign-in:${req.ip}`,
    max: () => limits().rateLimitPerAddress,
    timeWindow: WINDOW_MS,
  });

  const refuse = (reply: FastifyReply, retryAfterS: number, message: string): never => {
    reply.header('retry-after', String(retryAfterS));
    throw new AppError('RATE_LIMITED', message);
  };
  app.decorate<PortLimiters>('portLimits', {
    async key(request, reply) {
      const verdict = await perKey(request);
      if (!verdict.isAllowed && verdict.isExceeded) {
        refuse(
          reply,
          verdict.ttlInSeconds,
          `this API key made more than ${verdict.max} requests in a minute (the desk's limit); retry in ${verdict.ttlInSeconds} s`,
        );
      }
    },
    async anonymous(request, reply) {
      const verdict = await perAddress(request);
      if (!verdict.isAllowed && verdict.isExceeded) {
        refuse(
          reply,
          verdict.ttlInSeconds,
          `more than ${verdict.max} requests in a minute from ${request.ip} without a valid API key; check the key, then retry in ${verdict.ttlInSeconds} s`,
        );
      }
    },
    async signIn(request) {
      const verdict = await signIns(request);
      if (verdict.isAllowed || !verdict.isExceeded) return null;
      return {
        retryAfterS: verdict.ttlInSeconds,
        message: `more than ${verdict.max} sign-in attempts in a minute from this address; retry in ${verdict.ttlInSeconds} s`,
      };
    },
  });
}

/** The desk's limits, read at most once a second (the settings file is read from disk on every get). */
type RateLimits = Pick<DeskSettings, 'rateLimitPerKey' | 'rateLimitPerAddress'>;

function deskLimits(core: Core): () => RateLimits {
  let cached: RateLimits = { ...DEFAULT_RATE_LIMITS };
  let readAt = -Infinity;
  return () => {
    const now = Date.now();
    if (now - readAt >= 1000) {
      readAt = now;
      const desk = core.desk.get();
      const valid = (n: unknown, fallback: number) => (typeof n === 'number' && Number.isFinite(n) && n >= 1 ? Math.floor(n) : fallback);
      cached = {
        rateLimitPerKey: valid(desk.rateLimitPerKey, DEFAULT_RATE_LIMITS.rateLimitPerKey),
        rateLimitPerAddress: valid(desk.rateLimitPerAddress, DEFAULT_RATE_LIMITS.rateLimitPerAddress),
      };
    }
    return cached;
  };
}
