import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedWorld, rawRequest, schemaErrors, snapshot, type ApiAnswer, type ServedWorld } from '../../world';

/**
 * DESIGN.md §4 from a dialer integrator's seat: auth, the error shape, body handling and the
 * published OpenAPI document, against a real `dialdesk serve` on a loopback port.
 */

let w: ServedWorld;
const keys: Record<string, string> = {};

beforeAll(async () => {
  w = await servedWorld({
    companies: [
      { slug: 'acme', balance: 100_000 },
      { slug: 'globex', currency: 'USD', costPerBillable: 30, balance: 50_000 },
    ],
    numbers: 20,
  });
  const inbound = await w.s.rpc('apikeys.create', { companyId: w.ids.acme, name: 'pbx only', scopes: ['inbound'] });
  const doomed = await w.s.rpc('apikeys.create', { companyId: w.ids.acme, name: 'old rack', scopes: ['dialer', 'inbound'] });
  Object.assign(keys, { inboundOnly: inbound.key, revoked: doomed.key });
  // the key works before it is revoked
  expect((await w.s.api('GET', '/api/v1/dialer/next-batch?company=acme&size=1', { key: keys.revoked })).status).toBe(200);
  await w.s.rpc('apikeys.revoke', { id: doomed.apiKey.id });
}, 90_000);
afterAll(async () => w?.s.dispose());

/** `{ "error": { "code": "...", "message": "..." } }` and nothing else, as JSON */
function expectError(res: ApiAnswer, status: number | number[], what = '') {
  const statuses = ([] as number[]).concat(status);
  expect(statuses, `${what}: ${res.status} ${res.text.slice(0, 300)}`).toContain(res.status);
  expect(res.contentType, what).toMatch(/^application\/json/);
  expect(res.body, what).toBeTypeOf('object');
  expect(Object.keys(res.body), what).toEqual(['error']);
  expect(Object.keys(res.body.error).sort(), what).toEqual(['code', 'message']);
  expect(res.body.error.code, what).toMatch(/^[A-Z_]+$/);
  expect(typeof res.body.error.message === 'string' && res.body.error.message.length > 0, what).toBe(true);
}

const started = '2026-03-02T10:00:00Z';
const item = (phone: string, callId: string) => ({
  call_id: callId,
  phone,
  scenario: 'sales',
  status: 'ANSWERED',
  started_at: started,
  duration_s: 30,
});

/** every authenticated route of §4, with a body that would otherwise be acceptable */
function routes(company: string): [string, string, unknown][] {
  const phone = w.phones[0];
  return [
    ['GET', `/api/v1/dialer/next-batch?company=${company}&size=1`, undefined],
    ['POST', '/api/v1/dialer/report-result', { company, ...item(phone, 'auth-1') }],
    ['POST', '/api/v1/dialer/report-results', { company, results: [item(phone, 'auth-2')] }],
    ['POST', '/api/v1/dialer/register-scenarios', { company, scenarios: [{ key: 'auth-probe', name: 'Probe' }] }],
    ['POST', '/api/v1/dialer/release', { company, batch_id: 'c0ffee00-0000-4000-8000-000000000000' }],
  ];
}
const INBOUND_ROUTES: [string, string, unknown][] = [
  ['GET', `/api/v1/inbound/lookup/${encodeURIComponent('+493012345678')}`, undefined],
  ['POST', '/api/v1/inbound/jambonz/call', { call_sid: 'sid-1', direction: 'inbound', from: '+4915112345678', to: '+493012345678' }],
  [
    'POST',
    '/api/v1/inbound/jambonz/status',
    { call_sid: 'sid-1', direction: 'inbound', from: '+4915112345678', to: '+493012345678', call_status: 'completed' },
  ],
];

