import { afterEach, describe, expect, it } from 'vitest';
import type { EventMap } from '../../../src-shared/events';
import { nextBatch } from '../../../src-main/core/dialer/leasing';
import { dialerWorld, phoneOf, call, makeTestCore, ok, seedWorld, type DialerWorld, type TestCore, type World } from '../../world';

let core: TestCore;
let w: World;
let d: DialerWorld | null = null;
afterEach(async () => {
  if (d) await d.close();
  else await core?.dispose();
  d = null;
});
const one = (sql: string) => core.db.sqlite.prepare(sql).pluck().get();
const phones = (count: number) => Array.from({ length: count }, (_, i) => `+1646${String(2000000 + i)}`);

/** The database may grow by this many pages more: SQLITE_FULL, as on a nearly full disk. */
function diskNearlyFull(extraPages: number): void {
  const pages = one('pragma page_count') as number;
  core.db.sqlite.pragma(`max_page_count = ${pages + extraPages}`);
}

const failedEntries = () =>
  (
    core.db.sqlite.prepare("select action, after from audit_log where entity = 'numbers' and action like '%_failed'").all() as {
      action: string;
      after: string;
    }[]
  ).map((r) => ({ action: r.action, after: JSON.parse(r.after) }));

describe('a list job that fails part-way says exactly what it committed', () => {
  it('import on a full disk: STORAGE_FULL naming the rows committed and the list, audited; running it again completes it', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    const list = phones(30_000);
    const progress: EventMap['import.progress'][] = [];
    core.events.subscribe((e, p) => e === 'import.progress' && progress.push(p as EventMap['import.progress']));
    diskNearlyFull(150);

    const failed = await call(core, w.users.supervisor, 'numbers.import', { content: list.join('\n'), source: 'spring-leads.csv' });
    const committed = one('select count(*) from numbers') as number;
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(list.length);
    const shown = committed.toLocaleString('en-US');
    expect(failed).toMatchObject({ ok: false, error: { code: 'STORAGE_FULL' } });
    const message = failed.ok ? '' : failed.error.message;
    expect(message).toContain('disk that holds the DialDesk database is full');
    expect(message).toContain(
      `"spring-leads.csv" stopped after ${shown} of its 30,000 numbers were committed (${shown} new, 0 already in the pool)`,
    );
    expect(message).toContain('Import "spring-leads.csv" again');
    expect(failedEntries()).toEqual([
      {
        action: 'import_failed',
        after: { source: 'spring-leads.csv', committedRows: committed, added: committed, known: 0, error: 'STORAGE_FULL' },
      },
    ]);
    expect(progress.at(-1)).toMatchObject({ phase: 'failed', done: committed, total: 30_000 });
    expect(one("select count(*) from audit_log where action = 'import'")).toBe(0);

    // space freed: the same list again adds exactly what was missing
    core.db.sqlite.pragma('max_page_count = 1073741823');
    const again = ok(await call(core, w.users.supervisor, 'numbers.import', { content: list.join('\n'), source: 'spring-leads.csv' }));
    expect(again).toMatchObject({ rows: 30_000, added: 30_000 - committed, known: committed });
    expect(one('select count(*) from numbers')).toBe(30_000);
    expect(one('select count(distinct source) from numbers')).toBe(1);
  });

  it('a do-not-call list on a full disk: what was marked and added is named, audited, and what was marked is in force at once', async () => {
    d = await dialerWorld({ numbers: 5_000, users: true });
    core = d.core;
    const su = d.w.superuser!;
    // the leasing cache is warm, as on a desk where dialers are working
    expect((await nextBatch(core, { companyId: d.w.companyA, size: 10, dialerId: 'rack-1' })).numbers).toHaveLength(10);
    const list = Array.from({ length: 30_000 }, (_, i) => phoneOf(i));
    diskNearlyFull(60);

    const failed = await call(core, su, 'numbers.dnc', { content: list.join('\n'), source: 'complaints.txt' });
    expect(failed).toMatchObject({ ok: false, error: { code: 'STORAGE_FULL' } });
    const listed = one('select count(*) from dnc_entries where company_id is null') as number;
    const marked = one("select count(*) from numbers where global_status = 'complained' and source <> 'complaints.txt'") as number;
    expect(listed).toBeGreaterThan(0);
    expect(listed).toBeLessThan(list.length);
    // the pool's numbers come first in the list: each one listed so far is marked
    expect(marked).toBe(Math.min(listed, 5_000));
    const n = (v: number) => v.toLocaleString('en-US');
    expect(failed.ok ? '' : failed.error.message).toContain(
      `the do-not-call import of "complaints.txt" stopped after ${n(listed)} numbers were committed (${n(listed)} added to the list, 0 already on it, ${n(marked)} marked complained)`,
    );
    expect(failedEntries()).toEqual([
      {
        action: 'dnc_failed',
        after: { source: 'complaints.txt', committedRows: listed, added: listed, known: 0, marked, error: 'STORAGE_FULL' },
      },
    ]);
    // what was committed is in force: no dialer is handed a number that is now complained
    core.db.sqlite.pragma('max_page_count = 1073741823');
    const leased = (await nextBatch(core, { companyId: d.w.companyB, size: 500, dialerId: 'rack-2' })).numbers;
    if (marked < 5_000) expect(leased.length).toBeGreaterThan(0);
    expect(leased.filter((x) => list.slice(0, listed).includes(x.phone))).toEqual([]);
    core.db.sqlite.prepare('delete from leases').run();

    const again = ok(await call(core, su, 'numbers.dnc', { content: list.join('\n'), source: 'complaints.txt' }));
    expect(again).toMatchObject({ scope: 'site', marked: 5_000 - marked, added: 30_000 - listed, known: listed });
    expect(one("select count(*) from numbers where global_status <> 'complained'")).toBe(0);
  });

  it('bad input found part-way through a do-not-call list keeps its code, says what was committed, and is audited', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    // quoted (csv-parse), broken only at its end: the list is written as read, so most of it committed first
    const text = `"phone"\n${phones(20_000)
      .map((p) => `"${p}"`)
      .join('\n')}\n"+1212"x"\n`;
    const failed = await call(core, w.superuser, 'numbers.dnc', { content: text, source: 'dnc.csv' });
    const committed = one('select count(*) from numbers') as number;
    expect(committed).toBeGreaterThan(0);
    expect(failed).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(failed.ok ? '' : failed.error.message).toMatch(
      new RegExp(
        `^dnc\\.csv could not be read as CSV: .*; the do-not-call import of "dnc\\.csv" stopped after ${committed.toLocaleString('en-US')} numbers were committed`,
      ),
    );
    expect(failedEntries()).toMatchObject([
      { action: 'dnc_failed', after: { committedRows: committed, added: committed, error: 'BAD_INPUT' } },
    ]);

    // bad input that wrote nothing is answered as it is, and leaves no trace
    const auditBefore = one('select count(*) from audit_log');
    const early = await call(core, w.superuser, 'numbers.dnc', { content: `"phone"\n"+1212"x"\n"+12125550100"\n`, source: 'early.csv' });
    expect(early).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.not.stringContaining('committed') } });
    expect(one('select count(*) from audit_log')).toBe(auditBefore);
  });
});
