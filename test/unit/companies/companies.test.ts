import { afterEach, describe, expect, it } from 'vitest';
import { call, makeTestCore, ok, seedWorld, type TestCore } from '../../world';

let core: TestCore;
afterEach(async () => core?.dispose());

const count = async (c: TestCore, table: string) => c.db.value<number>(`select count(*) from ${table}`);

describe('companies', () => {
  it.each([
    ['a', 'too short'],
    ['Acme', 'uppercase'],
    ['1acme', 'starts with a digit'],
    ['acme--corp', 'double hyphen'],
    ['acme-', 'trailing hyphen'],
    ['acme corp', 'space'],
    ['a'.repeat(41), 'too long'],
  ])('refuses the slug %j (%s) and writes nothing', async (slug) => {
    core = await makeTestCore();
    const w = await seedWorld(core);
    const before = await count(core, 'companies');
    const res = await call(core, w.superuser, 'companies.create', { slug, name: 'X' });
    expect(res).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    if (!res.ok) expect(res.error.message).toMatch(/slug/);
    expect(await count(core, 'companies')).toBe(before);
  });

  it('accepts good slugs and refuses a taken one with a conflict', async () => {
    core = await makeTestCore();
    const w = await seedWorld(core);
    const made = ok(
      await call(core, w.superuser, 'companies.create', {
        slug: 'north-wind-2',
        name: 'Northwind',
        timezone: 'Asia/Tehran',
        currency: 'IRR',
      }),
    );
    expect(made).toMatchObject({
      slug: 'north-wind-2',
      timezone: 'Asia/Tehran',
      currency: 'IRR',
      isActive: true,
      walletBalance: 0,
      billingMode: 'per_call',
    });
    const dup = await call(core, w.superuser, 'companies.create', { slug: 'north-wind-2', name: 'Again' });
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuses a bad time zone, currency or unknown field with the field named', async () => {
    core = await makeTestCore();
    const w = await seedWorld(core);
    const before = await count(core, 'companies');
    for (const [arg, field] of [
      [{ slug: 'ok-slug', name: 'X', timezone: 'Mars/Olympus' }, 'timezone'],
      [{ slug: 'ok-slug', name: 'X', currency: 'dollars' }, 'currency'],
      // three capitals are not a currency: ISO 4217 codes only
      [{ slug: 'ok-slug', name: 'X', currency: 'ZZZ' }, 'currency'],
      [{ slug: 'ok-slug', name: 'X', currency: 'RIA' }, 'currency'],
      [{ slug: 'ok-slug', name: 'X', costPerBillable: 1.5 }, 'costPerBillable'],
      [{ slug: 'ok-slug', name: 'X', walletBalance: 100 }, 'walletBalance'],
      [{ slug: 'ok-slug', name: '   ' }, 'name'],
    ] as const) {
      const res = await call(core, w.superuser, 'companies.create', arg);
      expect(res.ok).toBe(false);
      if (!res.ok) {
        expect(res.error.code).toBe('BAD_INPUT');
        expect(res.error.message).toContain(field);
      }
    }
    expect(await count(core, 'companies')).toBe(before);
  });

  it('says which field each refusal is about, with what the console needs to word it again', async () => {
    core = await makeTestCore();
    const w = await seedWorld(core);
    const long = await call(core, w.superuser, 'companies.create', { slug: 'ok-slug', name: 'x'.repeat(121), currency: 'ZZZ' });
    expect(long).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        fields: [
          { path: 'name', issue: 'too_big', limit: 120, origin: 'string' },
          { path: 'currency', issue: 'custom', message: expect.stringContaining('ISO 4217') },
        ],
      },
    });
    // a service's refusal that names its field by the house convention ("slug: ...")
    expect(await call(core, w.superuser, 'companies.create', { slug: 'acme', name: 'Another' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', fields: [{ path: 'slug', message: 'the slug "acme" is already taken' }] },
    });
  });

  it('refuses a second company with the same name, on create and on rename, ignoring case', async () => {
    core = await makeTestCore();
    const w = await seedWorld(core);
    const before = await count(core, 'companies');
    expect(await call(core, w.superuser, 'companies.create', { slug: 'acme-2', name: ' ACME ' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/^name: /) },
    });
    expect(await count(core, 'companies')).toBe(before);
    expect(await call(core, w.superuser, 'companies.update', { companyId: w.companyB, name: 'acme' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    // keeping its own name is no clash
    ok(await call(core, w.superuser, 'companies.update', { companyId: w.companyA, name: 'Acme' }));
  });

  it('edits and deactivates, with an audit trail', async () => {
    core = await makeTestCore();
    const w = await seedWorld(core);
    const updated = ok(await call(core, w.superuser, 'companies.update', { companyId: w.companyA, name: 'Acme GmbH', isActive: false }));
    expect(updated).toMatchObject({ name: 'Acme GmbH', isActive: false });
    const actions = await core.db.column("select action from audit_log where entity = 'company' and entity_id = ? order by id", [
      String(w.companyA),
    ]);
    expect(actions).toEqual(['create', 'deactivate']);
  });

  it('lists only their own company to a company user', async () => {
    core = await makeTestCore();
    const w = await seedWorld(core);
    expect(ok(await call(core, w.superuser, 'companies.list', {})).map((c) => c.slug)).toEqual(['acme', 'globex']);
    expect(ok(await call(core, w.users.viewer, 'companies.list', {})).map((c) => c.slug)).toEqual(['acme']);
    expect(await call(core, w.users.viewer, 'companies.get', { companyId: w.companyB })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
