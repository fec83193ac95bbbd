import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSeededCore, call, ok, type TestCore, type World } from '../../world';

let core: TestCore;
let w: World;
beforeEach(async () => {
  ({ core, world: w } = await makeSeededCore());
});
afterEach(async () => core.dispose());

const count = async (table: string) => core.db.value<number>(`select count(*) from ${table}`);
const auditActions = async (entity: string, id: number) =>
  core.db.column<string>('select action from audit_log where entity = ? and entity_id = ? order by id', [entity, String(id)]);

/** Runs a call that must fail with `code`, and checks it wrote nothing at all (no rows, no audit). */
async function refused(code: string, field: string | null, run: () => Promise<unknown>) {
  const tables = ['scenarios', 'outbound_lines', 'agents', 'audit_log'];
  const before = await Promise.all(tables.map(count));
  const res = (await run()) as { ok: boolean; error?: { code: string; message: string } };
  expect(res.ok, JSON.stringify(res)).toBe(false);
  expect(res.error?.code).toBe(code);
  if (field) expect(res.error?.message).toContain(field);
  expect(await Promise.all(tables.map(count))).toEqual(before);
}

describe('scenarios', () => {
  it('creates, lists (active first), edits, deactivates and reactivates, with an audit trail', async () => {
    const sup = w.users.supervisor;
    const a = ok(await call(core, sup, 'scenarios.create', { companyId: w.companyA, key: 'spring_sale-2', name: 'Spring sale' }));
    expect(a).toMatchObject({ key: 'spring_sale-2', name: 'Spring sale', description: '', isActive: true, companyId: w.companyA });
    const b = ok(await call(core, sup, 'scenarios.create', { companyId: w.companyA, key: 'alpha', name: 'Alpha', isActive: false }));
    expect(ok(await call(core, w.users.viewer, 'scenarios.list', { companyId: w.companyA })).map((s) => s.key)).toEqual([
      'spring_sale-2',
      'alpha',
    ]);

    const edited = ok(
      await call(core, sup, 'scenarios.update', { companyId: w.companyA, id: b.id, description: 'Old customers', isActive: true }),
    );
    expect(edited).toMatchObject({ key: 'alpha', description: 'Old customers', isActive: true });
    const off = ok(await call(core, sup, 'scenarios.deactivate', { companyId: w.companyA, id: a.id }));
    expect(off.isActive).toBe(false);
    ok(await call(core, sup, 'scenarios.update', { companyId: w.companyA, id: a.id, isActive: true }));
    expect(await auditActions('scenario', a.id)).toEqual(['create', 'deactivate', 'activate']);
    expect(await auditActions('scenario', b.id)).toEqual(['create', 'activate']);
    // the rows are still there: nothing is ever deleted
    expect(await count('scenarios')).toBe(2);
  });

  it.each(['Spring', 'with space', '_leading', '', 'a'.repeat(65), 'ümlaut', 'semi;colon'])('refuses the key %j', async (key) => {
    await refused('BAD_INPUT', 'key', () => call(core, w.users.supervisor, 'scenarios.create', { companyId: w.companyA, key, name: 'X' }));
  });

  it('refuses a duplicate key in the same company, allows it in another', async () => {
    ok(await call(core, w.superuser, 'scenarios.create', { companyId: w.companyA, key: 'promo', name: 'Promo' }));
    await refused('CONFLICT', 'promo', () =>
      call(core, w.superuser, 'scenarios.create', { companyId: w.companyA, key: 'promo', name: 'Again' }),
    );
    ok(await call(core, w.superuser, 'scenarios.create', { companyId: w.companyB, key: 'promo', name: 'Globex promo' }));
  });

  it('refuses an empty name, an unknown field, and the key in an update', async () => {
    const s = ok(await call(core, w.superuser, 'scenarios.create', { companyId: w.companyA, key: 'promo', name: 'Promo' }));
    await refused('BAD_INPUT', 'name', () =>
      call(core, w.users.admin, 'scenarios.update', { companyId: w.companyA, id: s.id, name: '  ' }),
    );
    await refused('BAD_INPUT', 'key', () =>
      call(core, w.users.admin, 'scenarios.update', { companyId: w.companyA, id: s.id, key: 'other' }),
    );
    await refused('BAD_INPUT', 'isActive', () =>
      call(core, w.users.admin, 'scenarios.update', { companyId: w.companyA, id: s.id, isActive: 'yes' }),
    );
  });

  it("does not let a company reach another company's scenario by id", async () => {
    const theirs = ok(await call(core, w.superuser, 'scenarios.create', { companyId: w.companyB, key: 'secret', name: 'Secret' }));
    // naming their company is refused centrally; naming ours with their id finds nothing
    await refused('FORBIDDEN', null, () =>
      call(core, w.users.admin, 'scenarios.update', { companyId: w.companyB, id: theirs.id, name: 'Mine' }),
    );
    await refused('NOT_FOUND', null, () =>
      call(core, w.users.admin, 'scenarios.update', { companyId: w.companyA, id: theirs.id, name: 'Mine' }),
    );
    await refused('FORBIDDEN', null, () => call(core, w.users.viewer, 'scenarios.list', { companyId: w.companyB }));
  });
});

