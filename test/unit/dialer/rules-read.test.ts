import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { companyOf } from '../../../src-main/core/companies/companies';
import { numberRulesFor } from '../../../src-main/core/dialer/eligible';
import { routingOf } from '../../../src-main/core/dialer/rules';
import { makeSeededCore, type TestCore, type World } from '../../world';

/**
 * What a lease reads of its company before it picks numbers: on PostgreSQL the rules and the routing
 * are one statement each, on SQLite several prepared reads; both must read the same (this file runs
 * on both engines).
 */
let core: TestCore;
let w: World;
beforeEach(async () => ({ core, world: w } = await makeSeededCore()));
afterEach(async () => core.dispose());

const id = async (sql: string, params: unknown[]) => Number(await core.db.value(`${sql} returning id`, params));

describe('the company rules a lease reads', () => {
  it('reads the closed lists, the own do-not-call list and the callee-hours setting as they are', async () => {
    const now = core.clock();
    const read = async () => numberRulesFor(core.db, core.db, await companyOf(core.db, w.companyA), now, now - 1);
    const none = await read();
    expect({ closed: none.closedLists, dnc: none.companyDnc, zones: none.openZones }).toEqual({ closed: [], dnc: false, zones: null });

    const listOfB = await id('insert into number_lists (company_id, name, created_at) values (?, ?, ?)', [w.companyB, 'b', now]);
    const siteList = await id('insert into number_lists (company_id, name, created_at) values (null, ?, ?)', ['site', now]);
    const ownList = await id('insert into number_lists (company_id, name, created_at) values (?, ?, ?)', [w.companyA, 'own', now]);
    await core.db.run('insert into list_switches (company_id, list_id, is_active, updated_at) values (?, ?, 0, ?), (?, ?, 1, ?)', [
      w.companyA,
      siteList,
      now,
      w.companyA,
      ownList,
      now,
    ]);
    // another company's do-not-call entry is not this company's
    await core.db.run('insert into dnc_entries (company_id, phone, added_at) values (?, ?, ?)', [w.companyB, '+15550001', now]);
    const lists = await read();
    expect(lists.closedLists).toEqual([listOfB, siteList].sort((a, b) => a - b));
    expect(lists.companyDnc).toBe(false);

    await core.db.run('insert into dnc_entries (company_id, phone, added_at) values (?, ?, ?)', [w.companyA, '+15550001', now]);
    await core.db.run(
      "insert into company_dialing (company_id, callee_local_hours, ambiguous_zones, updated_at) values (?, 1, 'company', ?)",
      [w.companyA, now],
    );
    const all = await read();
    expect(all.companyDnc).toBe(true);
    expect(all.openZones).toEqual(expect.any(Array));
  });

  it('reads the active scenarios, lines and agents by name, and leaves out the inactive', async () => {
    const now = core.clock();
    const a = w.companyA;
    const empty = await routingOf(core.db, a);
    expect(empty).toEqual({ activeScenarios: [], outboundLines: [], inboundAgents: [], outboundAgents: [] });

    const sales = await id('insert into scenarios (company_id, key, name, is_active, created_at, updated_at) values (?, ?, ?, 1, ?, ?)', [
      a,
      'sales',
      'Sales',
      now,
      now,
    ]);
    const appt = await id('insert into scenarios (company_id, key, name, is_active, created_at, updated_at) values (?, ?, ?, 1, ?, ?)', [
      a,
      'appt',
      'Appointments',
      now,
      now,
    ]);
    await id('insert into scenarios (company_id, key, name, is_active, created_at, updated_at) values (?, ?, ?, 0, ?, ?)', [
      a,
      'off',
      'Off',
      now,
      now,
    ]);
    await id('insert into scenarios (company_id, key, name, is_active, created_at, updated_at) values (?, ?, ?, 1, ?, ?)', [
      w.companyB,
      'b',
      'B',
      now,
      now,
    ]);
    const line = await id('insert into outbound_lines (company_id, phone, name, created_at) values (?, ?, ?, ?)', [
      a,
      '+15550100',
      'Main',
      now,
    ]);
    const agent = (name: string, type: string, active = 1) =>
      id('insert into agents (company_id, name, extension, type, is_active, created_at) values (?, ?, ?, ?, ?, ?)', [
        a,
        name,
        `x-${name}`,
        type,
        active,
        now,
      ]);
    const zoe = await agent('Zoe', 'outbound');
    const ann = await agent('Ann', 'outbound');
    const inb = await agent('Ivy', 'inbound');
    await agent('Old', 'outbound', 0);

    expect(await routingOf(core.db, a)).toEqual({
      activeScenarios: [
        { id: appt, key: 'appt', name: 'Appointments' },
        { id: sales, key: 'sales', name: 'Sales' },
      ],
      outboundLines: [{ id: line, phone: '+15550100', name: 'Main' }],
      inboundAgents: [{ id: inb, name: 'Ivy', extension: 'x-Ivy' }],
      outboundAgents: [
        { id: ann, name: 'Ann', extension: 'x-Ann' },
        { id: zoe, name: 'Zoe', extension: 'x-Zoe' },
      ],
    });
  });
});
