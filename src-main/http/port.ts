import type { FastifyInstance } from 'fastify';
import type { Core } from '../core/core';
import { apiPlugins } from './api';
import type { PortTimeouts } from './limits';
import { buildServer } from './server';

export interface RunningPort {
  app: FastifyInstance;
  /** "host:port" actually bound (port 0 resolves to the real one) */
  address: string;
  url: string;
  close(): Promise<void>;
}

export interface PortOptions {
  host: string;
  port: number;
  logger?: boolean | object;
  /** more plugins after the dialer and inbound APIs (the headless console) */
  extra?: ((app: FastifyInstance) => Promise<void> | void)[];
  /** tests shorten them */
  timeouts?: Partial<PortTimeouts>;
  /** HTTPS with this certificate and key (core/settings/tls.ts) */
  tls?: { cert: Buffer; key: Buffer } | null;
}

/** Starts the embedded HTTP port and records where it listens on the core. */
export async function startPort(core: Core, options: PortOptions): Promise<RunningPort> {
  const app = await buildServer({
    core,
    logger: options.logger,
    timeouts: options.timeouts,
    tls: options.tls,
    plugins: [...apiPlugins(core), ...(options.extra ?? [])],
  });
  await app.listen({ host: options.host, port: options.port });
  const bound = app.server.address();
  const port = typeof bound === 'object' && bound ? bound.port : options.port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  const address = `${hostForUrl}:${port}`;
  let closed = false;
  return {
    app,
    address,
    url: `${options.tls ? 'https' : 'http'}://${address}`,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
    },
  };
}
