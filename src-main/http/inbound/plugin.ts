import type { FastifyInstance, FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Core } from '../../core/core';
import { sweepQuietCalls } from '../../core/inbound/calls/sweep';
import { requireApiKey } from '../auth';
import { callRoutes } from './routes-call';
import { aiRoutes } from './routes-ai';

/** How often calls whose final status never came are looked for (core/inbound/calls/sweep.ts). */
const SWEEP_EVERY_MS = 10 * 60 * 1000;

/**
 * The telephony server's side of the port (DESIGN.md §4 and §9): the DID lookup and Jambonz's
 * webhooks (the call hook, the call status hook, and the hooks of the verbs DialDesk answers). Every
 * route needs an API key with the `inbound` scope; a company key only acts for its own company's
 * numbers and calls (403 otherwise); a company with a Jambonz webhook secret also needs a valid
 * Jambonz-Signature (signature.ts).
 *
 * Authentication: `Authorization: Bearer <key>`, as on the rest of the port. Jambonz itself sends a
 * webhook's user and password as HTTP basic auth (jambonz-feature-server lib/utils/http-requestor.js,
 * basicAuth(hook.username, hook.password)), so `Authorization: Basic` is accepted too, carrying the
 * API key as the password (any username). Configure the Jambonz application with: user "dialdesk",
 * password "<api key>".
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
      callRoutes(core, r);
      aiRoutes(core, r);
    });
    const sweeper = setInterval(async () => {
      try {
        const closed = await sweepQuietCalls(core);
        if (closed > 0) app.log.warn(`closed ${closed} inbound calls whose final status never came from Jambonz`);
      } catch (err) {
        app.log.error({ err }, 'sweeping quiet inbound calls failed');
      }
    }, SWEEP_EVERY_MS);
    sweeper.unref();
    app.addHook('onClose', async () => clearInterval(sweeper));
  };
}

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
