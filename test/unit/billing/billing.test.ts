import { afterEach, describe, expect, it } from 'vitest';
import { walletMatchesLedger } from '../../../src-main/core/billing/ledger';
import { topUp } from '../../../src-main/core/billing/wallet';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { recordResult, recordResults } from '../../../src-main/core/results/record';
import { MAX_MONEY, MAX_PRICE } from '../../../src-shared/contract/common';
import { moneyMoveWarnings } from '../../../src-shared/contract/billing';
import type { EventMap } from '../../../src-shared/events';
import { call, makeTestCore, ok, seedWorld, type TestCore, type World } from '../../world';

let core: TestCore;
let w: World;
afterEach(async () => core?.dispose());

describe('money stays exact', () => {
  const ledgerRows = () => core.db.value('select count(*) from ledger_entries');

  it('refuses an amount, a price or a balance beyond the bound, over the bridge and in the core, writing nothing', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    for (const [channel, arg] of [
      ['billing.topup', { companyId: w.companyA, amount: Number.MAX_SAFE_INTEGER }],
      ['billing.topup', { companyId: w.companyA, amount: MAX_MONEY + 1 }],
      ['billing.adjust', { companyId: w.companyA, amount: -MAX_MONEY - 1, note: 'x' }],
      ['companies.update', { companyId: w.companyA, costPerMinute: MAX_PRICE + 1 }],
      ['companies.update', { companyId: w.companyA, lowBalanceThreshold: MAX_MONEY + 1 }],
    ] as const) {
      expect(await call(core, w.superuser, channel, arg), JSON.stringify(arg)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    // the core holds the bound on its own (the CLI reaches it without a schema for the amount's size)
    await expect(topUp(core.db, CLI_ACTOR, { companyId: w.companyA, amount: Number.MAX_SAFE_INTEGER }, core.clock())).rejects.toThrow(
      /within/,
    );
    expect(await ledgerRows()).toBe(0);

    ok(await call(core, w.superuser, 'billing.topup', { companyId: w.companyA, amount: MAX_MONEY }));
    expect(await call(core, w.superuser, 'billing.topup', { companyId: w.companyA, amount: 1 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringMatching(/beyond/) },
    });
    ok(await call(core, w.superuser, 'billing.adjust', { companyId: w.companyA, amount: -MAX_MONEY, note: 'back to zero' }));
    ok(await call(core, w.superuser, 'billing.adjust', { companyId: w.companyA, amount: -MAX_MONEY, note: 'credit line' }));
    expect(await call(core, w.superuser, 'billing.adjust', { companyId: w.companyA, amount: -1, note: 'one more' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await ledgerRows()).toBe(3);
    expect(await walletMatchesLedger(core.db, w.companyA)).toEqual({ balance: -MAX_MONEY, ledgerSum: -MAX_MONEY, ok: true });
  });

  it('a charge that would take the wallet past the bound refuses the result and writes nothing of it', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    const su = w.superuser;
    ok(await call(core, su, 'companies.update', { companyId: w.companyA, billingMode: 'per_minute', costPerMinute: MAX_PRICE }));
    ok(await call(core, su, 'scenarios.create', { companyId: w.companyA, key: 'sales', name: 'Sales' }));
    ok(await call(core, su, 'numbers.import', { content: '+4915112345678', source: 'one' }));
    ok(await call(core, su, 'billing.adjust', { companyId: w.companyA, amount: -MAX_MONEY + MAX_PRICE, note: 'deep credit' }));
    const report = {
      callId: 'edge',
      phone: '+4915112345678',
      scenarioKey: 'sales',
      status: 'ANSWERED' as const,
      startedAt: core.clock() - 1000,
      durationS: 120,
    };
    await expect(recordResult(core, w.companyA, report)).rejects.toThrow(/below/);
    // in a batch, the item is refused on its own and leaves no trace
    const { outcomes } = await recordResults(core, w.companyA, [report]);
    expect(outcomes[0]).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await core.db.value('select count(*) from call_results')).toBe(0);
    expect((await walletMatchesLedger(core.db, w.companyA)).ok).toBe(true);
    // one minute fits exactly
    expect((await recordResult(core, w.companyA, { ...report, durationS: 60 })).walletBalance).toBe(-MAX_MONEY);
  });
});

describe('the wallet', () => {
  it('tops up and adjusts through the ledger, tells the console, and keeps balance = Σ ledger', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    const events: EventMap['wallet.changed'][] = [];
    core.events.subscribe((e, p) => e === 'wallet.changed' && events.push(p as EventMap['wallet.changed']));
    expect(ok(await call(core, w.users.admin, 'billing.topup', { companyId: w.companyA, amount: 10_000, note: 'March' }))).toEqual({
      entryId: expect.any(Number),
      balance: 10_000,
      currency: 'EUR',
    });
    expect(
      ok(await call(core, w.users.admin, 'billing.adjust', { companyId: w.companyA, amount: -12_000, note: 'refund agreed by phone' }))
        .balance,
    ).toBe(-2_000);
    expect(events.map((e) => e.balance)).toEqual([10_000, -2_000]);
    expect(await walletMatchesLedger(core.db, w.companyA)).toEqual({ balance: -2_000, ledgerSum: -2_000, ok: true });
    expect(await core.db.value("select count(*) from audit_log where entity = 'wallet'")).toBe(2);
  });

  it('refuses zero, fractional or negative top-ups and adjustments without a reason; a supervisor may not move money', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    for (const [channel, arg] of [
      ['billing.topup', { companyId: w.companyA, amount: 0 }],
      ['billing.topup', { companyId: w.companyA, amount: -5 }],
      ['billing.topup', { companyId: w.companyA, amount: 1.5 }],
      ['billing.adjust', { companyId: w.companyA, amount: 0, note: 'x' }],
      ['billing.adjust', { companyId: w.companyA, amount: 5, note: ' ' }],
      ['billing.adjust', { companyId: w.companyA, amount: 5 }],
    ] as const) {
      expect(await call(core, w.superuser, channel, arg), JSON.stringify(arg)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect(await call(core, w.users.supervisor, 'billing.topup', { companyId: w.companyA, amount: 5 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call(core, w.users.admin, 'billing.topup', { companyId: w.companyB, amount: 5 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await core.db.value('select count(*) from ledger_entries')).toBe(0);
  });

  it('lists the ledger newest first, a page at a time, by kind if asked', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    for (let i = 1; i <= 5; i++) ok(await call(core, w.users.admin, 'billing.topup', { companyId: w.companyA, amount: i * 100 }));
    ok(await call(core, w.users.admin, 'billing.adjust', { companyId: w.companyA, amount: -50, note: 'fix' }));
    const p1 = ok(await call(core, w.users.admin, 'billing.ledger', { companyId: w.companyA, limit: 4 }));
    expect(p1.items.map((e) => e.amount)).toEqual([-50, 500, 400, 300]);
    expect(p1.items[0]).toMatchObject({ kind: 'adjustment', note: 'fix', username: 'admin-a', balanceAfter: 1450 });
    const p2 = ok(await call(core, w.users.admin, 'billing.ledger', { companyId: w.companyA, limit: 4, cursor: p1.next! }));
    expect(p2.items.map((e) => e.amount)).toEqual([200, 100]);
    expect(p2.next).toBeNull();
    const topups = ok(await call(core, w.users.admin, 'billing.ledger', { companyId: w.companyA, kind: 'topup' }));
    expect(topups.items).toHaveLength(5);
  });
});

describe('money moves the console asks about first', () => {
  it('a move that takes the wallet below zero, or worth more than 10,000 calls, needs a yes', () => {
    expect(moneyMoveWarnings({ balance: 5_000, amount: -4_000, pricePerCall: 50 })).toEqual([]);
    expect(moneyMoveWarnings({ balance: 5_000, amount: -6_000, pricePerCall: 50 })).toEqual(['below_zero']);
    expect(moneyMoveWarnings({ balance: 5_000, amount: 500_000, pricePerCall: 50 })).toEqual([]);
    expect(moneyMoveWarnings({ balance: 5_000, amount: 500_001, pricePerCall: 50 })).toEqual(['large']);
    // the "take 99999999999" from an IRR wallet
    expect(moneyMoveWarnings({ balance: 4_755_000, amount: -99_999_999_999, pricePerCall: 5_000 })).toEqual(['below_zero', 'large']);
    // free calls: large beyond 10,000 minor units
    expect(moneyMoveWarnings({ balance: 0, amount: 10_001, pricePerCall: 0 })).toEqual(['large']);
  });
});
