import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCompany, servedWorld, schemaErrors, snapshot, type ApiAnswer, type ServedWorld } from '../../world';

/**
 * DESIGN.md §4 inbound API from a telephony server's seat (and docs/inbound.md): the DID lookup,
 * the Jambonz call webhook's verb array and the status webhook's INBOUND_CALL result.
 */

const { validate } = createRequire(import.meta.url)('@jambonz/verb-specifications') as { validate(logger: unknown, verbs: unknown): void };
const quiet = { info() {}, debug() {}, error() {} };

let w: ServedWorld;
let doc: any;
const key: Record<string, string> = {};
const DID = '+493012345670';
const CLOSED_DID = '+493012345671';

beforeAll(async () => {
  w = await servedWorld({
    companies: [
      { slug: 'acme', balance: 1_000 },
      { slug: 'globex', balance: 1_000 },
    ],
    numbers: 2,
  });
  const agent = await w.s.rpc('aiAgents.create', {
    companyId: w.ids.acme,
    name: 'Mia',
    systemPrompt: 'You are the receptionist of Acme.',
    greeting: 'Hello, Acme here.',
    language: 'de-DE',
    voice: 'alloy',
    temperature: 0.4,
  });
  await w.s.rpc('inbound.create', {
    companyId: w.ids.acme,
    phone: '030 12345670',
    region: 'DE',
    displayName: 'Acme main',
    aiAgentId: agent.id,
    supportNumber: '+49 30 9999999',
    departments: [{ name: 'Sales', transferNumber: '030 1111111', description: 'new orders' }],
  });
  const closed = await addCompany(w.s, { slug: 'nightco', open24x7: false, balance: 1_000 });
  const tomorrow = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][(new Date().getUTCDay() + 1) % 7];
  await w.s.rpc('schedule.set', { companyId: closed.id, windows: [{ day: tomorrow, start: '09:00', end: '10:00' }] });
  await w.s.rpc('inbound.create', { companyId: closed.id, phone: CLOSED_DID, supportNumber: '+493099999990' });
  for (const [name, companyId] of [
    ['acme', w.ids.acme],
    ['globex', w.ids.globex],
    ['nightco', closed.id],
  ] as const) {
    key[name] = (await w.s.rpc('apikeys.create', { companyId, name: 'pbx', scopes: ['inbound'] })).key;
  }
  doc = (await w.s.api('GET', '/api/v1/openapi.json', { key: key.acme })).body;
}, 90_000);
afterAll(async () => w?.s.dispose());

const lookup = (did: string, k = key.acme) => w.s.api('GET', `/api/v1/inbound/lookup/${did}`, { key: k });
const schemaOf = (method: string, path: string, code: string) => doc.paths[path][method].responses[code].content['application/json'].schema;
function expectError(res: ApiAnswer, status: number, what: string) {
  expect(res.status, `${what}: ${res.text.slice(0, 200)}`).toBe(status);
  expect(res.body).toEqual({ error: { code: expect.any(String), message: expect.stringMatching(/\S/) } });
}

describe('inbound lookup', () => {
  it("answers the DID's company, AI agent, departments, support number and whether it is open now", async () => {
    const res = await lookup(encodeURIComponent(DID));
    expect(res.status).toBe(200);
    expect(schemaErrors(doc, schemaOf('get', '/api/v1/inbound/lookup/{did}', '200'), res.body)).toEqual([]);
    expect(res.body).toMatchObject({
      did: DID,
      company: { slug: 'acme' },
      open: true,
      ai_agent: {
        system_prompt: 'You are the receptionist of Acme.',
        greeting: 'Hello, Acme here.',
        language: 'de-DE',
        voice: 'alloy',
        temperature: 0.4,
      },
      departments: [{ name: 'Sales', transfer_number: '+49301111111', description: 'new orders', open: true }],
      support_number: '+49309999999',
    });
    for (const spelling of [DID, DID.slice(1), `00${DID.slice(1)}`]) expect((await lookup(spelling)).body).toEqual(res.body);
  });

  it('out of hours it says closed, and when it opens', async () => {
    const res = await lookup(encodeURIComponent(CLOSED_DID), key.nightco);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ open: false, closed_reason: 'outside_schedule', support_number: '+493099999990' });
    expect(Date.parse(res.body.next_open_at)).toBeGreaterThan(Date.now());
  });

  it('404 for a number not set up, 400 for no phone number, 403 for another company key', async () => {
    expectError(await lookup(encodeURIComponent('+493012340000')), 404, 'unknown DID');
    expectError(await lookup('not-a-phone'), 400, 'no phone');
    expectError(await lookup(encodeURIComponent(DID), key.globex), 403, "globex's key on acme's DID");
  });
});

describe('Jambonz webhooks', () => {
  const call = { call_sid: 'sid-100', direction: 'inbound', from: '+4915112340001', to: DID, caller_name: 'Ann' };

  it('the call webhook answers a verb array Jambonz accepts, with the API key as basic-auth password too', async () => {
    const basic = `Basic ${Buffer.from(`dialdesk:${key.acme}`).toString('base64')}`;
    for (const headers of [{ authorization: `Bearer ${key.acme}` }, { authorization: basic }]) {
      const res = await w.s.api('POST', '/api/v1/inbound/jambonz/call', { body: call, headers });
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body) && res.body.length).toBeGreaterThan(0);
      expect(() => validate(quiet, res.body)).not.toThrow();
    }
    const closed = await w.s.api('POST', '/api/v1/inbound/jambonz/call', { key: key.nightco, body: { ...call, to: CLOSED_DID } });
    expect(() => validate(quiet, closed.body)).not.toThrow();
  });

  it('a call becomes one INBOUND_CALL result from its first webhook: no charge, caller added to the pool, idempotent on call_sid', async () => {
    const post = (body: unknown) => w.s.api('POST', '/api/v1/inbound/jambonz/status', { key: key.acme, body });
    const ringing = await post({ ...call, call_status: 'ringing' });
    expect(ringing.status).toBe(200);
    // the first webhook of this call is a status hook: it puts the call in the log
    const before = await snapshot(w.s);
    expect(before.results).toBe(1);
    const done = { ...call, call_status: 'completed', sip_status: 200, duration: 75 };
    const first = await post(done);
    expect(first.status).toBeLessThan(300);
    expect(schemaErrors(doc, schemaOf('post', '/api/v1/inbound/jambonz/status', '200'), first.body)).toEqual([]);
    const again = await post(done);
    expect(again.body.result_id).toBe(first.body.result_id);
    const middle = await snapshot(w.s);
    // a closed call stays as its first final status left it
    expect((await post({ ...done, duration: 80 })).status).toBe(200);
    expect(await snapshot(w.s)).toEqual(middle);

    await w.s.stop();
    await w.s.read(async (q) => {
      expect(await q.all('select status, direction, duration_s, amount_charged, company_id from call_results')).toEqual([
        { status: 'INBOUND_CALL', direction: 'inbound', duration_s: 75, amount_charged: 0, company_id: w.ids.acme },
      ]);
      expect(await q.get('select source, global_status from numbers where phone = ?', [call.from])).toEqual({
        source: 'inbound',
        global_status: 'active',
      });
      expect(await q.value('select wallet_balance from companies where id = ?', [w.ids.acme])).toBe(1_000);
    });
  });
});