describe('health', () => {
  it('answers without a key: { status: "ok", version }', async () => {
    const res = await w.s.api('GET', '/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(res.body).toEqual({ status: 'ok', version: expect.stringMatching(/\S/) });
  });
});

describe('401: no key, a bad key, a revoked key', () => {
  it('every route but health answers 401 with the error shape, and nothing is written', async () => {
    const before = await snapshot(w.s);
    const auths: [string, Record<string, string>][] = [
      ['no header', {}],
      ['unknown key', { authorization: 'Bearer ddk_thisKeyWasNeverIssuedByThisDesk0' }],
      ['a real key with a character added', { authorization: `Bearer ${w.keys.acme}x` }],
      ['Bearer without a key', { authorization: 'Bearer' }],
      ['another scheme', { authorization: `Basic ${Buffer.from('acme:secret').toString('base64')}` }],
      ['revoked key', { authorization: `Bearer ${keys.revoked}` }],
    ];
    for (const [method, path, body] of [...routes('acme'), ...INBOUND_ROUTES]) {
      for (const [what, headers] of auths) {
        const res = await w.s.api(method, path, { body, headers });
        expectError(res, 401, `${method} ${path} with ${what}`);
      }
    }
    expect(await snapshot(w.s)).toEqual(before);
  });
});

describe('403: the key is not allowed for that company or scope', () => {
  it('a company key acting for another company, on every dialer route; nothing written', async () => {
    const before = await snapshot(w.s);
    for (const [method, path, body] of routes('globex')) {
      expectError(await w.s.api(method, path, { key: w.keys.acme, body }), 403, `${method} ${path}`);
    }
    expect(await snapshot(w.s)).toEqual(before);
  });

  it('a key without the dialer scope on the dialer routes, and a dialer key on the inbound routes', async () => {
    const before = await snapshot(w.s);
    for (const [method, path, body] of routes('acme')) {
      expectError(await w.s.api(method, path, { key: keys.inboundOnly, body }), 403, `${method} ${path} with an inbound key`);
    }
    for (const [method, path, body] of INBOUND_ROUTES) {
      expectError(await w.s.api(method, path, { key: w.keys.acme, body }), 403, `${method} ${path} with a dialer key`);
    }
    expect(await snapshot(w.s)).toEqual(before);
  });

  it('a site-wide key acts for any company', async () => {
    const res = await w.s.api('GET', '/api/v1/dialer/next-batch?company=globex&size=1', { key: w.keys.site });
    expect(res.status).toBe(200);
    expect(res.body.company).toBe('globex');
    const released = await w.s.api('POST', '/api/v1/dialer/release', {
      key: w.keys.site,
      body: { company: 'globex', batch_id: res.body.batch_id },
    });
    expect(released.status).toBe(200);
  });
});

describe('bodies the port cannot take', () => {
  const path = '/api/v1/dialer/report-result';

  it('malformed JSON, an empty body, an array, a JSON scalar: 400 with the error shape, nothing written', async () => {
    const before = await snapshot(w.s);
    for (const body of ['{"company": "acme", "call_id": ', '', '[]', '"text"', 'null']) {
      expectError(await w.s.api('POST', path, { key: w.keys.acme, body }), 400, `body ${JSON.stringify(body)}`);
    }
    expect(await snapshot(w.s)).toEqual(before);
  });

  it('a content type other than JSON: 400 or 415 with the error shape, nothing written', async () => {
    const before = await snapshot(w.s);
    const json = JSON.stringify({ company: 'acme', ...item(w.phones[1], 'ct-1') });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const res = await w.s.api('POST', path, { key: w.keys.acme, body: json, headers: { 'content-type': type } });
      expectError(res, [400, 415], type);
    }
    expect(await snapshot(w.s)).toEqual(before);
  });

  it('413 with the error shape for an oversized body; nothing written', async () => {
    const before = await snapshot(w.s);
    // the body follows its headers after a pause, so an early answer (judged on Content-Length) is read whole
    const post = async (route: string, body: unknown) =>
      (await rawRequest(w.s.url, { method: 'POST', path: route, key: w.keys.acme, body: JSON.stringify(body), waitBeforeBody: 3_000 }))!;
    const big = { company: 'acme', ...item(w.phones[2], 'huge-1'), transcript: 'agent: hello\n'.repeat(400_000) };
    expectError(await post(path, big), 413, 'a 5 MB report-result');
    const scenarios = Array.from({ length: 2_500 }, (_, i) => ({ key: `big-${i}`, name: `Big ${i}`, description: 'd'.repeat(1_990) }));
    expectError(await post('/api/v1/dialer/register-scenarios', { company: 'acme', scenarios }), 413, 'a 5 MB register-scenarios');
    const many = { company: 'acme', results: [{ ...item(w.phones[2], 'huge-2'), transcript: 'x'.repeat(60_000_000) }] };
    expectError(await post('/api/v1/dialer/report-results', many), 413, 'a 60 MB report-results');
    // the same client with a small body is answered on its body (here: a 400 for a missing call)
    expectError(await post(path, { company: 'acme' }), 400, 'a small body after 100-continue');
    expect(await snapshot(w.s)).toEqual(before);
  });

  it('JSON with a charset parameter is JSON', async () => {
    const body = JSON.stringify({ company: 'acme', scenarios: [{ key: 'charset-probe', name: 'Charset probe' }] });
    const res = await w.s.api('POST', '/api/v1/dialer/register-scenarios', {
      key: w.keys.acme,
      body,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(res.status).toBe(200);
  });

  it('an unknown API path is a JSON 404 with the error shape', async () => {
    expectError(await w.s.api('GET', '/api/v1/dialer/no-such-thing', { key: w.keys.acme }), 404, 'unknown path');
    expectError(await w.s.api('GET', '/api/v1/dialer/report-result', { key: w.keys.acme }), [404, 405], 'a POST route asked with GET');
  });
});

describe('the OpenAPI document', () => {
  let doc: any;
  beforeAll(async () => {
    const res = await w.s.api('GET', '/api/v1/openapi.json', { key: w.keys.acme });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/json/);
    doc = res.body;
  });

  const OPERATIONS: [string, string][] = [
    ['get', '/api/v1/health'],
    ['get', '/api/v1/dialer/next-batch'],
    ['post', '/api/v1/dialer/report-result'],
    ['post', '/api/v1/dialer/report-results'],
    ['post', '/api/v1/dialer/register-scenarios'],
    ['post', '/api/v1/dialer/release'],
    ['get', '/api/v1/inbound/lookup/{did}'],
    ['post', '/api/v1/inbound/jambonz/call'],
    ['post', '/api/v1/inbound/jambonz/status'],
  ];
  const schemaOf = (s: any) =>
    s?.$ref
      ? s.$ref
          .slice(2)
          .split('/')
          .reduce((n: any, p: string) => n?.[p], doc)
      : s;

  it('is OpenAPI 3 with a bearer security scheme', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const schemes = Object.values(doc.components?.securitySchemes ?? {}) as any[];
    expect(schemes).toContainEqual(expect.objectContaining({ type: 'http', scheme: expect.stringMatching(/^bearer$/i) }));
  });

  it('lists every §4 operation, with its request schema, security and error responses', () => {
    const bearerName = Object.entries(doc.components.securitySchemes).find(([, s]: any) => /^bearer$/i.test(s.scheme))![0];
    for (const [method, path] of OPERATIONS) {
      const op = doc.paths?.[path]?.[method];
      expect(op, `${method.toUpperCase()} ${path}`).toBeTruthy();
      expect(op.responses?.['200'] ?? op.responses?.['201'], `${path} success`).toBeTruthy();
      if (path === '/api/v1/health') continue;
      const security = op.security ?? doc.security;
      expect(security, `${path} security`).toContainEqual({ [bearerName]: [] });
      if (method === 'post') expect(op.requestBody?.content?.['application/json']?.schema, `${path} body`).toBeTruthy();
      for (const code of ['400', '401', '403', '404']) {
        const schema = schemaOf(op.responses?.[code]?.content?.['application/json']?.schema);
        expect(schema?.properties?.error?.required, `${path} ${code}`).toEqual(expect.arrayContaining(['code', 'message']));
      }
    }
    const params = (doc.paths['/api/v1/dialer/next-batch'].get.parameters as any[]).map((p) => `${p.name}@${p.in}`);
    expect(params).toEqual(expect.arrayContaining(['company@query', 'size@query', 'dialer@query']));
    const did = (doc.paths['/api/v1/inbound/lookup/{did}'].get.parameters as any[]).map((p) => `${p.name}@${p.in}`);
    expect(did).toContain('did@path');
  });

  it('states the §4 rules: size 1..1000 default 100, the report fields and the twelve statuses', () => {
    const size = (doc.paths['/api/v1/dialer/next-batch'].get.parameters as any[]).find((p) => p.name === 'size').schema;
    expect(size).toMatchObject({ minimum: 1, maximum: 1000, default: 100 });
    const body = schemaOf(doc.paths['/api/v1/dialer/report-result'].post.requestBody.content['application/json'].schema);
    const report = body.allOf ? Object.assign({}, ...body.allOf.map(schemaOf)) : body;
    expect(report.required).toEqual(expect.arrayContaining(['company', 'call_id', 'scenario', 'status', 'started_at', 'duration_s']));
    expect(Object.keys(report.properties)).toEqual(
      expect.arrayContaining(['phone', 'number_id', 'batch_id', 'outbound_line_id', 'agent_id', 'recording_url', 'transcript', 'data']),
    );
    expect([...schemaOf(report.properties.status).enum].sort()).toEqual(
      [
        'ANSWERED',
        'INTERESTED',
        'NOT_INTERESTED',
        'CALLBACK',
        'HANGUP',
        'COMPLAINED',
        'NO_ANSWER',
        'BUSY',
        'POWER_OFF',
        'INVALID',
        'FAILED',
        'INBOUND_CALL',
      ].sort(),
    );
    const many = schemaOf(doc.paths['/api/v1/dialer/report-results'].post.requestBody.content['application/json'].schema);
    expect(many.properties.results).toMatchObject({ type: 'array', maxItems: 1000 });
  });

  it('describes what the port really answers', async () => {
    const responseSchema = (method: string, path: string, code: string) =>
      doc.paths[path][method].responses[code].content['application/json'].schema;
    const batch = await w.s.api('GET', '/api/v1/dialer/next-batch?company=acme&size=2', { key: w.keys.acme });
    expect(schemaErrors(doc, responseSchema('get', '/api/v1/dialer/next-batch', '200'), batch.body)).toEqual([]);
    const [first] = batch.body.numbers;
    const report = await w.s.api('POST', '/api/v1/dialer/report-result', {
      key: w.keys.acme,
      body: { company: 'acme', ...item(first.phone, 'doc-1') },
    });
    expect(report.status).toBe(201);
    expect(schemaErrors(doc, responseSchema('post', '/api/v1/dialer/report-result', '201'), report.body)).toEqual([]);
    const bad = await w.s.api('POST', '/api/v1/dialer/report-result', { key: w.keys.acme, body: { company: 'acme' } });
    expect(bad.status).toBe(400);
    expect(schemaErrors(doc, responseSchema('post', '/api/v1/dialer/report-result', '400'), bad.body)).toEqual([]);
    // the checker itself can fail
    expect(schemaErrors(doc, responseSchema('post', '/api/v1/dialer/report-result', '201'), { result_id: 'x' })).not.toEqual([]);
    await w.s.api('POST', '/api/v1/dialer/release', { key: w.keys.acme, body: { company: 'acme', batch_id: batch.body.batch_id } });
  });
});
