import { afterEach, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { createApiKey, revokeApiKey } from '../../../src-main/core/apikeys/apikeys';
import { dialerWorld, report, type DialerWorld } from '../../world';

let d: DialerWorld;
afterEach(async () => d?.close());

const TABLES = ['call_results', 'ledger_entries', 'leases', 'numbers', 'company_calls', 'scenarios', 'audit_log', 'call_stats'];
/** every table the dialer API writes, and the keys' last use: to prove a 4xx wrote nothing */
const snapshot = async (): Promise<Record<string, unknown>> => ({
  ...Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await d.count(t)]))),
  lastUsed: await d.core.db.column('select coalesce(last_used_at, 0) from api_keys order by id'),
  balances: await d.core.db.column('select wallet_balance from companies order by id'),
});

describe('API-key auth on /api/v1/dialer/*', () => {
  it('401 without a key, with a malformed header, an unknown key or a revoked key; nothing written', async () => {
    d = await dialerWorld();
    const before = await snapshot();
    const path = '/api/v1/dialer/next-batch?company=acme';
    for (const auth of [undefined, 'Basic abc', 'Bearer', `Bearer ${d.keys.a}x`, 'Bearer ddk_nonsense']) {
      const res = await fetch(d.port.url + path, { headers: auth ? { authorization: auth } : {} });
      expect(res.status, String(auth)).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
    }
    const id = (await d.core.db.value<number>('select id from api_keys where company_id = ?', [d.w.companyA]))!;
    await revokeApiKey(d.core.db, CLI_ACTOR, id, null, d.clock.clock());
    const revoked = await d.api('GET', path);
    expect(revoked).toMatchObject({ status: 401, body: { error: { message: /revoked/ } } });
    expect({ ...(await snapshot()), audit_log: before.audit_log }).toEqual(before);
  });

  it('401 comes before 400: an unauthenticated bad body is not judged', async () => {
    d = await dialerWorld();
    expect((await d.api('POST', '/api/v1/dialer/report-result', { nonsense: true }, null)).status).toBe(401);
  });

  it('403 for a key without the dialer scope, and for a company key acting for another company', async () => {
    d = await dialerWorld();
    const inboundOnly = (
      await createApiKey(d.core.db, CLI_ACTOR, { companyId: d.w.companyA, name: 'pbx', scopes: ['inbound'] }, d.clock.clock())
    ).key;
    const before = await snapshot();
    expect(await d.api('GET', '/api/v1/dialer/next-batch?company=acme', undefined, inboundOnly)).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await d.api('GET', '/api/v1/dialer/next-batch?company=globex', undefined, d.keys.a)).toMatchObject({ status: 403 });
    expect(
      await d.api('POST', '/api/v1/dialer/report-result', report({ company: 'globex', number_id: d.numberIds[0] }), d.keys.a),
    ).toMatchObject({ status: 403 });
    // a company key learns nothing about slugs that do not exist either
    expect((await d.api('GET', '/api/v1/dialer/next-batch?company=nobody', undefined, d.keys.a)).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('a site-wide key acts for any company; an unknown slug is then a 404', async () => {
    d = await dialerWorld();
    expect((await d.api('GET', '/api/v1/dialer/next-batch?company=globex&size=1', undefined, d.keys.site)).body.numbers).toHaveLength(1);
    expect((await d.api('GET', '/api/v1/dialer/next-batch?company=nobody', undefined, d.keys.site)).status).toBe(404);
  });

  it('records last use after a successful answer, at most once a minute', async () => {
    d = await dialerWorld();
    const lastUsed = () => d.core.db.value('select last_used_at from api_keys where company_id = ?', [d.w.companyA]);
    expect(await lastUsed()).toBeNull();
    await d.api('GET', '/api/v1/dialer/next-batch?company=acme&size=1');
    const first = d.clock.clock();
    await waitFor(async () => (await lastUsed()) === first);
    d.clock.advance(30_000);
    await d.api('GET', '/api/v1/dialer/next-batch?company=acme&size=1');
    await new Promise((r) => setTimeout(r, 50));
    expect(await lastUsed()).toBe(first);
    d.clock.advance(30_000);
    await d.api('GET', '/api/v1/dialer/next-batch?company=acme&size=1');
    await waitFor(async () => (await lastUsed()) === first + 60_000);
  });
});

describe('next-batch over HTTP', () => {
  it('answers the shape of DESIGN.md §4', async () => {
    d = await dialerWorld({ numbers: 3 });
    const res = await d.api('GET', '/api/v1/dialer/next-batch?company=acme&size=2&dialer=rack-1');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      company: 'acme',
      batch_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      lease_expires_at: '2026-03-02T10:15:00.000Z',
      numbers: [
        { number_id: d.numberIds[0], phone: d.phones[0], kind: 'fresh' },
        { number_id: d.numberIds[1], phone: d.phones[1], kind: 'fresh' },
      ],
      blocked: null,
      active_scenarios: [{ id: expect.any(Number), key: 'sales', name: 'Sales' }],
      outbound_lines: [],
      inbound_agents: [],
      outbound_agents: [],
      wallet: { balance: 100_000, currency: 'EUR', cost_per_billable: 50, billing_mode: 'per_call', cost_per_minute: 0 },
    });
    expect(await d.core.db.column('select dialer_id from leases')).toEqual(['rack-1', 'rack-1']);
  });

  it('a blocked answer is still 200, with next_open_at', async () => {
    d = await dialerWorld();
    await d.core.db.run('delete from schedule_windows where company_id = ?', [d.w.companyA]);
    await d.core.db.run('insert into schedule_windows (company_id, weekday, start_minute, end_minute) values (?, 1, 540, 1020)', [
      d.w.companyA,
    ]);
    const res = await d.api('GET', '/api/v1/dialer/next-batch?company=acme');
    expect(res).toMatchObject({
      status: 200,
      body: { numbers: [], batch_id: null, blocked: { reason: 'outside_schedule', next_open_at: '2026-03-03T08:00:00.000Z' } },
    });
  });

  it('400 for a bad size or slug, with nothing written', async () => {
    d = await dialerWorld();
    const before = await snapshot();
    for (const q of [
      'company=acme&size=0',
      'company=acme&size=1001',
      'company=acme&size=ten',
      'company=ACME',
      'size=5',
      'company=acme&dialer=has%20space',
    ]) {
      const res = await d.api('GET', `/api/v1/dialer/next-batch?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('BAD_INPUT');
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('report-result over HTTP', () => {
  it('201 first, 200 with the same answer on replay, 409 for another body; charged once', async () => {
    d = await dialerWorld();
    const body = report({ call_id: 'abc', number_id: d.numberIds[0], transcript: 'hello', data: { lead: { name: 'Ann' } } });
    const first = await d.api('POST', '/api/v1/dialer/report-result', body);
    expect(first).toEqual({ status: 201, body: { result_id: expect.any(Number), charged: 50, wallet_balance: 99_950 } });
    const again = await d.api('POST', '/api/v1/dialer/report-result', body);
    expect(again).toEqual({ status: 200, body: first.body });
    const before = await snapshot();
    const changed = await d.api('POST', '/api/v1/dialer/report-result', { ...body, status: 'BUSY' });
    expect(changed).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
    expect(await snapshot()).toEqual(before);
    expect(await d.count('ledger_entries', "kind = 'charge'")).toBe(1);
  });

  it('404 for a phone the pool does not know; 409 for a number another company holds', async () => {
    d = await dialerWorld();
    expect(await d.api('POST', '/api/v1/dialer/report-result', report({ phone: '+12125550142' }))).toMatchObject({
      status: 404,
      body: { error: { code: 'NOT_FOUND' } },
    });
    await d.api('GET', '/api/v1/dialer/next-batch?company=globex&size=1', undefined, d.keys.b);
    expect(await d.api('POST', '/api/v1/dialer/report-result', report({ number_id: d.numberIds[0] }))).toMatchObject({ status: 409 });
  });

  it('400 for each kind of bad body, with nothing written', async () => {
    d = await dialerWorld();
    const before = await snapshot();
    const good = report({ number_id: d.numberIds[0] });
    const bads: [unknown, RegExp][] = [
      ['not json', /JSON|body/i],
      [[], /body/],
      [{ ...good, status: 'SORT_OF' }, /status/],
      [{ ...good, started_at: 'yesterday' }, /started_at/],
      [{ ...good, duration_s: -1 }, /duration_s/],
      [{ ...good, duration_s: 1.5 }, /duration_s/],
      [{ ...good, number_id: undefined }, /phone or the number_id/],
      [{ ...good, call_id: '' }, /call_id/],
      [{ ...good, recording_url: 'javascript:alert(1)' }, /recording_url/],
      [{ ...good, data: 'text' }, /data/],
      [{ ...good, extra: 1 }, /extra|unrecognized/i],
      [{ ...good, scenario: 'Not A Key' }, /scenario/],
      [{ ...good, scenario: 'unregistered' }, /register/],
      [{ ...good, phone: 'call me maybe', number_id: undefined }, /phone/],
    ];
    for (const [body, message] of bads) {
      const res = await d.api('POST', '/api/v1/dialer/report-result', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('BAD_INPUT');
      expect(res.body.error.message).toMatch(message);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('413 with the error shape for a body over the limit', async () => {
    d = await dialerWorld();
    const res = await d.api(
      'POST',
      '/api/v1/dialer/report-result',
      report({ number_id: d.numberIds[0], transcript: 'x'.repeat(1_100_000) }),
    );
    expect(res).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
    expect(await d.count('call_results')).toBe(0);
  });
});

describe('report-results, register-scenarios and release over HTTP', () => {
  it('takes 1000 results with transcripts in one request', async () => {
    d = await dialerWorld({ numbers: 1000, balance: 1_000_000 });
    const results = d.numberIds.map((id, i) => {
      const { company: _c, ...item } = report({ call_id: `bulk-${i}`, number_id: id, transcript: `agent: hello ${i}\n`.repeat(300) });
      return item;
    });
    const body = JSON.stringify({ company: 'acme', results });
    expect(body.length).toBeGreaterThan(4 * 1024 * 1024);
    const res = await d.api('POST', '/api/v1/dialer/report-results', body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1000, replayed: 0, rejected: 0, wallet_balance: 1_000_000 - 50_000 });
    expect(res.body.results[999]).toEqual({
      index: 999,
      call_id: 'bulk-999',
      outcome: 'created',
      http_status: 201,
      result_id: expect.any(Number),
      charged: 50,
      wallet_balance: 950_000,
      error: null,
    });
    expect(await d.count('call_results')).toBe(1000);
  });

  it('answers per item; a bad envelope is a 400 with nothing written', async () => {
    d = await dialerWorld();
    const { company: _c, ...item } = report({ call_id: 'one', number_id: d.numberIds[0] });
    const res = await d.api('POST', '/api/v1/dialer/report-results', {
      company: 'acme',
      results: [item, { ...item, call_id: 'two', number_id: 999 }],
    });
    expect(res.body).toMatchObject({
      created: 1,
      rejected: 1,
      results: [{ outcome: 'created' }, { outcome: 'rejected', http_status: 404, error: { code: 'NOT_FOUND' } }],
    });
    const before = await snapshot();
    expect((await d.api('POST', '/api/v1/dialer/report-results', { company: 'acme', results: [] })).status).toBe(400);
    expect(
      (
        await d.api('POST', '/api/v1/dialer/report-results', {
          company: 'acme',
          results: [
            { ...item, call_id: 'three' },
            { ...item, status: 'MAYBE' },
          ],
        })
      ).status,
    ).toBe(400);
    expect((await d.api('POST', '/api/v1/dialer/report-results', { company: 'acme', results: Array(1001).fill(item) })).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('register-scenarios creates new keys inactive and updates known ones without touching their switch', async () => {
    d = await dialerWorld();
    const res = await d.api('POST', '/api/v1/dialer/register-scenarios', {
      company: 'acme',
      scenarios: [
        { key: 'sales', name: 'Sales v2' },
        { key: 'survey', name: 'Survey', description: 'NPS' },
      ],
    });
    expect(res).toMatchObject({
      status: 200,
      body: {
        scenarios: [
          { key: 'sales', name: 'Sales v2', active: true, created: false },
          { key: 'survey', description: 'NPS', active: false, created: true },
        ],
      },
    });
    const dup = await d.api('POST', '/api/v1/dialer/register-scenarios', {
      company: 'acme',
      scenarios: [
        { key: 'a', name: 'A' },
        { key: 'a', name: 'B' },
      ],
    });
    expect(dup.status).toBe(400);
    expect(await d.count('scenarios', `company_id = ${d.w.companyA}`)).toBe(2);
  });

  it('release returns a batch to the pool', async () => {
    d = await dialerWorld({ numbers: 3 });
    const batch = (await d.api('GET', '/api/v1/dialer/next-batch?company=acme&size=3')).body;
    expect(
      await d.api('POST', '/api/v1/dialer/release', { company: 'acme', batch_id: batch.batch_id, number_ids: [d.numberIds[2]] }),
    ).toEqual({ status: 200, body: { released: 1 } });
    expect(await d.api('POST', '/api/v1/dialer/release', { company: 'acme', batch_id: batch.batch_id })).toEqual({
      status: 200,
      body: { released: 2 },
    });
    expect(await d.count('leases')).toBe(0);
  });
});

describe('the OpenAPI document', () => {
  it('describes every dialer route from the same schemas, with bearer auth and the error schema', async () => {
    d = await dialerWorld();
    const res = await d.api('GET', '/api/v1/openapi.json', undefined, null);
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const [method, path] of [
      ['get', '/api/v1/dialer/next-batch'],
      ['post', '/api/v1/dialer/report-result'],
      ['post', '/api/v1/dialer/report-results'],
      ['post', '/api/v1/dialer/register-scenarios'],
      ['post', '/api/v1/dialer/release'],
    ]) {
      const op = doc.paths[path]?.[method];
      expect(op, path).toBeDefined();
      expect(op.security).toEqual([{ bearerAuth: [] }]);
      expect(JSON.stringify(op.responses['401'])).toContain('#/components/schemas/Error');
    }
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Error', 'NextBatch', 'ResultItem', 'ResultAnswer', 'ResultOutcome']),
    );
    expect(Object.keys(doc.components.schemas).filter((n) => n.endsWith('Input'))).toEqual([]);
    expect(doc.paths['/api/v1/dialer/report-result'].post.responses['201'].description).toBe('recorded');
    expect(doc.paths['/api/v1/health']).toBeDefined();
    expect(doc.paths['/api/v1/openapi.json']).toBeUndefined();
    const query = doc.paths['/api/v1/dialer/next-batch'].get.parameters.map((p: { name: string }) => p.name);
    expect(query).toEqual(expect.arrayContaining(['company', 'size', 'dialer']));
    const body = JSON.stringify(doc.paths['/api/v1/dialer/report-result'].post.requestBody);
    for (const field of ['call_id', 'started_at', 'duration_s', 'recording_url', 'INBOUND_CALL']) expect(body).toContain(field);
  });
});

async function waitFor(check: () => Promise<boolean>, ms = 2_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
