import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src-shared/errors';
import { consolePlugin } from '../../../src-main/http/console';
import { HANDLERS } from '../../../src-main/ipc/table';
import {
  bodyText,
  malformedRequest,
  nearValidBody,
  pathParam,
  queryString,
  registeredRoutes,
  wrongContentType,
  type Route,
} from '../../tools/fuzz';
import { sendRaw, type RawAnswer } from '../../tools/raw-http';
import { jambonzRefusals, resolveRef, dialerWorld, type DialerWorld } from '../../world';

/**
 * Generated hostile requests at every route the server registers (read from its router, so a new route
 * is fuzzed without anyone listing it): bodies of wrong types, deep nesting, huge strings, any unicode
 * and prototype keys; content types that are not JSON in UTF-8; query strings and path parameters; and
 * raw requests that break HTTP/1.1 itself. Each must get a 4xx in the port's envelope (the console's
 * /rpc/invoke answers in its bridge's envelope), write nothing, and leave the server healthy.
 */

let d: DialerWorld;
let reader: Database.Database;
let doc: any;
let routes: Route[];
beforeAll(async () => {
  d = await dialerWorld({
    users: true,
    numbers: 20,
    port: (core) => {
      // a stand-in page, so the console's page routes exist whether or not the renderer is built
      const rendererDir = join(core.dataDir, 'renderer');
      mkdirSync(rendererDir);
      writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body></body></html>');
      // a stand-in for the built bridge, so the run does not depend on `npm run build`
      const bridgeScript = join(core.dataDir, 'bridge.js');
      writeFileSync(bridgeScript, 'window.dialdesk = undefined;');
      return { extra: [consolePlugin({ core, handlers: HANDLERS, rendererDir, bridgeScript })] };
    },
  });
  // the limits would answer 429 (a fine 4xx) long before the generators got to the interesting cases
  d.core.desk.set({ rateLimitPerKey: 10_000_000, rateLimitPerAddress: 10_000_000 });
  doc = (await d.api('GET', '/api/v1/openapi.json')).body;
  routes = registeredRoutes(d.port.app).filter((r) => r.method !== 'HEAD');
  reader = new Database(d.core.db.file, { readonly: true });
});
afterAll(async () => {
  reader?.close();
  await d?.close();
});

/** changes whenever another connection commits to the file: the port writing anything at all */
const dataVersion = () => reader.pragma('data_version', { simple: true }) as number;
/**
 * Every table's rows but the sign-in attempt counter: a refused sign-in is counted (that is the
 * lockout, DESIGN.md §3), and that row is the one write a refusal may make.
 */
const contents = (): string => {
  const tables = reader
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> 'sign_in_attempts' order by name",
    )
    .pluck()
    .all() as string[];
  // a key that got a 2xx is marked used (Jambonz's calling webhook answers 200 to every call it may see)
  const rows = (t: string) =>
    (reader.prepare(`select * from "${t}"`).all() as Record<string, unknown>[]).map((r) =>
      t === 'api_keys' ? { ...r, last_used_at: undefined } : r,
    );
  return JSON.stringify(tables.map((t) => [t, rows(t)]));
};
const snapshot = () => ({ version: dataVersion(), contents: contents() });
/** nothing written since `before`, the sign-in counter aside */
const expectNothingWritten = (before: { version: number; contents: string }) => {
  if (dataVersion() === before.version) return;
  const now = contents();
  if (now === before.contents) return;
  const was = new Map(JSON.parse(before.contents) as [string, unknown][]);
  const changed = (JSON.parse(now) as [string, unknown][]).filter(([t, rows]) => JSON.stringify(rows) !== JSON.stringify(was.get(t)));
  expect(changed, 'nothing written').toEqual([]);
};

const isRpc = (route: Route) => route.path === '/rpc/invoke';
const KEY = () => fc.constantFrom<string | null>(d.keys.site, d.keys.site, d.keys.site, d.keys.a, null, 'ddk_not-a-real-key');