describe('outbound lines', () => {
  it.each([
    ['+49 30 1234567', undefined, '+49301234567'],
    ['0049-30-1234567', undefined, '+49301234567'],
    ['030 1234567', 'DE', '+49301234567'],
    ['(212) 555-0143', 'US', '+12125550143'],
    ['+98 912 345 6789', undefined, '+989123456789'],
  ])('stores %j (region %s) as %s', async (phone, region, e164) => {
    const line = ok(
      await call(core, w.users.supervisor, 'lines.create', { companyId: w.companyA, phone, name: 'Main', ...(region && { region }) }),
    );
    expect(line).toMatchObject({ phone: e164, name: 'Main', isActive: true });
  });

  it.each(['030 1234567', 'not a number', '+49', '+999 123 456'])('refuses %j naming the phone field, writing nothing', async (phone) => {
    await refused('BAD_INPUT', 'phone', () => call(core, w.users.supervisor, 'lines.create', { companyId: w.companyA, phone, name: 'X' }));
  });

  it('refuses a bad region with the field named', async () => {
    await refused('BAD_INPUT', 'region', () =>
      call(core, w.users.supervisor, 'lines.create', { companyId: w.companyA, phone: '030 1234567', region: 'germany', name: 'X' }),
    );
  });

  it('treats two spellings of one number as a duplicate in a company, not across companies', async () => {
    ok(await call(core, w.superuser, 'lines.create', { companyId: w.companyA, phone: '+49 30 1234567', name: 'Berlin' }));
    await refused('CONFLICT', '+49301234567', () =>
      call(core, w.superuser, 'lines.create', { companyId: w.companyA, phone: '0049301234567', name: 'Dup' }),
    );
    ok(await call(core, w.superuser, 'lines.create', { companyId: w.companyB, phone: '+49301234567', name: 'Globex Berlin' }));
  });

  it('edits the phone and name, refuses an update onto a taken phone, deactivates', async () => {
    const sup = w.users.supervisor;
    const one = ok(await call(core, sup, 'lines.create', { companyId: w.companyA, phone: '+49301234567', name: 'One' }));
    const two = ok(await call(core, sup, 'lines.create', { companyId: w.companyA, phone: '+49301234568', name: 'Two' }));
    await refused('CONFLICT', 'phone', () =>
      call(core, sup, 'lines.update', { companyId: w.companyA, id: two.id, phone: '+49 30 1234567' }),
    );
    await refused('BAD_INPUT', 'phone', () => call(core, sup, 'lines.update', { companyId: w.companyA, id: two.id, phone: 'nope' }));
    const moved = ok(
      await call(core, sup, 'lines.update', { companyId: w.companyA, id: two.id, phone: '030 7654321', region: 'DE', name: 'Two!' }),
    );
    expect(moved).toMatchObject({ phone: '+49307654321', name: 'Two!' });
    expect(ok(await call(core, sup, 'lines.deactivate', { companyId: w.companyA, id: one.id })).isActive).toBe(false);
    expect(ok(await call(core, w.users.viewer, 'lines.list', { companyId: w.companyA })).map((l) => [l.name, l.isActive])).toEqual([
      ['Two!', true],
      ['One', false],
    ]);
    expect(await auditActions('outbound_line', two.id)).toEqual(['create', 'update']);
    expect(await auditActions('outbound_line', one.id)).toEqual(['create', 'deactivate']);
  });
});

