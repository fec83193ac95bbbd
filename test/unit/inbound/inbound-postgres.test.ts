import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCompany, jambonzCall, jambonzRefusals, startServe, type Serve } from '../../world';
import { postgresBin, startPostgres, type TestPostgres, queryOnce } from '../../world/postgres';

/**
 * Inbound on a desk that runs on PostgreSQL (DESIGN.md §10): a real `dialdesk serve --database
 * postgres://…` answers Jambonz's call hook for a DID set up in its console, puts the call in the log,
 * and closes and charges it at its final status, all read back from PostgreSQL itself.
 */
const available = postgresBin() !== null;
if (!available && process.env.CI) throw new Error('PostgreSQL is not installed, and CI must run the PostgreSQL tests');
if (!available) console.log('inbound on PostgreSQL: skipped, no PostgreSQL installed here (.ci/run installs it)');

let server: TestPostgres;
let url: string;
let desk: Serve | undefined;

beforeAll(async () => {
  if (!available) return;
  server = await startPostgres();
  server.createDatabase('inbound');
  url = server.url('inbound');
}, 60_000);
afterAll(async () => {
  await desk?.dispose();
  server?.stop();
});

const query = <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => queryOnce<R>(url, sql, params);

const SID = 'b5e39996-bd2f-4bda-b928-355147186a2a';

describe.skipIf(!available)('an inbound call on a desk that runs on PostgreSQL', () => {
  it('answers the call hook for its DID, logs the call, and closes and charges it once at its final status', async () => {
    const s = await startServe({ database: url });
    desk = s;
    const { id: companyId } = await addCompany(s, { slug: 'acme', balance: 1_000, scenarios: [] });
    const { key } = await s.rpc('apikeys.create', { companyId, name: 'jambonz', scopes: ['inbound'] });
    await s.rpc('inbound.updateLlmSettings', { apiKey: 'sk-site-0123456789' });
    await s.rpc('inbound.updateSettings', { companyId, aiCostPerMinute: 10 });
    const agent = await s.rpc('aiAgents.create', {
      companyId,
      name: 'Mia',
      systemPrompt: 'You are the receptionist of Acme.',
      greeting: 'Hello, Acme here.',
      language: 'en-US',
      voice: 'alloy',
      temperature: 0.8,
      isActive: true,
    });
    await s.rpc('inbound.create', {
      companyId,
      phone: '+49301234567',
      displayName: 'Acme Hotline',
      aiAgentId: agent.id,
      supportNumber: '8811001',
      departments: [],
      voiceSettings: {},
      isActive: true,
    });
    const basic = { authorization: `Basic ${Buffer.from(`dialdesk:${key}`).toString('base64')}` };
    const hook = (path: string, body: unknown) => s.api('POST', path, { key: null, body, headers: basic });

    const lookup = await s.api('GET', '/api/v1/inbound/lookup/%2B49301234567', { key });
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ did: '+49301234567', open: true, ai_agent: { name: 'Mia' }, support_number: '8811001' });

    const answered = await hook('/api/v1/inbound/jambonz/call', jambonzCall());
    expect(answered.status).toBe(200);
    expect(jambonzRefusals(answered.body)).toEqual([]);
    expect(answered.body[0]).toMatchObject({ verb: 'llm', vendor: 'openai' });
    expect(await query('select status, phone, duration_s::int duration_s from call_results')).toEqual([
      { status: 'INBOUND_CALL', phone: '+4915112345678', duration_s: 0 },
    ]);
    expect(await query('select call_sid, did, call_status, answered_by_ai::int answered_by_ai from inbound_calls')).toEqual([
      { call_sid: SID, did: '+49301234567', call_status: 'trying', answered_by_ai: 1 },
    ]);

    const completed = jambonzCall({ call_status: 'completed', duration: 125, sip_status: 200 });
    const closed = await hook('/api/v1/inbound/jambonz/status', completed);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ recorded: true, replay: false });
    // a retry of the same webhook body changes nothing
    expect((await hook('/api/v1/inbound/jambonz/status', completed)).body).toMatchObject({ recorded: true, replay: true });

    expect(await query('select call_status, closed_by, ai_seconds::int ai_seconds from inbound_calls')).toEqual([
      { call_status: 'completed', closed_by: 'jambonz', ai_seconds: 125 },
    ]);
    expect(await query('select duration_s::int duration_s from call_results')).toEqual([{ duration_s: 125 }]);
    // three started AI minutes at 10, charged once, the wallet equal to its ledger
    const [wallet] = await query<{ balance: string; ledger: string; charges: string }>(
      `select c.wallet_balance balance, (select sum(amount) from ledger_entries l where l.company_id = c.id) ledger,
         (select count(*) from ledger_entries l where l.company_id = c.id and l.amount < 0) charges
       from companies c where c.id = $1`,
      [companyId],
    );
    expect({ balance: Number(wallet.balance), ledger: Number(wallet.ledger), charges: Number(wallet.charges) }).toEqual({
      balance: 970,
      ledger: 970,
      charges: 1,
    });
  });
});
