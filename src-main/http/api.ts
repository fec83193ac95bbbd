import type { FastifyInstance } from 'fastify';
import type { Core } from '../core/core';
import { openapiPlugin } from './openapi';
import { dialerRoutes } from './dialer-routes';
import { inboundPlugin } from './inbound/plugin';

/**
 * The machine-facing APIs of the port (dialer, inbound), registered the same way by the Electron app
 * and by `dialdesk serve`. Each domain adds its plugin here.
 */
export function apiPlugins(core: Core): ((app: FastifyInstance) => Promise<void> | void)[] {
  return [
    openapiPlugin(core), // first: validators, the OpenAPI collector and API-key bookkeeping for all that follow
    dialerRoutes(core),
    inboundPlugin(core),
  ];
}
