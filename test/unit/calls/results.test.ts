import { afterEach, describe, expect, it } from 'vitest';
import { nextBatch } from '../../../src-main/core/dialer/leasing';
import { recordResult, recordResults } from '../../../src-main/core/results/record';
import type { ResultReport } from '../../../src-main/core/results/types';
import { walletMatchesLedger } from '../../../src-main/core/billing/ledger';
import { CALL_STATUSES, isBillable, type CallStatus } from '../../../src-shared/statuses';
import type { EventMap, EventName } from '../../../src-shared/events';
import { dialerWorld, phoneOf, type DialerWorld } from '../../world';

let d: DialerWorld;
afterEach(async () => d?.close());

const rep = (over: Partial<ResultReport> = {}): ResultReport => ({
  callId: `c-${Math.random().toString(36).slice(2)}`,
  scenarioKey: 'sales',
  status: 'ANSWERED',
  startedAt: d.clock.clock() - 60_000,
  durationS: 61,
  ...over,
});
const numberRow = (id: number) =>
  d.core.db.sqlite.prepare('select global_status, last_called_at, last_called_company_id from numbers where id = ?').get(id) as {
    global_status: string;
    last_called_at: number | null;
    last_called_company_id: number | null;
  };
const dialedBy = async (companyId: number, numberId: number) =>
  (await d.count('company_calls', `company_id = ${companyId} and number_id = ${numberId}`)) === 1;
const balance = (companyId: number) =>
  d.core.db.sqlite.prepare('select wallet_balance from companies where id = ?').pluck().get(companyId) as number;

const EFFECT: Partial<Record<CallStatus, string>> = { COMPLAINED: 'complained', POWER_OFF: 'power_off', INVALID: 'invalid' };

describe('each status has its effect', () => {
  for (const status of CALL_STATUSES.filter((s) => s !== 'INBOUND_CALL')) {
    it(`${status}: charge ${isBillable(status) ? 50 : 0}, global status ${EFFECT[status] ?? 'unchanged'}${status === 'FAILED' ? ', no cooldown and no dedup' : ''}`, async () => {
      d = await dialerWorld({ numbers: 2 });
      const batch = await nextBatch(d.core, { companyId: d.w.companyA, size: 1, dialerId: 'd1' });
      const numberId = batch.numbers[0].numberId;
      d.clock.advance(70_000); // the call starts 10 s after the lease and is reported a minute later
      const answer = await recordResult(d.core, d.w.companyA, rep({ numberId, status, batchId: batch.batchId }));
      expect(answer).toMatchObject({
        charged: isBillable(status) ? 50 : 0,
        walletBalance: 100_000 - (isBillable(status) ? 50 : 0),
        replayed: false,
      });
      expect(await d.count('leases')).toBe(0); // the result ended the lease
      expect(await d.count('ledger_entries', "kind = 'charge'")).toBe(isBillable(status) ? 1 : 0);
      const row = numberRow(numberId);
      expect(row.global_status).toBe(EFFECT[status] ?? 'active');
      if (status === 'FAILED') {
        expect(row.last_called_at).toBeNull();
        expect(await dialedBy(d.w.companyA, numberId)).toBe(false);
        // straight back to the pool, for the same company too
        expect((await nextBatch(d.core, { companyId: d.w.companyA, size: 5, dialerId: 'd1' })).numbers.map((n) => n.numberId)).toContain(
          numberId,
        );
      } else {
        expect(row).toMatchObject({ last_called_at: d.clock.clock() - 60_000, last_called_company_id: d.w.companyA });
        expect(await dialedBy(d.w.companyA, numberId)).toBe(true);
      }
      expect((await walletMatchesLedger(d.core.db, d.w.companyA)).ok).toBe(true);
      const stats = d.core.db.sqlite.prepare('select status, calls, duration_s, cost from call_stats').all();
      expect(stats).toEqual([{ status, calls: 1, duration_s: 61, cost: isBillable(status) ? 50 : 0 }]);
    });
  }

  it('a later, weaker status never softens a complaint', async () => {
    d = await dialerWorld({ numbers: 1 });
    const numberId = d.numberIds[0];
    await recordResult(d.core, d.w.companyA, rep({ numberId, status: 'COMPLAINED' }));
    await recordResult(d.core, d.w.companyB, rep({ numberId, status: 'POWER_OFF' }));
    expect(numberRow(numberId).global_status).toBe('complained');
  });
});

