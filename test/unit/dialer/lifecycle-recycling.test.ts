import { afterEach, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { nextBatch } from '../../../src-main/core/dialer/leasing';
import { recordResult } from '../../../src-main/core/results/record';
import { removeRecycleRule, saveRecycleRule } from '../../../src-main/core/recycling/rules';
import type { RecyclableStatus } from '../../../src-shared/contract/lifecycle';
import type { CallStatus } from '../../../src-shared/statuses';
import { dialerWorld, type DialerWorld } from '../../world';

/** DESIGN.md §8 recycling, as the lease obeys it (run with the leasing cache on and off: vitest.config.ts). */
let d: DialerWorld;
afterEach(async () => d?.close());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const lease = (companyId: number, size = 100) => nextBatch(d.core, { companyId, size, dialerId: 'd1' });
const ids = (b: { numbers: { numberId: number }[] }) => b.numbers.map((n) => n.numberId);
let seq = 0;
const call = (companyId: number, numberId: number, status: CallStatus) =>
  recordResult(d.core, companyId, {
    callId: `c-${++seq}`,
    numberId,
    scenarioKey: 'sales',
    status,
    startedAt: d.clock.clock(),
    durationS: 0,
  });
const rule = (
  status: RecyclableStatus,
  delayMinutes: number,
  maxRetries: number,
  more: { ownAttempt?: boolean; isActive?: boolean } = {},
) =>
  saveRecycleRule(
    d.core.db,
    CLI_ACTOR,
    { companyId: d.w.companyA, status, delayMinutes, maxRetries, ownAttempt: more.ownAttempt ?? false, isActive: more.isActive ?? true },
    d.clock.clock(),
  );
const releaseAll = () => d.core.db.run('delete from leases');

describe('a recycling rule offers a number again after its delay, up to its retries', () => {
  it('NO_ANSWER after 4 hours, retried as its own attempt, at most 2 times; attempts counted per company', async () => {
    d = await dialerWorld({ numbers: 2 });
    await rule('NO_ANSWER', 240, 2, { ownAttempt: true });
    const [n1, n2] = d.numberIds;
    expect(ids(await lease(d.w.companyA, 1))).toEqual([n1]);
    await call(d.w.companyA, n1, 'NO_ANSWER');
    d.clock.advance(4 * HOUR - 60_000);
    expect(ids(await lease(d.w.companyA))).toEqual([n2]); // not yet: the delay has a minute to go
    await releaseAll();
    d.clock.advance(60_000);
    const retry = await lease(d.w.companyA);
    expect(retry.numbers[0]).toMatchObject({ numberId: n1, kind: 'recycled' });
    await call(d.w.companyA, n1, 'NO_ANSWER');
    await releaseAll();
    d.clock.advance(4 * HOUR);
    expect(ids(await lease(d.w.companyA, 1))).toEqual([n1]); // the second retry
    await call(d.w.companyA, n1, 'NO_ANSWER');
    await releaseAll();
    d.clock.advance(30 * DAY);
    expect(ids(await lease(d.w.companyA))).not.toContain(n1); // retries used up: the first call and two more
    const attempts = (companyId: number) =>
      d.core.db.value('select attempts from company_calls where company_id = ? and number_id = ?', [companyId, n1]);
    expect(await attempts(d.w.companyA)).toBe(3);
    expect(await attempts(d.w.companyB)).toBeUndefined();
  });

  it('a retry is still held by the global cooldown, unless the rule makes it the company’s own attempt', async () => {
    d = await dialerWorld({ numbers: 1 });
    await rule('BUSY', 30, 3);
    const [n1] = d.numberIds;
    await lease(d.w.companyA);
    await call(d.w.companyA, n1, 'BUSY');
    d.clock.advance(31 * 60_000);
    expect((await lease(d.w.companyA)).blocked?.reason).toBe('pool_exhausted'); // the 3-day cooldown its call started
    d.clock.advance(3 * DAY);
    expect((await lease(d.w.companyA)).numbers).toMatchObject([{ numberId: n1, kind: 'recycled' }]);
    await releaseAll();
    await rule('BUSY', 30, 3, { ownAttempt: true });
    await call(d.w.companyA, n1, 'BUSY');
    d.clock.advance(31 * 60_000);
    expect((await lease(d.w.companyA)).numbers).toMatchObject([{ numberId: n1, kind: 'recycled' }]);
  });

  it("another company's call since starts a cooldown that holds even the company's own retry", async () => {
    d = await dialerWorld({ numbers: 1 });
    await rule('NO_ANSWER', 60, 3, { ownAttempt: true });
    const [n1] = d.numberIds;
    await lease(d.w.companyA);
    await call(d.w.companyA, n1, 'NO_ANSWER');
    d.clock.advance(3 * DAY);
    await lease(d.w.companyB);
    await call(d.w.companyB, n1, 'NO_ANSWER');
    d.clock.advance(2 * HOUR);
    expect((await lease(d.w.companyA)).blocked?.reason).toBe('pool_exhausted');
    d.clock.advance(3 * DAY);
    expect(ids(await lease(d.w.companyA))).toEqual([n1]);
  });

  it('only the statuses a rule names are retried; a rule switched off or removed drops its retries', async () => {
    d = await dialerWorld({ numbers: 3 });
    await rule('NO_ANSWER', 10, 3, { ownAttempt: true });
    await rule('BUSY', 10, 3, { ownAttempt: true });
    const [n1, n2, n3] = d.numberIds;
    await lease(d.w.companyA);
    await call(d.w.companyA, n1, 'NO_ANSWER');
    await call(d.w.companyA, n2, 'BUSY');
    await call(d.w.companyA, n3, 'ANSWERED');
    await rule('BUSY', 10, 3, { ownAttempt: true, isActive: false });
    d.clock.advance(11 * 60_000);
    expect(ids(await lease(d.w.companyA))).toEqual([n1]);
    await releaseAll();
    await removeRecycleRule(d.core.db, CLI_ACTOR, { companyId: d.w.companyA, status: 'NO_ANSWER' }, d.clock.clock());
    expect((await lease(d.w.companyA)).blocked?.reason).toBe('pool_exhausted');
  });

  it('a retry is never offered to another company, nor past a status that ends the number for everyone', async () => {
    d = await dialerWorld({ numbers: 2 });
    await rule('NO_ANSWER', 10, 3, { ownAttempt: true });
    const [n1, n2] = d.numberIds;
    await lease(d.w.companyA);
    await call(d.w.companyA, n1, 'NO_ANSWER');
    await call(d.w.companyA, n2, 'NO_ANSWER');
    await d.core.db.run("update numbers set global_status = 'complained' where id = ?", [n2]);
    d.clock.advance(11 * 60_000);
    expect(ids(await lease(d.w.companyA))).toEqual([n1]);
    expect((await lease(d.w.companyB)).blocked?.reason).toBe('pool_exhausted');
  });

  it('a later delay applies to retries already waiting', async () => {
    d = await dialerWorld({ numbers: 1 });
    await rule('NO_ANSWER', 600, 3, { ownAttempt: true });
    const [n1] = d.numberIds;
    await lease(d.w.companyA);
    await call(d.w.companyA, n1, 'NO_ANSWER');
    await rule('NO_ANSWER', 5, 3, { ownAttempt: true });
    d.clock.advance(6 * 60_000);
    expect(ids(await lease(d.w.companyA))).toEqual([n1]);
  });

  it('lowering a rule’s retries applies to retries already waiting', async () => {
    d = await dialerWorld({ numbers: 1 });
    await rule('NO_ANSWER', 10, 3, { ownAttempt: true });
    const [n1] = d.numberIds;
    await lease(d.w.companyA);
    await call(d.w.companyA, n1, 'NO_ANSWER');
    d.clock.advance(11 * 60_000);
    expect(ids(await lease(d.w.companyA))).toEqual([n1]);
    await call(d.w.companyA, n1, 'NO_ANSWER'); // two calls: one retry left under 3, none under 1
    await rule('NO_ANSWER', 10, 1, { ownAttempt: true });
    d.clock.advance(11 * 60_000);
    expect((await lease(d.w.companyA)).blocked?.reason).toBe('pool_exhausted');
  });

  it('the queue only says where to look: a retry it names too early, or under a rule that is off, is not dialed', async () => {
    d = await dialerWorld({ numbers: 2 });
    await rule('NO_ANSWER', 60, 3, { ownAttempt: true });
    await rule('BUSY', 1, 3, { ownAttempt: true });
    const [n1, n2] = d.numberIds;
    await lease(d.w.companyA);
    await call(d.w.companyA, n1, 'NO_ANSWER');
    await call(d.w.companyA, n2, 'BUSY');
    // as another desk with other rules might have left it: both due now
    await d.core.db.run('update recycles set due_at = ? where company_id = ?', [d.clock.clock(), d.w.companyA]);
    await d.core.db.run("update recycle_rules set is_active = 0 where status = 'BUSY'");
    d.clock.advance(2 * 60_000);
    expect((await lease(d.w.companyA)).blocked?.reason).toBe('pool_exhausted');
    d.clock.advance(60 * 60_000);
    expect(ids(await lease(d.w.companyA))).toEqual([n1]);
  });
});