function raw(method: string, target: string, options: { key?: string | null; contentType?: string | null; body?: string } = {}): Buffer {
  const body = Buffer.from(options.body ?? '', 'utf8');
  const lines = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  if (options.key) lines.push(`Authorization: Bearer ${options.key}`);
  if (options.contentType !== null && options.body !== undefined) lines.push(`Content-Type: ${options.contentType ?? 'application/json'}`);
  if (options.body !== undefined) lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

/** A 4xx in `{ "error": { "code", "message" } }`; on the console bridge, its `{ ok: false, error }` also does. */
/** what each route answered, to show the generators reached past the first check */
const answered = new Map<string, Set<string>>();
function expectRefusal(route: Route, answer: RawAnswer | null, sent: string) {
  const key = `${route.method} ${route.path}`;
  answered.set(key, (answered.get(key) ?? new Set()).add(`${answer?.status} ${answer?.body?.error?.code}`));
  const where = `${route.method} ${route.path}: ${sent.slice(0, 300)}`;
  expect(answer, where).not.toBeNull();
  const { status, body } = answer!;
  const error = isRpc(route) && status === 200 ? (expect(body?.ok, where).toBe(false), body.error) : body?.error;
  if (!(isRpc(route) && status === 200)) {
    expect(status, where).toBeGreaterThanOrEqual(400);
    expect(status, where).toBeLessThan(500);
    expect(Object.keys(body ?? {}), where).toEqual(['error']);
  }
  expect(answer!.headers['content-type'], where).toMatch(/^application\/json/);
  expect(ERROR_CODES, where).toContain(error?.code);
  // the console's own route may add the refusal field by field (src-shared/errors.ts), nothing else
  const keys = Object.keys(error).filter((k) => k !== 'fields' || Array.isArray(error.fields));
  expect(
    keys.filter((k) => k !== 'fields'),
    where,
  ).toEqual(['code', 'message']);
  expect(Object.keys(error).length - keys.length, where).toBe(0);
  expect(typeof error.message === 'string' && error.message.length > 0, where).toBe(true);
}

/**
 * Jambonz's calling webhook answers every call it is allowed to see with an application Jambonz can
 * run (an unknown number hears "not in service"), never an error status, which Jambonz would turn
 * into SIP 480 for the caller (DESIGN.md §9): for it, a 200 must carry such an application.
 */
const ANSWERS_EVERY_CALL = new Set(['/api/v1/inbound/jambonz/call']);
/** and its status webhook answers 200 for a call it does not know, saying it recorded nothing (Jambonz takes 200, 202, 204 only) */
const SKIPS_UNKNOWN_CALLS = new Set(['/api/v1/inbound/jambonz/status']);
function expectRefusalOrRunnable(route: Route, answer: RawAnswer | null, sent: string) {
  const key = `${route.method} ${route.path}`;
  const where = `${key}: ${sent.slice(0, 300)}`;
  if (answer?.status === 200 && ANSWERS_EVERY_CALL.has(route.path)) {
    answered.set(key, (answered.get(key) ?? new Set()).add('200 runnable'));
    return expect(jambonzRefusals(answer.body), where).toEqual([]);
  }
  if (answer?.status === 200 && SKIPS_UNKNOWN_CALLS.has(route.path)) {
    answered.set(key, (answered.get(key) ?? new Set()).add('200 skipped'));
    return expect(answer.body, where).toMatchObject({ recorded: false, result_id: null });
  }
  expectRefusal(route, answer, sent);
}

/** The fields of a route's body, from the OpenAPI document (the console bridge takes a channel and its argument). */
function bodyFields(route: Route): string[] {
  if (isRpc(route)) return ['channel', 'arg'];
  const op = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
  const fields = new Set<string>();
  const visit = (schema: any) => {
    if (!schema) return;
    if (schema.$ref) return visit(resolveRef(doc, schema.$ref));
    for (const part of [...(schema.allOf ?? []), ...(schema.anyOf ?? [])]) visit(part);
    for (const [name, sub] of Object.entries<any>(schema.properties ?? {})) {
      fields.add(name);
      visit(sub.items); // the items of report-results
    }
  };
  visit(op?.requestBody?.content?.['application/json']?.schema);
  return [...fields];
}

const queryNames = (route: Route): string[] =>
  ((doc.paths[route.path]?.get?.parameters ?? []) as { name: string; in: string }[]).filter((p) => p.in === 'query').map((p) => p.name);

/** Channel names for the bridge: every kind of access, but never app.state (a read that takes nothing, so it can only succeed). */
const CHANNELS = [
  'auth.login',
  'auth.setup',
  'auth.logout',
  'companies.create',
  'settings.updateDesk',
  'numbers.import',
  'users.create',
  'billing.topup',
].map((c) => JSON.stringify(c));

describe('every route, fuzzed', () => {
  let before: { version: number; contents: string };
  beforeAll(() => {
    before = snapshot();
  });

  it('reads the routes from the server itself: every operation of the OpenAPI document and the console’s own', () => {
    const listed = routes.map((r) => `${r.method} ${r.path}`);
    for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of Object.keys(ops)) expect(listed).toContain(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    }
    expect(listed).toEqual(expect.arrayContaining(['POST /rpc/invoke', 'GET /rpc/events', 'GET /rpc/download/:ticket', 'GET /']));
  });

  it('generated bodies at every route that takes one', async () => {
    const posts = routes.filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThanOrEqual(7);
    const cases = fc.oneof(
      ...posts.map((route) =>
        fc.record({
          route: fc.constant(route),
          key: KEY(),
          body: bodyText(bodyFields(route), isRpc(route) ? [fc.constantFrom(...CHANNELS)] : []),
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ route, key, body }) => {
        const state = snapshot();
        expectRefusal(route, await sendRaw(d.port.url, raw('POST', route.path, { key, body })), body);
        expectNothingWritten(state);
      }),
      { numRuns: 500 },
    );
  });

  it('bodies one or two edits away from a request the rules refuse late, so the hostile value reaches the handler', async () => {
    const item = {
      call_id: 'fuzz-call',
      phone: '+12125550199',
      scenario: 'no-such-scenario',
      status: 'ANSWERED',
      started_at: '2026-03-02T09:00:00Z',
      duration_s: 30,
    };
    const call = { call_sid: 'CA-fuzz', direction: 'inbound', from: '+4930123456', to: '+4930999999', caller_name: 'Fuzz' };
    // each is refused only by a rule past validation: an unknown number and scenario, another company's key, an unknown DID or user
    const templates: { path: string; key: string | null; body: Record<string, unknown> }[] = [
      {
        path: '/api/v1/dialer/report-result',
        key: d.keys.site,
        body: {
          company: 'acme',
          ...item,
          transcript: 'hello',
          recording_url: 'https://rec.example/a.wav',
          data: { crm: { id: 7, tags: ['a'] } },
        },
      },
      // (report-results answers each item on its own with a 200, so here it is another company's key)
      {
        path: '/api/v1/dialer/report-results',
        key: d.keys.b,
        body: { company: 'acme', results: [item, { ...item, call_id: 'fuzz-call-2', data: { a: [1] } }] },
      },
      {
        path: '/api/v1/dialer/register-scenarios',
        key: d.keys.b,
        body: { company: 'acme', scenarios: [{ key: 'fuzz', name: 'Fuzz', description: 'x' }] },
      },
      { path: '/api/v1/dialer/release', key: d.keys.b, body: { company: 'acme', batch_id: 'no-such-batch', number_ids: [1, 2] } },
      { path: '/api/v1/inbound/jambonz/call', key: d.keys.site, body: call },
      {
        path: '/api/v1/inbound/jambonz/status',
        key: d.keys.site,
        body: { ...call, call_status: 'completed', duration: 30, sip_status: 200, customerData: { transcript: 'hi' } },
      },
      { path: '/rpc/invoke', key: null, body: { channel: 'auth.login', arg: { username: 'nobody-here', password: 'not it' } } },
    ];
    for (const t of templates) {
      const route = { method: 'POST', path: t.path };
      expect(routes, t.path).toContainEqual(route);
      expectRefusalOrRunnable(
        route,
        await sendRaw(d.port.url, raw('POST', t.path, { key: t.key, body: JSON.stringify(t.body) })),
        'the template itself',
      );
    }
    const cases = fc.oneof(...templates.map((t) => fc.record({ t: fc.constant(t), body: nearValidBody(t.body) })));
    await fc.assert(
      fc.asyncProperty(cases, async ({ t, body }) => {
        const state = snapshot();
        expectRefusalOrRunnable(
          { method: 'POST', path: t.path },
          await sendRaw(d.port.url, raw('POST', t.path, { key: t.key, body })),
          body,
        );
        expectNothingWritten(state);
      }),
      { numRuns: 400 },
    );
    // the edits kept some bodies valid, which a rule then refused, and made others invalid
    for (const t of templates) {
      const seen = [...answered.get(`POST ${t.path}`)!];
      expect(seen, t.path).toEqual(
        expect.arrayContaining([expect.stringMatching(/^(403|404|200) /), expect.stringMatching(/ BAD_INPUT$/)]),
      );
    }
  });

  it('content types that are not JSON in UTF-8', async () => {
    const posts = routes.filter((r) => r.method === 'POST');
    const cases = fc.record({
      route: fc.constantFrom(...posts),
      key: KEY(),
      contentType: fc.option(wrongContentType, { nil: null }),
      body: fc.oneof(fc.constant('{"company":"acme"}'), fc.string({ unit: 'binary', maxLength: 200 })),
    });
    await fc.assert(
      fc.asyncProperty(cases, async ({ route, key, contentType, body }) => {
        const state = snapshot();
        expectRefusal(route, await sendRaw(d.port.url, raw('POST', route.path, { key, contentType, body })), `${contentType} ${body}`);
        expectNothingWritten(state);
      }),
      { numRuns: 150 },
    );
  });

  it('query strings and path parameters at every route that reads them', async () => {
    const gets = routes.filter((r) => r.method === 'GET');
    // a GET that answers 2xx to a bare request without a key takes no input (a page, health, the document)
    const inputless = new Set<string>();
    for (const route of gets) {
      if (route.path.includes(':')) continue;
      const answer = await sendRaw(d.port.url, raw('GET', route.path));
      if (answer && answer.status < 300) inputless.add(route.path);
    }
    expect([...inputless].sort()).toEqual(['/', '/api/v1/health', '/api/v1/openapi.json', '/dialdesk-bridge.js', '/index.html']);
    const cases = fc.constantFrom(...gets).chain((route) =>
      fc.record({
        route: fc.constant(route),
        key: KEY(),
        params: pathParam,
        query: fc.option(queryString(queryNames(route)), { nil: null }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ route, key, params, query }) => {
        const state = snapshot();
        const target = route.path.replace(/:\w+/g, params) + (query ? `?${query}` : '');
        const answer = await sendRaw(d.port.url, raw('GET', target, { key }));
        if (inputless.has(route.path)) expect(answer?.status, target).toBeLessThan(500);
        else expectRefusalOrRunnable(route, answer, target);
        expectNothingWritten(state);
      }),
      { numRuns: 200 },
    );
  });

  it('raw requests that break HTTP/1.1 itself', async () => {
    const cases = fc
      .constantFrom(...routes)
      .chain((route) => fc.record({ route: fc.constant(route), bytes: malformedRequest(route.path.replace(/:\w+/g, 'x')) }));
    await fc.assert(
      fc.asyncProperty(cases, async ({ route, bytes }) => {
        const state = snapshot();
        const answer = await sendRaw(d.port.url, Buffer.from(bytes, 'latin1'));
        // the parser's refusals come before any route: the port's envelope, never the bridge's
        expectRefusal({ ...route, path: '(before routing)' }, answer, JSON.stringify(bytes));
        expect(answer!.closed, 'the connection is closed after a framing error').toBe(true);
        expectNothingWritten(state);
      }),
      { numRuns: 200 },
    );
  });

  it('wrote nothing, and the server is healthy after it all', async () => {
    expectNothingWritten(before);
    expect((await d.api('GET', '/api/v1/health')).status).toBe(200);
    const batch = await d.api('GET', '/api/v1/dialer/next-batch?company=acme&size=2');
    expect(batch.status).toBe(200);
    expect(batch.body.numbers).toHaveLength(2);
  });
});
