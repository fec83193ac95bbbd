import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { nextBatch } from '../../../src-main/core/dialer/leasing';
import { importNumbers } from '../../../src-main/core/numbers/import';
import { importDoNotCall } from '../../../src-main/core/dnc/dnc';
import { setListActive } from '../../../src-main/core/lists/lists';
import { dialerWorld, phoneOf, type DialerWorld } from '../../world';
import { testEngine } from '../../world/engine';

/**
 * DESIGN.md §8 lists and do-not-call scopes, as the lease obeys them (run with the leasing cache on
 * and off: vitest.config.ts).
 */
let d: DialerWorld;
afterEach(async () => d?.close());

const lease = (companyId: number, size = 100) => nextBatch(d.core, { companyId, size, dialerId: 'd1' });
const phonesOf = (b: { numbers: { phone: string }[] }) => b.numbers.map((n) => n.phone).sort();
const releaseAll = () => d.core.db.run('delete from leases');
const list = (from: number, count: number) => Array.from({ length: count }, (_, i) => phoneOf(from + i));
const importList = (companyId: number | null, name: string, phones: string[]) =>
  importNumbers(d.core, CLI_ACTOR, { source: { content: phones.join('\n') }, companyId, listName: name });

describe('lists decide which company may dial a number', () => {
  it("a company's own list is dialed by that company alone; the site pool's by everyone", async () => {
    d = await dialerWorld({ numbers: 0 });
    const acmeOwn = list(0, 3);
    const site = list(10, 2);
    await importList(d.w.companyA, 'acme leads', acmeOwn);
    await importList(null, 'site leads', site);
    expect(phonesOf(await lease(d.w.companyB))).toEqual(site);
    await releaseAll();
    expect(phonesOf(await lease(d.w.companyA))).toEqual([...acmeOwn, ...site].sort());
  });

  it('a list a company switched off is not dialed by it, and is again the moment it is switched back on', async () => {
    d = await dialerWorld({ numbers: 0 });
    const spring = list(0, 3);
    const report = await importList(null, 'spring', spring);
    await setListActive(d.core, CLI_ACTOR, { companyId: d.w.companyA, listId: report.list.id, active: false });
    expect((await lease(d.w.companyA)).blocked?.reason).toBe('pool_exhausted');
    // the other company is not affected by acme's switch
    expect(phonesOf(await lease(d.w.companyB, 1))).toHaveLength(1);
    await releaseAll();
    await setListActive(d.core, CLI_ACTOR, { companyId: d.w.companyA, listId: report.list.id, active: true });
    expect(phonesOf(await lease(d.w.companyA))).toEqual(spring);
  });

  it("a number also on a list open to the company stays the company's, whichever list it came in on", async () => {
    d = await dialerWorld({ numbers: 0 });
    const shared = list(0, 2);
    await importList(d.w.companyB, 'globex leads', [...shared, phoneOf(5)]);
    // the same two numbers, later, on acme's own list: the pool keeps one number each, on both lists
    const again = await importList(d.w.companyA, 'acme leads', shared);
    expect(again).toMatchObject({ added: 0, known: 2, list: { owner: 'company', created: true } });
    expect(phonesOf(await lease(d.w.companyA))).toEqual(shared);
  });

  it('a number joining an open list after the lease cache was built is offered at once', async () => {
    d = await dialerWorld({ numbers: 0 });
    const theirs = list(0, 3);
    await importList(d.w.companyB, 'globex leads', theirs);
    await importList(d.w.companyA, 'acme leads', [phoneOf(50)]);
    expect(phonesOf(await lease(d.w.companyA))).toEqual([phoneOf(50)]); // builds acme's sets with globex's list closed to it
    await importList(d.w.companyA, 'acme leads', theirs.slice(0, 2));
    expect(phonesOf(await lease(d.w.companyA))).toEqual(theirs.slice(0, 2));
  });

  // about the caches, which PostgreSQL does not have
  it.skipIf(testEngine() === 'postgres')(
    'a list joined or switched on by another process on the file is obeyed by the next lease',
    async () => {
      d = await dialerWorld({ numbers: 0 });
      const theirs = list(0, 2);
      await importList(d.w.companyB, 'globex leads', theirs);
      const ours = await importList(d.w.companyA, 'acme leads', [phoneOf(50)]);
      expect(phonesOf(await lease(d.w.companyA))).toEqual([phoneOf(50)]);
      const other = new Database(d.core.db.file);
      other.prepare('insert into list_members (number_id, list_id) select id, ? from numbers where phone = ?').run(ours.list.id, theirs[0]);
      other.close();
      expect(phonesOf(await lease(d.w.companyA))).toEqual([theirs[0]]);
    },
  );

  it('numbers with no list at all (callers that came in) stay in the pool for everyone', async () => {
    d = await dialerWorld({ numbers: 2 });
    await importList(d.w.companyB, 'globex leads', list(100, 2));
    expect(phonesOf(await lease(d.w.companyA))).toEqual([phoneOf(0), phoneOf(1)]);
  });
});

describe('do-not-call scopes', () => {
  it("a company's own list keeps the number from that company alone, and adds nothing to the pool", async () => {
    d = await dialerWorld({ numbers: 3 });
    const report = await importDoNotCall(d.core, CLI_ACTOR, {
      source: { content: `${phoneOf(1)}\n+12125559999\n` },
      companyId: d.w.companyA,
    });
    expect(report).toMatchObject({ scope: 'company', added: 2, known: 0, marked: 0 });
    expect(await d.count('numbers')).toBe(3);
    expect(await d.count('numbers', "global_status <> 'active'")).toBe(0);
    expect(phonesOf(await lease(d.w.companyA))).toEqual([phoneOf(0), phoneOf(2)]);
    await releaseAll();
    expect(phonesOf(await lease(d.w.companyB))).toEqual([phoneOf(0), phoneOf(1), phoneOf(2)]);
  });

  it("holds for a number imported after it was put on the company's list", async () => {
    d = await dialerWorld({ numbers: 0 });
    await importDoNotCall(d.core, CLI_ACTOR, { source: { content: `${phoneOf(7)}\n` }, companyId: d.w.companyA });
    await lease(d.w.companyA); // the company's caches are built before the number arrives
    await importList(null, 'late', [phoneOf(7), phoneOf(8)]);
    expect(phonesOf(await lease(d.w.companyA))).toEqual([phoneOf(8)]);
  });

  it("the site's list keeps the number from every company", async () => {
    d = await dialerWorld({ numbers: 3 });
    const report = await importDoNotCall(d.core, CLI_ACTOR, { source: { content: `${phoneOf(2)}\n` }, companyId: null });
    expect(report).toMatchObject({ scope: 'site', added: 1, marked: 1 });
    expect(phonesOf(await lease(d.w.companyA))).toEqual([phoneOf(0), phoneOf(1)]);
    await releaseAll();
    expect(phonesOf(await lease(d.w.companyB))).toEqual([phoneOf(0), phoneOf(1)]);
  });
});