describe('agents', () => {
  it('creates inbound and outbound agents, lists them by type, edits and deactivates', async () => {
    const sup = w.users.supervisor;
    const anna = ok(
      await call(core, sup, 'agents.create', { companyId: w.companyA, name: 'Anna', extension: 'sip:anna@pbx.local', type: 'inbound' }),
    );
    const bob = ok(await call(core, sup, 'agents.create', { companyId: w.companyA, name: 'Bob', extension: '1002', type: 'outbound' }));
    expect(anna).toMatchObject({ name: 'Anna', extension: 'sip:anna@pbx.local', type: 'inbound', isActive: true });
    expect(ok(await call(core, w.users.viewer, 'agents.list', { companyId: w.companyA, type: 'outbound' })).map((a) => a.name)).toEqual([
      'Bob',
    ]);
    expect(ok(await call(core, w.users.viewer, 'agents.list', { companyId: w.companyA })).map((a) => a.name)).toEqual(['Anna', 'Bob']);
    const moved = ok(
      await call(core, sup, 'agents.update', { companyId: w.companyA, id: bob.id, type: 'inbound', extension: '+49301234567' }),
    );
    expect(moved).toMatchObject({ type: 'inbound', extension: '+49301234567' });
    ok(await call(core, sup, 'agents.deactivate', { companyId: w.companyA, id: anna.id }));
    expect(await auditActions('agent', anna.id)).toEqual(['create', 'deactivate']);
    expect(await auditActions('agent', bob.id)).toEqual(['create', 'update']);
  });

  it('refuses a bad type, extension or name with the field named', async () => {
    const sup = w.users.supervisor;
    await refused('BAD_INPUT', 'type', () =>
      call(core, sup, 'agents.create', { companyId: w.companyA, name: 'A', extension: '1001', type: 'both' }),
    );
    await refused('BAD_INPUT', 'extension', () =>
      call(core, sup, 'agents.create', { companyId: w.companyA, name: 'A', extension: '10 01', type: 'inbound' }),
    );
    await refused('BAD_INPUT', 'name', () =>
      call(core, sup, 'agents.create', { companyId: w.companyA, name: '', extension: '1001', type: 'inbound' }),
    );
  });

  it('keeps one active agent per extension; a deactivated one frees it, reactivating onto it conflicts', async () => {
    const sup = w.users.supervisor;
    const first = ok(await call(core, sup, 'agents.create', { companyId: w.companyA, name: 'Anna', extension: '1001', type: 'inbound' }));
    await refused('CONFLICT', 'Anna', () =>
      call(core, sup, 'agents.create', { companyId: w.companyA, name: 'Ben', extension: '1001', type: 'outbound' }),
    );
    ok(await call(core, sup, 'agents.deactivate', { companyId: w.companyA, id: first.id }));
    ok(await call(core, sup, 'agents.create', { companyId: w.companyA, name: 'Ben', extension: '1001', type: 'inbound' }));
    await refused('CONFLICT', 'extension', () => call(core, sup, 'agents.update', { companyId: w.companyA, id: first.id, isActive: true }));
    // another company has its own extensions
    ok(await call(core, w.superuser, 'agents.create', { companyId: w.companyB, name: 'Cleo', extension: '1001', type: 'inbound' }));
  });
});

describe('who may change the setup', () => {
  it('lets a viewer look but not change; a supervisor changes', async () => {
    expect(ok(await call(core, w.users.viewer, 'agents.list', { companyId: w.companyA }))).toEqual([]);
    for (const [channel, arg] of [
      ['scenarios.create', { companyId: w.companyA, key: 'x', name: 'X' }],
      ['lines.create', { companyId: w.companyA, phone: '+49301234567', name: 'X' }],
      ['agents.create', { companyId: w.companyA, name: 'X', extension: '1', type: 'inbound' }],
    ] as const) {
      await refused('FORBIDDEN', null, () => call(core, w.users.viewer, channel, arg));
      ok(await call(core, w.users.supervisor, channel, arg));
    }
  });

  it('refuses a company that does not exist with NOT_FOUND (superuser)', async () => {
    await refused('NOT_FOUND', null, () => call(core, w.superuser, 'lines.create', { companyId: 999, phone: '+49301234567', name: 'X' }));
  });
});
