import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berlinNumbers, startServe, type Serve } from '../../world';

/**
 * A desk set up only with the §6 command line while `dialdesk serve` runs, then driven over the §4
 * API: what an integrator does on day one. (The CLI has no scenario command: the dialer registers
 * its scenarios and the supervisor switches them on in the console.)
 */

let s: Serve;
let keyId = 0;
let companyId = 0;
let key = '';
let phones: string[] = [];

beforeAll(async () => {
  s = await startServe();
  const created = await s.cli([
    'company',
    'create',
    '--slug',
    'acme',
    '--name',
    'Acme GmbH',
    '--currency',
    'EUR',
    '--cost-per-billable',
    '50',
    '--balance',
    '1000',
  ]);
  expect(created.company).toMatchObject({ slug: 'acme', currency: 'EUR' });
  companyId = created.company.id;
  const list = berlinNumbers(25);
  phones = list.phones;
  const file = s.file('numbers.txt', `${list.lines.join('\n')}\n`);
  const [apikey, imported] = await Promise.all([
    s.cli(['apikey', 'create', '--company', 'acme', '--name', 'rack 1', '--scopes', 'dialer']),
    s.cli(['numbers', 'import', file, '--region', 'DE']),
    s.cli(['schedule', 'set', '--company', 'acme', '--open-24x7']),
    s.cli(['wallet', 'topup', '--company', 'acme', '--amount', '500']),
  ]);
  key = apikey.key;
  keyId = apikey.apiKey.id;
  expect(key).toMatch(/\S{16,}/);
  expect(JSON.stringify(imported)).toMatch(/"added":25\b/);
}, 120_000);
afterAll(async () => s?.dispose());

const batch = (size: number) => s.api('GET', `/api/v1/dialer/next-batch?company=acme&size=${size}&dialer=rack-1`, { key });

describe('a desk set up from the command line', () => {
  it('blocks until a scenario is active, then hands out the imported numbers with the topped-up wallet', async () => {
    const idle = await batch(5);
    expect(idle.status).toBe(200);
    expect(idle.body).toMatchObject({
      numbers: [],
      blocked: { reason: 'no_active_scenarios' },
      wallet: { balance: 1500, currency: 'EUR', cost_per_billable: 50 },
    });

    const reg = await s.api('POST', '/api/v1/dialer/register-scenarios', {
      key,
      body: { company: 'acme', scenarios: [{ key: 'sales', name: 'Sales' }] },
    });
    expect(reg.status).toBeLessThan(300);
    const [sales] = await s.rpc('scenarios.list', { companyId });
    if (!sales.isActive) await s.rpc('scenarios.update', { companyId, id: sales.id, isActive: true });

    const res = await batch(5);
    expect(res.body).toMatchObject({ blocked: null, active_scenarios: [{ key: 'sales', name: 'Sales' }] });
    expect(res.body.numbers).toHaveLength(5);
    for (const n of res.body.numbers) expect(phones).toContain(n.phone);

    const report = await s.api('POST', '/api/v1/dialer/report-result', {
      key,
      body: {
        company: 'acme',
        call_id: 'cli-1',
        phone: res.body.numbers[0].phone,
        batch_id: res.body.batch_id,
        scenario: 'sales',
        status: 'INTERESTED',
        started_at: new Date().toISOString(),
        duration_s: 61,
      },
    });
    expect(report).toMatchObject({ status: 201, body: { charged: 50, wallet_balance: 1450 } });
    expect((await s.api('POST', '/api/v1/dialer/release', { key, body: { company: 'acme', batch_id: res.body.batch_id } })).status).toBe(
      200,
    );
  });

  it('a key revoked with the CLI is refused at once by the running server', async () => {
    expect((await batch(1)).status).toBe(200);
    await s.cli(['apikey', 'revoke', '--id', String(keyId)]);
    const refused = await batch(1);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ error: { code: expect.any(String), message: expect.stringMatching(/\S/) } });
  });

  it('afterwards the database holds balance = Σ ledger: two top-ups and one charge', async () => {
    await s.stop();
    await s.read(async (db) => {
      expect(await db.value("select wallet_balance from companies where slug = 'acme'")).toBe(1450);
      expect(await db.all('select kind, amount from ledger_entries order by id')).toEqual([
        { kind: 'topup', amount: 1000 },
        { kind: 'topup', amount: 500 },
        { kind: 'charge', amount: -50 },
      ]);
      if (db.engine === 'sqlite') expect(await db.value('pragma integrity_check')).toBe('ok');
    });
  });
});
