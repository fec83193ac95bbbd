import Fastify, { type FastifyInstance } from 'fastify';
import type { Core } from '../core/core';
import { installErrorHandling } from './errors';

export interface ServerOptions {
  core: Core;
  /** pino logger options, or false for none (tests) */
  logger?: boolean | object;
  /** extra plugins: the dialer and inbound APIs, and in headless mode the console */
  plugins?: ((app: FastifyInstance) => Promise<void> | void)[];
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * The embedded HTTP port. In the Electron app it carries only the dialer and inbound APIs; under
 * `dialdesk serve` the console and its RPC bridge are added as one more plugin.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: DEFAULT_BODY_LIMIT,
    // a dialer behind a proxy on the same site still reports its own address in dialer.seen
    trustProxy: false,
    // keep-alive sockets from dialers must not hold shutdown for long
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  installErrorHandling(app);

  app.get('/api/v1/health', async () => ({ status: 'ok', version: options.core.version }));

  for (const plugin of options.plugins ?? []) await plugin(app);
  return app;
}

export const isLoopbackAddress = (address: string | undefined | null): boolean =>
  !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