describe('billing of results', () => {
  it('per_minute charges every started minute', async () => {
    d = await dialerWorld({ numbers: 4 });
    d.core.db.sqlite.prepare("update companies set billing_mode = 'per_minute', cost_per_minute = 7 where id = ?").run(d.w.companyA);
    const charges: number[] = [];
    for (const [i, durationS] of [0, 1, 60, 61].entries()) {
      charges.push((await recordResult(d.core, d.w.companyA, rep({ numberId: d.numberIds[i], durationS }))).charged);
    }
    expect(charges).toEqual([0, 7, 7, 14]);
  });

  it('charges a billable result even when that takes the wallet below zero, and then blocks new batches', async () => {
    d = await dialerWorld({ numbers: 3, balance: 60 });
    const batch = await nextBatch(d.core, { companyId: d.w.companyA, size: 2, dialerId: 'd1' });
    expect((await recordResult(d.core, d.w.companyA, rep({ numberId: batch.numbers[0].numberId }))).walletBalance).toBe(10);
    expect((await recordResult(d.core, d.w.companyA, rep({ numberId: batch.numbers[1].numberId }))).walletBalance).toBe(-40);
    expect(await walletMatchesLedger(d.core.db, d.w.companyA)).toEqual({ balance: -40, ledgerSum: -40, ok: true });
    expect((await nextBatch(d.core, { companyId: d.w.companyA, size: 1, dialerId: 'd1' })).blocked?.reason).toBe('insufficient_balance');
  });
});

describe('idempotency by call_id', () => {
  it('answers a replay with the first answer and charges once; a different report under the same call_id is a conflict', async () => {
    d = await dialerWorld({ numbers: 2 });
    const first = rep({ numberId: d.numberIds[0], callId: 'call-1', data: { order: { sku: 'A', qty: 2 }, note: 'x' } });
    const a1 = await recordResult(d.core, d.w.companyA, first);
    await recordResult(d.core, d.w.companyA, rep({ numberId: d.numberIds[1] })); // moves the balance on
    const a2 = await recordResult(d.core, d.w.companyA, { ...first, data: { note: 'x', order: { qty: 2, sku: 'A' } } }); // same data, other key order
    expect(a2).toEqual({ ...a1, replayed: true });
    expect(await d.count('call_results', "call_id = 'call-1'")).toBe(1);
    expect(await d.count('ledger_entries', "kind = 'charge'")).toBe(2);
    await expect(recordResult(d.core, d.w.companyA, { ...first, durationS: 62 })).rejects.toThrow(/already reported/);
    // the same call_id at another company is another call
    expect((await recordResult(d.core, d.w.companyB, { ...first })).replayed).toBe(false);
  });
});

