import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { call, makeTestCore, ok, seedWorld, type TestCore, type World } from '../../world';

/** DESIGN.md §8 do-not-call scopes through the console's channels. */
let core: TestCore;
let w: World;
afterEach(async () => core?.dispose());

const statuses = () => core.db.sqlite.prepare('select phone, global_status from numbers order by phone').all();

describe('do-not-call lists in two scopes', () => {
  it("a company admin's list is the company's own: it marks nothing complained for anyone", async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    ok(await call(core, w.superuser, 'numbers.import', { content: '+12125550100\n+12125550101\n' }));
    const report = ok(await call(core, w.users.admin, 'numbers.dnc', { content: '+12125550100\n+12125550109\n', source: 'asked.csv' }));
    expect(report).toMatchObject({ scope: 'company', added: 2, known: 0, marked: 0 });
    expect(statuses()).toEqual([
      { phone: '+12125550100', global_status: 'active' },
      { phone: '+12125550101', global_status: 'active' },
    ]);
    // not another company's list, and not the site's, and not for a supervisor
    expect(await call(core, w.users.admin, 'numbers.dnc', { companyId: w.companyB, content: '+12125550101\n' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call(core, w.users.supervisor, 'numbers.dnc', { content: '+12125550101\n' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(statuses()).toEqual([
      { phone: '+12125550100', global_status: 'active' },
      { phone: '+12125550101', global_status: 'active' },
    ]);
    expect(core.db.sqlite.prepare('select count(*) from dnc_entries').pluck().get()).toBe(2);
  });

  it('both lists are viewable and searchable as people type numbers, and a company sees only its own and the site’s', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    ok(await call(core, w.superuser, 'numbers.dnc', { content: '+989121234567\n+989351112222\n' }));
    ok(await call(core, w.users.admin, 'numbers.dnc', { content: '+989129998877\n' }));
    ok(await call(core, w.superuser, 'numbers.dnc', { companyId: w.companyB, content: '+989120000000\n' }));
    const site = ok(await call(core, w.users.viewer, 'dnc.list', {}));
    expect(site).toMatchObject({ scope: 'site', total: 2 });
    const own = ok(await call(core, w.users.viewer, 'dnc.list', { companyId: w.companyA }));
    expect(own.entries.map((e) => e.phone)).toEqual(['+989129998877']);
    expect(await call(core, w.users.viewer, 'dnc.list', { companyId: w.companyB })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // national format with Persian digits: 0912 123 ...
    const found = ok(await call(core, w.users.viewer, 'dnc.list', { search: '۰۹۱۲ ۱۲۳' }));
    expect(found.entries.map((e) => e.phone)).toEqual(['+989121234567']);
  });

  it('each list exports as CSV, with a header and one row a phone', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    ok(await call(core, w.users.admin, 'numbers.dnc', { content: '+12125550100\n+12125550101\n', source: 'asked.csv' }));
    const file = ok(await call(core, w.users.viewer, 'dnc.exportCsv', { companyId: w.companyA }));
    expect(file).toMatchObject({ cancelled: false, rows: 2, fileName: 'acme-do-not-call.csv' });
    const text = readFileSync(file.savedTo!, 'utf8');
    const rows = text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('phone,added_at_utc,source,added_by');
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(['+12125550100', '+12125550101']);
    expect(rows[1]).toContain(',asked.csv,admin-a');
  });

  it("a number's history says it is on the company's own list, and never that another company listed it", async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    ok(await call(core, w.superuser, 'numbers.import', { content: '+12125550100\n' }));
    ok(await call(core, w.superuser, 'numbers.dnc', { companyId: w.companyB, content: '+12125550100\n', source: 'globex-complaints.csv' }));
    const acme = ok(await call(core, w.users.viewer, 'numbers.lookup', { companyId: w.companyA, phone: '+12125550100' }));
    expect(acme.number).toMatchObject({ globalStatus: 'active', onCompanyDnc: false });
    expect(JSON.stringify(acme)).not.toMatch(/globex/i);
    const globex = ok(await call(core, w.superuser, 'numbers.lookup', { companyId: w.companyB, phone: '+12125550100' }));
    expect(globex.number).toMatchObject({ onCompanyDnc: true });
  });
});
