import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaErrors, dialerWorld, type DialerWorld } from '../../world';

/** The published document tells a dialer where 429 and 503 can come, with Retry-After, and 415 for a body. */

let d: DialerWorld;
let doc: any;
beforeAll(async () => {
  d = await dialerWorld();
  doc = (await d.api('GET', '/api/v1/openapi.json')).body;
});
afterAll(async () => d?.close());

const operations = () =>
  Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method, op })),
  );

/** the operations that write to the database, so a full disk or a locked database can refuse them */
const WRITES = [
  'get /api/v1/dialer/next-batch',
  'post /api/v1/dialer/report-result',
  'post /api/v1/dialer/report-results',
  'post /api/v1/dialer/register-scenarios',
  'post /api/v1/dialer/release',
  'post /api/v1/inbound/jambonz/status',
  // the call hook and the hooks of a live call (the llm verb's, the transfer's) write too, but answer
  // the caller even when they cannot store: Jambonz drops a caller whose hook answers an error status
];

describe('the OpenAPI document', () => {
  it('lists 429 with Retry-After on every route that takes a key, 503 with Retry-After on every route (a full disk or a busy database where it writes), 415 on every body', () => {
    const keyed = operations().filter(({ op }) => op.security?.length);
    expect(keyed.length).toBeGreaterThanOrEqual(8);
    for (const { path, method, op } of keyed) {
      const where = `${method} ${path}`;
      expect(op.responses['429']?.headers?.['Retry-After'], `${where} 429`).toBeTruthy();
      expect(op.responses['503'].description.includes('STORAGE_FULL'), `${where} 503`).toBe(WRITES.includes(where));
      if (method === 'post') expect(op.responses['415'], `${where} 415`).toBeTruthy();
    }
    for (const { path, method, op } of operations()) {
      expect(op.responses['503']?.headers?.['Retry-After'], `${method} ${path} 503 SHUTTING_DOWN`).toBeTruthy();
      expect(op.responses['503'].content['application/json'].schema, `${method} ${path} 503`).toBeTruthy();
    }
    expect(operations().map(({ method, path }) => `${method} ${path}`)).toEqual(expect.arrayContaining(WRITES));
  });

  it('describes the 429 the port really answers', async () => {
    d.core.desk.set({ rateLimitPerKey: 1 });
    await d.api('GET', '/api/v1/dialer/next-batch?company=acme&size=1');
    const limited = await d.api('GET', '/api/v1/dialer/next-batch?company=acme&size=1');
    expect(limited.status).toBe(429);
    const schema = doc.paths['/api/v1/dialer/next-batch'].get.responses['429'].content['application/json'].schema;
    expect(schemaErrors(doc, schema, limited.body)).toEqual([]);
  });
});
