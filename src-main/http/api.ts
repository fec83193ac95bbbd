import type { FastifyInstance } from 'fastify';
import type { Core } from '../core/core';

/**
 * The machine-facing APIs of the port (dialer, inbound), registered the same way by the Electron app
 * and by `dialdesk serve`. Each domain adds its plugin here.
 */
export function apiPlugins(_core: Core): ((app: FastifyInstance) => Promise<void> | void)[] {
  return [];
}