describe('who may report what', () => {
  it('a result for a number another company holds a live lease on is a conflict, and writes nothing', async () => {
    d = await dialerWorld({ numbers: 1 });
    await nextBatch(d.core, { companyId: d.w.companyB, size: 1, dialerId: 'g1' });
    const before = await d.count('call_results');
    await expect(recordResult(d.core, d.w.companyA, rep({ numberId: d.numberIds[0] }))).rejects.toThrow(/leased to another company/);
    expect(await d.count('call_results')).toBe(before);
    expect(await d.count('leases')).toBe(1);
    expect(balance(d.w.companyA)).toBe(100_000);
  });

  it('records a result whose lease has expired (the call happened)', async () => {
    d = await dialerWorld({ numbers: 1 });
    await nextBatch(d.core, { companyId: d.w.companyB, size: 1, dialerId: 'g1' });
    d.clock.advance(16 * 60_000);
    expect((await recordResult(d.core, d.w.companyB, rep({ numberId: d.numberIds[0] }))).replayed).toBe(false);
    // and an expired lease of another company is no obstacle either
    expect((await recordResult(d.core, d.w.companyA, rep({ phone: d.phones[0] }))).replayed).toBe(false);
    expect(await d.count('leases')).toBe(0);
  });

  it('an outbound result for a phone the pool does not know is NOT_FOUND; an inbound caller joins the pool', async () => {
    d = await dialerWorld({ numbers: 1 });
    await expect(recordResult(d.core, d.w.companyA, rep({ phone: phoneOf(999) }))).rejects.toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    await expect(recordResult(d.core, d.w.companyA, rep({ numberId: 999 }))).rejects.toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    const inbound = await recordResult(
      d.core,
      d.w.companyA,
      rep({ phone: '+1 (212) 200-0999', status: 'INBOUND_CALL', scenarioKey: null }),
    );
    expect(inbound.charged).toBe(0);
    const row = d.core.db.sqlite
      .prepare('select id, source, global_status, last_called_at from numbers where phone = ?')
      .get(phoneOf(999)) as Record<string, unknown>;
    expect(row).toMatchObject({ source: 'inbound', global_status: 'active', last_called_at: null });
    expect(d.core.db.sqlite.prepare('select direction from call_results where id = ?').pluck().get(inbound.resultId)).toBe('inbound');
    expect(await dialedBy(d.w.companyA, row.id as number)).toBe(false);
  });

  it('refuses an unknown scenario, or a line or agent of another company, with nothing written', async () => {
    d = await dialerWorld({ numbers: 1 });
    const now = d.clock.clock();
    const lineB = Number(
      d.core.db.sqlite
        .prepare("insert into outbound_lines (company_id, phone, name, created_at) values (?, '+12125550111', 'G', ?)")
        .run(d.w.companyB, now).lastInsertRowid,
    );
    const agentB = Number(
      d.core.db.sqlite
        .prepare("insert into agents (company_id, name, extension, type, created_at) values (?, 'G', '1', 'outbound', ?)")
        .run(d.w.companyB, now).lastInsertRowid,
    );
    for (const bad of [{ scenarioKey: 'nope' }, { outboundLineId: lineB }, { agentId: agentB }, { phone: d.phones[0], numberId: 999 }]) {
      await expect(recordResult(d.core, d.w.companyA, rep({ numberId: d.numberIds[0], ...bad }))).rejects.toThrow(
        expect.objectContaining({ code: expect.stringMatching(/BAD_INPUT|NOT_FOUND/) }),
      );
    }
    expect(await d.count('call_results')).toBe(0);
    expect(await d.count('company_calls')).toBe(0);
    expect(numberRow(d.numberIds[0]).last_called_at).toBeNull();
  });
});

describe('many results in one transaction', () => {
  it('answers each item on its own: created, replayed, rejected; a rejected item leaves no trace', async () => {
    d = await dialerWorld({ numbers: 3 });
    await recordResult(d.core, d.w.companyA, rep({ numberId: d.numberIds[0], callId: 'old' }));
    const { outcomes, walletBalance } = await recordResults(d.core, d.w.companyA, [
      rep({ numberId: d.numberIds[1], callId: 'new-1' }),
      rep({ numberId: d.numberIds[0], callId: 'old', durationS: 5 }), // another report under a used call_id
      rep({ phone: phoneOf(500), callId: 'unknown' }),
      rep({ numberId: d.numberIds[2], callId: 'new-2', status: 'BUSY' }),
      rep({ numberId: d.numberIds[1], callId: 'new-1' }), // within the batch: a replay
      rep({ phone: phoneOf(600), callId: 'in', status: 'INBOUND_CALL', scenarioKey: 'nope' }), // refused after the caller was looked up
    ]);
    expect(outcomes.map((o) => (o.ok ? (o.replayed ? 'replayed' : 'created') : o.error.code))).toEqual([
      'created',
      'CONFLICT',
      'NOT_FOUND',
      'created',
      'replayed',
      'BAD_INPUT',
    ]);
    expect(walletBalance).toBe(100_000 - 100);
    expect(await d.count('call_results')).toBe(3);
    expect(await d.count('numbers')).toBe(3); // the refused inbound caller did not join the pool
    expect((await walletMatchesLedger(d.core.db, d.w.companyA)).ok).toBe(true);
  });

  it('emits result.reported for each new result and wallet.changed once, after commit', async () => {
    d = await dialerWorld({ numbers: 3 });
    const seen: { event: EventName; payload: EventMap[EventName] }[] = [];
    d.core.events.subscribe((event, payload) => seen.push({ event, payload }));
    await recordResults(
      d.core,
      d.w.companyA,
      d.numberIds.map((numberId) => rep({ numberId })),
    );
    expect(seen.filter((e) => e.event === 'result.reported')).toHaveLength(3);
    expect(seen.filter((e) => e.event === 'wallet.changed').map((e) => e.payload)).toEqual([
      { companyId: d.w.companyA, balance: 100_000 - 150, currency: 'EUR' },
    ]);
  });
});
