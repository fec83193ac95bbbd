import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordResults } from '../../../src-main/core/results/record';
import type { ResultReport } from '../../../src-main/core/results/types';
import { makeSeededCore, type TestCore, type World } from '../../world';

/**
 * Many results in one request read what they need up front (on PostgreSQL: their earlier results and
 * their numbers in a few statements). Results of one request that share a call_id or a number must
 * still see what the ones before them wrote. This file runs on both engines.
 */
let core: TestCore;
let w: World;
beforeEach(async () => ({ core, world: w } = await makeSeededCore()));
afterEach(async () => core.dispose());

const number = async (phone: string) =>
  Number(await core.db.value("insert into numbers (phone, imported_at, source) values (?, ?, 'test') returning id", [phone, core.clock()]));
const lease = (numberId: number, companyId: number, dialerId: string) =>
  core.db.run('insert into leases (number_id, company_id, batch_id, dialer_id, leased_at, expires_at) values (?, ?, ?, ?, ?, ?)', [
    numberId,
    companyId,
    'b-1',
    dialerId,
    core.clock() - 60_000,
    core.clock() + 600_000,
  ]);
const report = (callId: string, over: Partial<ResultReport>): ResultReport => ({
  callId,
  scenarioKey: null,
  status: 'NO_ANSWER',
  startedAt: core.clock() - 30_000,
  durationS: 0,
  ...over,
});
const errors = (outcomes: Awaited<ReturnType<typeof recordResults>>['outcomes']) =>
  outcomes.map((o) => (o.ok ? (o.replayed ? 'replayed' : 'ok') : o.error.code));

