import type { FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Core } from '../core/core';
import { installApiKeyUsage } from './auth';

export const OPENAPI_PATH = '/api/v1/openapi.json';

/**
 * Goes first among the API plugins: zod validates and serialises every route that gives a schema,
 * @fastify/swagger collects those same schemas into the OpenAPI document, and API-key bookkeeping
 * is wired at the root so every API route (dialer, inbound) shares it.
 */
export function openapiPlugin(core: Core) {
  return async (app: FastifyInstance) => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'DialDesk HTTP API',
          version: core.version,
          description:
            'The port on-site dialers and telephony servers talk to. JSON in snake_case; errors are ' +
            '{ "error": { "code", "message" } }; nothing is written when the answer is a 4xx.',
        },
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              description: 'An API key from the console or `dialdesk apikey create`, scoped to dialer and/or inbound.',
            },
          },
        },
        tags: [
          { name: 'dialer', description: 'numbers to dial and the results of the calls' },
          { name: 'inbound', description: 'configuration for inbound calls' },
          { name: 'meta', description: 'health and this document' },
        ],
      },
      transform: jsonSchemaTransform,
      transformObject: (documentObject) => {
        const doc = jsonSchemaTransformObject(documentObject) as {
          paths?: Record<string, unknown>;
          components?: { schemas?: Record<string, unknown> };
        };
        // /api/v1/health is registered by the server itself, before this plugin sees routes
        doc.paths = {
          '/api/v1/health': {
            get: {
              tags: ['meta'],
              summary: 'Is the port up? No key needed.',
              responses: {
                200: {
                  description: 'up',
                  content: {
                    'application/json': {
                      schema: {
                        type: 'object',
                        properties: { status: { const: 'ok' }, version: { type: 'string' } },
                        required: ['status', 'version'],
                      },
                    },
                  },
                },
              },
            },
          },
          // only the machine API: under `serve` the console's own routes are not part of the contract
          ...Object.fromEntries(Object.entries(doc.paths ?? {}).filter(([path]) => path.startsWith('/api/v1/'))),
        };
        if (doc.components?.schemas) doc.components.schemas = referencedOnly(doc.components.schemas, doc.paths);
        withRetryAfter(doc.paths);
        return plainNames(doc) as ReturnType<typeof jsonSchemaTransformObject>;
      },
    });
    installApiKeyUsage(app, core);
    app.get(OPENAPI_PATH, { schema: { hide: true } as object }, async () => app.swagger());
  };
}

/**
 * The zod registry puts every named schema in twice (as input and as output); keep the ones the
 * document actually points at, so a reader sees one `Error`, one `ResultItem`, and so on.
 */
function referencedOnly(schemas: Record<string, unknown>, paths: unknown): Record<string, unknown> {
  const keep = new Set<string>();
  const visit = (node: unknown) => {
    for (const m of JSON.stringify(node).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (!keep.has(m[1])) {
        keep.add(m[1]);
        visit(schemas[m[1]]);
      }
    }
  };
  visit(paths);
  return Object.fromEntries(Object.entries(schemas).filter(([name]) => keep.has(name)));
}

/** "ResultItemInput" → "ResultItem" where only the input side of a schema is in the document. */
function plainNames<T extends { components?: { schemas?: Record<string, unknown> } }>(doc: T): T {
  const names = Object.keys(doc.components?.schemas ?? {});
  let text = JSON.stringify(doc);
  for (const name of names) {
    const plain = name.replace(/Input$/, '');
    if (plain !== name && !names.includes(plain)) {
      text = text.replaceAll(`"#/components/schemas/${name}"`, `"#/components/schemas/${plain}"`).replace(`"${name}":`, `"${plain}":`);
    }
  }
  return JSON.parse(text) as T;
}

/**
 * Any route may answer 503 SHUTTING_DOWN while the port closes; routes that write may also answer 503
 * STORAGE_FULL or DATABASE_BUSY (listed by the route). 429 and 503 carry Retry-After, which the zod
 * transform cannot say (it keeps only a response's description and content).
 */
function withRetryAfter(paths: Record<string, unknown>): void {
  const header = { description: 'seconds to wait before sending the request again', schema: { type: 'integer', minimum: 1 } };
  const closing = {
    description: 'SHUTTING_DOWN: the port is closing (the desk app or serve is stopping); nothing was done',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  type Response = { description?: string; content?: object; headers?: object };
  for (const operations of Object.values(paths) as Record<string, { responses?: Record<string, Response> }>[]) {
    for (const operation of Object.values(operations)) {
      operation.responses ??= {};
      operation.responses['503'] ??= structuredClone(closing);
      for (const status of ['429', '503']) {
        const response = operation.responses[status];
        if (response) response.headers = { 'Retry-After': header };
      }
    }
  }
}
