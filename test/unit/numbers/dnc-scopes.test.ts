import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { call, makeTestCore, ok, seedWorld, type TestCore, type World } from '../../world';

/** DESIGN.md §8 do-not-call scopes through the console's channels. */
let core: TestCore;
let w: World;
afterEach(async () => core?.dispose());

const statuses = () => core.db.all('select phone, global_status from numbers order by phone');

describe('do-not-call lists in two scopes', () => {
  it("a company admin's list is the company's own: it marks nothing complained for anyone", async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    ok(await call(core, w.superuser, 'numbers.import', { content: '+12125550100\n+12125550101\n' }));
    const report = ok(await call(core, w.users.admin, 'numbers.dnc', { content: '+12125550100\n+12125550109\n', source: 'asked.csv' }));
    expect(report).toMatchObject({ scope: 'company', added: 2, known: 0, marked: 0 });
    expect(await statuses()).toEqual([
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
    expect(await statuses()).toEqual([
      { phone: '+12125550100', global_status: 'active' },
      { phone: '+12125550101', global_status: 'active' },
    ]);
    expect(await core.db.value('select count(*) from dnc_entries')).toBe(2);
  });

  it('the owner types one number onto any company’s list or the site’s, as people write it; a bad one is refused on its field', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    await core.db.run("update companies set default_country = 'IR' where id = ?", [w.companyB]);
    ok(await call(core, w.superuser, 'numbers.import', { content: '+989121234567\n' }));
    // national, Persian digits, the company's own country
    const own = ok(await call(core, w.superuser, 'dnc.add', { companyId: w.companyB, phone: '۰۹۱۲ ۱۲۳ ۴۵۶۷' }));
    expect(own).toMatchObject({ scope: 'company', added: 1, known: 0, marked: 0 });
    const again = ok(await call(core, w.superuser, 'dnc.add', { companyId: w.companyB, phone: '+98 912 123 4567' }));
    expect(again).toMatchObject({ added: 0, known: 1 });
    expect(ok(await call(core, w.superuser, 'dnc.list', { companyId: w.companyB })).entries).toMatchObject([
      { phone: '+989121234567', addedBy: 'root', source: 'typed in the console' },
    ]);
    expect(ok(await call(core, w.superuser, 'dnc.list', { companyId: w.companyA })).total).toBe(0);
    expect(await statuses()).toEqual([{ phone: '+989121234567', global_status: 'active' }]);
    // the site's: no company dials it any more
    expect(ok(await call(core, w.superuser, 'dnc.add', { phone: '+989121234567' }))).toMatchObject({ scope: 'site', marked: 1 });
    expect(await statuses()).toEqual([{ phone: '+989121234567', global_status: 'complained' }]);

    const entries = () => core.db.value('select count(*) from dnc_entries');
    const before = await entries();
    expect(await call(core, w.superuser, 'dnc.add', { companyId: w.companyB, phone: '12' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'phone' }] },
    });
    expect(await call(core, w.superuser, 'dnc.add', { companyId: w.companyB, phone: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await entries()).toBe(before);
  });

  it("a company admin asking for another company's list is refused, and nothing is written", async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    ok(await call(core, w.superuser, 'numbers.dnc', { companyId: w.companyB, content: '+12125550100\n' }));
    const audits = () => core.db.value('select count(*) from audit_log');
    const entries = () => core.db.all('select company_id, phone from dnc_entries order by id');
    const [auditsBefore, entriesBefore] = [await audits(), await entries()];
    for (const [channel, input] of [
      ['dnc.add', { companyId: w.companyB, phone: '+12125550101' }],
      ['numbers.dnc', { companyId: w.companyB, content: '+12125550101\n' }],
      ['dnc.list', { companyId: w.companyB }],
      ['dnc.exportCsv', { companyId: w.companyB }],
    ] as const) {
      expect(await call(core, w.users.admin, channel, input), channel).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await entries()).toEqual(entriesBefore);
    expect(await audits()).toBe(auditsBefore);
    // without a company named, an admin's number goes on their own company's list, never the site's
    expect(ok(await call(core, w.users.admin, 'dnc.add', { phone: '+12125550101' }))).toMatchObject({ scope: 'company', added: 1 });
    expect(await core.db.column('select company_id from dnc_entries where phone = ?', ['+12125550101'])).toEqual([w.companyA]);
    // a company's list never reaches the pool
    expect(await statuses()).toEqual([]);
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
