import { afterEach, describe, expect, it } from 'vitest';
import { nextBatch } from '../../../src-main/core/dialer/leasing';
import { recordResult } from '../../../src-main/core/results/record';
import { call, dialerWorld, ok, phoneOf, type DialerWorld, type World } from '../../world';

/** DESIGN.md §8 lists through the console's channels: every import a named list, counted per company. */
let d: DialerWorld;
afterEach(async () => d?.close());

const lines = (from: number, count: number) => Array.from({ length: count }, (_, i) => phoneOf(from + i)).join('\n');
const world = () => d.w as World;

describe('every import is a named list', () => {
  it("a company's people import into their company's own list; the owner into the site pool's, or a company's it names", async () => {
    d = await dialerWorld({ numbers: 0, users: true });
    const w = world();
    const mine = ok(await call(d.core, w.users.supervisor, 'numbers.import', { content: lines(0, 3), source: 'spring.csv' }));
    expect(mine.list).toMatchObject({ name: 'spring.csv', owner: 'company', created: true });
    const site = ok(await call(d.core, w.superuser, 'numbers.import', { content: lines(10, 2), list: 'Pool March' }));
    expect(site.list).toMatchObject({ name: 'Pool March', owner: 'site', created: true });
    const forGlobex = ok(await call(d.core, w.superuser, 'numbers.import', { companyId: w.companyB, content: lines(20, 1), list: 'G' }));
    expect(forGlobex.list).toMatchObject({ owner: 'company' });
    // the supervisor cannot name another company
    expect(await call(d.core, w.users.supervisor, 'numbers.import', { companyId: w.companyB, content: lines(30, 1) })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const acme = ok(await call(d.core, w.users.viewer, 'lists.list', { companyId: w.companyA }));
    expect(acme.lists.map((l) => [l.name, l.owner, l.size])).toEqual([
      ['spring.csv', 'company', 3],
      ['Pool March', 'site', 2],
    ]);
  });

  it('the same name again adds to the list; a name another owner uses that the company would see twice is refused, writing nothing', async () => {
    d = await dialerWorld({ numbers: 0, users: true });
    const w = world();
    ok(await call(d.core, w.superuser, 'numbers.import', { content: lines(0, 2), list: 'leads' }));
    const again = ok(await call(d.core, w.superuser, 'numbers.import', { content: lines(1, 3), list: 'leads' }));
    expect(again).toMatchObject({ added: 2, known: 1, list: { name: 'leads', created: false } });
    const before = { numbers: await d.count('numbers'), lists: await d.count('number_lists') };
    const clash = await call(d.core, w.users.admin, 'numbers.import', { content: lines(50, 2), list: 'leads' });
    expect(clash).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('already has a list named "leads"') },
    });
    ok(await call(d.core, w.users.admin, 'numbers.import', { content: lines(60, 1), list: 'acme only' }));
    const siteClash = await call(d.core, w.superuser, 'numbers.import', { content: lines(70, 1), list: 'acme only' });
    expect(siteClash).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect({ numbers: await d.count('numbers'), lists: await d.count('number_lists') }).toEqual({
      numbers: before.numbers + 1,
      lists: before.lists + 1,
    });
    expect(await call(d.core, w.superuser, 'numbers.import', { content: lines(80, 1), list: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
  });

  it("counts size, dialed, recycled, answered, remaining and penetration for the company asking; another company's lists are not seen", async () => {
    d = await dialerWorld({ numbers: 0, users: true });
    const w = world();
    ok(await call(d.core, w.superuser, 'numbers.import', { content: lines(0, 10), list: 'site' }));
    ok(await call(d.core, w.superuser, 'numbers.import', { companyId: w.companyB, content: lines(100, 4), list: 'globex own' }));
    const batch = await nextBatch(d.core, { companyId: w.companyA, size: 4, dialerId: 'x' });
    const statuses = ['ANSWERED', 'NO_ANSWER', 'BUSY', 'COMPLAINED'] as const;
    for (const [i, n] of batch.numbers.entries()) {
      await recordResult(d.core, w.companyA, {
        callId: `c${i}`,
        numberId: n.numberId,
        scenarioKey: 'sales',
        status: statuses[i],
        startedAt: d.clock.clock(),
        durationS: 9,
      });
    }
    // a later call to one of them (a callback or a retry) counts as recycled, not as a second number dialed
    await recordResult(d.core, w.companyA, {
      callId: 'again',
      numberId: batch.numbers[1].numberId,
      scenarioKey: 'sales',
      status: 'ANSWERED',
      startedAt: d.clock.clock(),
      durationS: 9,
    });
    const seen = ok(await call(d.core, w.users.viewer, 'lists.list', { companyId: w.companyA }));
    expect(seen.lists).toEqual([
      expect.objectContaining({
        name: 'site',
        owner: 'site',
        active: true,
        size: 10,
        dialed: 4,
        recycled: 1,
        answered: 3,
        remaining: 6,
        penetration: 40,
      }),
    ]);
    // the dashboard tells the first attempts from the later ones the same way
    expect(ok(await call(d.core, w.users.viewer, 'stats.attempts', { companyId: w.companyA, range: { preset: 'today' } }))).toMatchObject({
      dialed: 5,
      first: 4,
      recycled: 1,
      callbacks: 0,
    });
    const theirs = ok(await call(d.core, w.superuser, 'lists.list', { companyId: w.companyB }));
    expect(theirs.lists.map((l) => [l.name, l.dialed])).toEqual([
      ['globex own', 0],
      ['site', 0],
    ]);
  });

  it('a company switches a list off for itself alone; another company’s list is not its to switch', async () => {
    d = await dialerWorld({ numbers: 0, users: true });
    const w = world();
    const site = ok(await call(d.core, w.superuser, 'numbers.import', { content: lines(0, 2), list: 'site' }));
    const theirs = ok(await call(d.core, w.superuser, 'numbers.import', { companyId: w.companyB, content: lines(10, 2), list: 'theirs' }));
    const off = ok(
      await call(d.core, w.users.supervisor, 'lists.setActive', { companyId: w.companyA, listId: site.list.id, active: false }),
    );
    expect(off).toMatchObject({ name: 'site', active: false });
    expect(ok(await call(d.core, w.superuser, 'lists.list', { companyId: w.companyB })).lists.find((l) => l.name === 'site')?.active).toBe(
      true,
    );
    expect(
      await call(d.core, w.users.supervisor, 'lists.setActive', { companyId: w.companyA, listId: theirs.list.id, active: false }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(
      await call(d.core, w.users.viewer, 'lists.setActive', { companyId: w.companyA, listId: site.list.id, active: true }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it("a number's history shows the lists the company sees, never another company's list or its name", async () => {
    d = await dialerWorld({ numbers: 0, users: true });
    const w = world();
    ok(await call(d.core, w.superuser, 'numbers.import', { companyId: w.companyB, content: lines(0, 1), source: 'globex-secret.csv' }));
    ok(await call(d.core, w.superuser, 'numbers.import', { content: lines(0, 1), list: 'site spring' }));
    const seen = ok(await call(d.core, w.users.viewer, 'numbers.lookup', { companyId: w.companyA, phone: phoneOf(0) }));
    expect(seen.number).toMatchObject({ lists: ['site spring'], source: 'site spring', attempts: 0, onCompanyDnc: false });
    expect(JSON.stringify(seen)).not.toContain('globex-secret');
  });
});
