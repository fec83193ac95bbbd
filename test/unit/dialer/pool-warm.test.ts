import { afterEach, describe, expect, it } from 'vitest';
import { companyScan, deadNumbers, leasingReady, poolWritten, warmPoolCaches } from '../../../src-main/core/dialer/pool-cache';
import { makeTestCore, seedWorld, type TestCore } from '../../world';

let core: TestCore;
afterEach(async () => core?.dispose());

describe('warmPoolCaches', () => {
  it("fills every active company's dialed set and the dead set in slices, keeping what is noted meanwhile", async () => {
    core = await makeTestCore();
    const w = await seedWorld(core);
    const s = core.db.sqlite;
    const addNumber = s.prepare('insert into numbers (id, phone, global_status, imported_at) values (?, ?, ?, 0)');
    for (let id = 1; id <= 50; id++)
      addNumber.run(id, `+98912000${String(id).padStart(4, '0')}`, id % 10 === 0 ? 'power_off' : id % 7 === 0 ? 'complained' : 'active');
    const dial = s.prepare('insert into company_calls (company_id, number_id, first_called_at) values (?, ?, 0)');
    const dialedA = [1, 2, 3, 5, 8, 13, 21, 34];
    for (const id of dialedA) dial.run(w.companyA, id);
    dial.run(w.companyB, 4);

    const warming = warmPoolCaches(core.db, 3, 0); // every set, in slices of 3 rows: many yields
    for (let i = 0; i < 8; i++) await new Promise((r) => setImmediate(r));
    // a result recorded while the cache fills: its pair is committed, then noted
    dial.run(w.companyA, 44);
    poolWritten(core.db, { dialed: { companyId: w.companyA, numberIds: [44] } });
    await warming;

    const a = (await companyScan(core.db, core.db, w.companyA)).dialed;
    const b = (await companyScan(core.db, core.db, w.companyB)).dialed;
    const dead = await deadNumbers(core.db, core.db);
    const members = (set: { has(i: number): boolean }) => Array.from({ length: 51 }, (_, i) => i).filter((i) => set.has(i));
    expect(members(a)).toEqual([...dialedA, 44].sort((x, y) => x - y));
    expect(members(b)).toEqual([4]);
    expect(members(dead)).toEqual([7, 10, 14, 20, 21, 28, 30, 35, 40, 42, 49, 50]);
  });

  it("lets a lease wait for its own company's set, filled ahead of the others", async () => {
    core = await makeTestCore();
    const w = await seedWorld(core);
    const s = core.db.sqlite;
    const addNumber = s.prepare('insert into numbers (id, phone, imported_at) values (?, ?, 0)');
    const dial = s.prepare('insert into company_calls (company_id, number_id, first_called_at) values (?, ?, 0)');
    for (let id = 1; id <= 60; id++) {
      addNumber.run(id, `+98912000${String(id).padStart(4, '0')}`);
      dial.run(id <= 40 ? w.companyA : w.companyB, id);
    }
    expect(leasingReady(core.db, w.companyB)).toBeNull(); // nothing is filling
    const warming = warmPoolCaches(core.db, 2, 0); // company A first, in 20 slices
    const ready = leasingReady(core.db, w.companyB);
    expect(ready).not.toBeNull();
    await ready;
    const members = (set: { has(i: number): boolean }) => Array.from({ length: 61 }, (_, i) => i).filter((i) => set.has(i));
    expect(members((await companyScan(core.db, core.db, w.companyB)).dialed)).toEqual(Array.from({ length: 20 }, (_, i) => 41 + i));
    expect(members((await companyScan(core.db, core.db, w.companyA)).dialed).length).toBeLessThan(40); // still filling behind it
    await warming;
    expect(members((await companyScan(core.db, core.db, w.companyA)).dialed).length).toBe(40);
    expect(leasingReady(core.db, w.companyA)).toBeNull();
  });

  it('leaves sets smaller than the threshold to be built on demand', async () => {
    core = await makeTestCore();
    const w = await seedWorld(core);
    core.db.sqlite.prepare("insert into numbers (id, phone, imported_at) values (1, '+989120000001', 0)").run();
    core.db.sqlite.prepare('insert into company_calls (company_id, number_id, first_called_at) values (?, 1, 0)').run(w.companyA);
    await warmPoolCaches(core.db, 3, 1);
    // not cached yet, so built now from the table, with what was written after the warm-up
    core.db.sqlite.prepare("insert into numbers (id, phone, imported_at) values (2, '+989120000002', 0)").run();
    core.db.sqlite.prepare('insert into company_calls (company_id, number_id, first_called_at) values (?, 2, 0)').run(w.companyA);
    const scan = await companyScan(core.db, core.db, w.companyA);
    expect([1, 2].every((id) => scan.dialed.has(id))).toBe(true);
  });
});