describe('a request of many results', () => {
  it('lets later results of the request see what earlier ones wrote: their call_id, their number, its lease', async () => {
    const ours = await number('+49301234500');
    const theirs = await number('+49301234501');
    await lease(ours, w.companyA, 'desk-a');
    await lease(theirs, w.companyB, 'desk-b');
    const first = report('c1', { numberId: ours });
    const { outcomes } = await recordResults(core, w.companyA, [
      first,
      first, // the same report again: the first answer
      report('c1', { numberId: ours, status: 'BUSY' }), // the same call_id with other details
      report('c2', { phone: '+49301234500', status: 'POWER_OFF' }), // the same number by phone
      report('c3', { numberId: theirs }), // another company's live lease
      report('c4', { numberId: 987654 }),
      report('c5', { phone: '+49301234599', status: 'INBOUND_CALL' }),
      report('c6', { phone: '+49301234599', status: 'INBOUND_CALL' }),
    ]);
    expect(errors(outcomes)).toEqual(['ok', 'replayed', 'CONFLICT', 'ok', 'CONFLICT', 'NOT_FOUND', 'ok', 'ok']);
    expect(outcomes[1]).toMatchObject({ resultId: (outcomes[0] as { resultId: number }).resultId });

    const rows = await core.db.all<{ call_id: string; dialer_id: string | null; number_id: number | null }>(
      'select call_id, dialer_id, number_id from call_results where company_id = ? order by id',
      [w.companyA],
    );
    // the first result ended our lease, so the second call on the number was no longer under it
    expect(rows.map((r) => [r.call_id, r.dialer_id])).toEqual([
      ['c1', 'desk-a'],
      ['c2', null],
      ['c5', null],
      ['c6', null],
    ]);
    const attempts = await core.db.value('select attempts from company_calls where company_id = ? and number_id = ?', [w.companyA, ours]);
    expect(Number(attempts)).toBe(2);
    expect(await core.db.value('select global_status from numbers where id = ?', [ours])).toBe('power_off');
    // the unknown caller joined the pool once, and both calls are on that one number
    expect(Number(await core.db.value("select count(*) from numbers where phone = '+49301234599'"))).toBe(1);
    expect(rows[2].number_id).toBe(rows[3].number_id);
    // the refused results wrote nothing: the other company's lease stands, no row for c3 or c4
    expect(await core.db.value('select company_id from leases where number_id = ?', [theirs])).toBe(w.companyB);
    expect(Number(await core.db.value('select count(*) from leases where number_id = ?', [ours]))).toBe(0);
  });

  it('schedules the retry a rule asks for from the dedup pair each dialed call wrote', async () => {
    const now = core.clock();
    await core.db.run(
      "insert into recycle_rules (company_id, status, delay_minutes, max_retries, created_at, updated_at) values (?, 'BUSY', 10, 2, ?, ?)",
      [w.companyA, now, now],
    );
    const a = await number('+49301234610');
    const startedAt = now - 30_000;
    const busy = (callId: string) => report(callId, { numberId: a, status: 'BUSY', startedAt });
    await recordResults(core, w.companyA, [busy('b1'), busy('b2')]);
    const due = await core.db.get<{ status: string; due_at: number }>(
      'select status, due_at from recycles where company_id = ? and number_id = ?',
      [w.companyA, a],
    );
    expect(due && { status: due.status, dueAt: Number(due.due_at) }).toEqual({ status: 'BUSY', dueAt: startedAt + 10 * 60_000 });
    // a third BUSY is past the rule's two retries: the retry is dropped
    await recordResults(core, w.companyA, [busy('b3'), report('x', { numberId: await number('+49301234611') })]);
    expect(await core.db.get('select 1 from recycles where company_id = ? and number_id = ?', [w.companyA, a])).toBeUndefined();
    // within one request the last result on a number decides: scheduled twice, then past its retries
    const d = await number('+49301234612');
    const onD = (callId: string) => report(callId, { numberId: d, status: 'BUSY', startedAt });
    await recordResults(core, w.companyA, [onD('d1'), onD('d2'), onD('d3')]);
    expect(await core.db.get('select 1 from recycles where company_id = ? and number_id = ?', [w.companyA, d])).toBeUndefined();
    // every call after a number's first is a re-attempt on the dashboard: b2, b3, d2, d3
    const counted = await core.db.all<{ calls: number }>("select calls from attempt_stats where company_id = ? and kind = 'recycled'", [
      w.companyA,
    ]);
    expect(counted.reduce((sum, c) => sum + Number(c.calls), 0)).toBe(4);
  });

  it("closes the due callback of a number it calls, and only that number's", async () => {
    const now = core.clock();
    const due = await number('+49301234620');
    const other = await number('+49301234621');
    const later = await number('+49301234622');
    const ask = (numberId: number, dueAt: number) =>
      core.db.run(
        "insert into callbacks (company_id, number_id, due_at, state, created_at, updated_at, updated_by) values (?, ?, ?, 'pending', ?, ?, 'test')",
        [w.companyA, numberId, dueAt, now, now],
      );
    await ask(due, now - 60_000);
    await ask(later, now + 3_600_000);
    const { outcomes } = await recordResults(core, w.companyA, [
      report('k1', { numberId: other }),
      report('k2', { numberId: due }),
      report('k3', { numberId: later }),
    ]);
    const rows = await core.db.all<{ number_id: number; state: string; done_result_id: number | null }>(
      'select number_id, state, done_result_id from callbacks where company_id = ? order by number_id',
      [w.companyA],
    );
    expect(rows.map((r) => [Number(r.number_id), r.state, r.done_result_id === null ? null : Number(r.done_result_id)])).toEqual([
      [due, 'done', (outcomes[1] as { resultId: number }).resultId],
      [later, 'pending', null],
    ]);
  });

  it('writes many results together, each answer naming its own row, charge and balance', async () => {
    const numbers: number[] = [];
    for (let i = 0; i < 30; i++) numbers.push(await number(`+4930123470${String(i).padStart(2, '0')}`));
    const reports = numbers.map((numberId, i) =>
      report(`m${i}`, { numberId, status: i % 3 === 0 ? 'NO_ANSWER' : 'ANSWERED', durationS: i % 3 === 0 ? 0 : 40 + i }),
    );
    reports.splice(10, 0, report('bad', { numberId: 987654 })); // refused in the middle: the rest are kept
    const opening = Number(await core.db.value('select wallet_balance from companies where id = ?', [w.companyA]));
    const { outcomes, walletBalance } = await recordResults(core, w.companyA, reports);
    expect(errors(outcomes).filter((e) => e !== 'ok')).toEqual(['NOT_FOUND']);

    const rows = new Map(
      (
        await core.db.all<{ id: number; call_id: string; number_id: number; amount_charged: number; wallet_balance_after: number }>(
          'select id, call_id, number_id, amount_charged, wallet_balance_after from call_results where company_id = ?',
          [w.companyA],
        )
      ).map((r) => [Number(r.id), r]),
    );
    expect(rows.size).toBe(30);
    const charges = new Map(
      (
        await core.db.all<{ call_result_id: number; amount: number; balance_after: number }>(
          "select call_result_id, amount, balance_after from ledger_entries where company_id = ? and kind = 'charge'",
          [w.companyA],
        )
      ).map((e) => [Number(e.call_result_id), e]),
    );
    let balance = opening;
    reports.forEach((r, i) => {
      const o = outcomes[i];
      if (!o.ok) return;
      const row = rows.get(o.resultId)!;
      // the answer's row is the report's own: its call_id, its number, its charge and the balance after it
      expect([row.call_id, Number(row.number_id)]).toEqual([r.callId, r.numberId]);
      balance -= o.charged;
      expect(o.charged).toBe(r.status === 'ANSWERED' ? 50 : 0);
      expect([Number(row.amount_charged), Number(row.wallet_balance_after), o.walletBalance]).toEqual([o.charged, balance, balance]);
      const entry = charges.get(o.resultId);
      expect(entry && [Number(entry.amount), Number(entry.balance_after)]).toEqual(o.charged ? [-o.charged, balance] : undefined);
    });
    expect(charges.size).toBe(20);
    expect(walletBalance).toBe(balance);
    expect(Number(await core.db.value('select wallet_balance from companies where id = ?', [w.companyA]))).toBe(balance);
    expect(Number(await core.db.value('select count(*) from company_calls where company_id = ?', [w.companyA]))).toBe(30);
  });

  it('answers a replayed request with what the first one answered', async () => {
    const a = await number('+49301234600');
    const b = await number('+49301234601');
    const reports = [report('r1', { numberId: a, status: 'ANSWERED', durationS: 60 }), report('r2', { phone: '+49301234601' })];
    const first = await recordResults(core, w.companyA, reports);
    const again = await recordResults(core, w.companyA, [...reports, report('r2', { numberId: b, status: 'BUSY' })]);
    expect(errors(again.outcomes)).toEqual(['replayed', 'replayed', 'CONFLICT']);
    for (const i of [0, 1]) {
      const was = first.outcomes[i] as { resultId: number; charged: number; walletBalance: number };
      expect(again.outcomes[i]).toMatchObject({ resultId: was.resultId, charged: was.charged, walletBalance: was.walletBalance });
    }
    expect(Number(await core.db.value('select count(*) from call_results where company_id = ?', [w.companyA]))).toBe(2);
  });
});
