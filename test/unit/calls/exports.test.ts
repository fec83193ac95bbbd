import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { CALLS_CSV_HEADER, EXPORT_CHUNK, exportCallsCsv } from '../../../src-main/core/exports/calls-csv';
import { decimalAmount } from '../../../src-main/core/exports/money';
import { deliverFile, localSaveTarget } from '../../../src-main/core/exports/delivery';
import { topUp } from '../../../src-main/core/billing/wallet';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { call, makeTestCore, manualClock, ok, seedWorld, recordTestResult, seedDimensions, type TestCore, type World } from '../../world';

let core: TestCore;
let w: World;
afterEach(async () => core?.dispose());

async function setup() {
  core = await makeTestCore({ clock: manualClock(Date.parse('2026-03-02T10:00:00Z')).clock });
  w = await seedWorld(core);
}

const readCsv = (path: string) =>
  parse(readFileSync(path), { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];

describe('calls.exportCsv', () => {
  it('writes the filtered log with local and UTC times, decimal money and text that survives quoting', async () => {
    await setup();
    ok(await call(core, w.superuser, 'companies.update', { companyId: w.companyA, costPerBillable: 1250 }));
    const d = await seedDimensions(core, w.companyA, 'a');
    const nasty = 'Agent: "hello", how are you?\nCustomer: خوبم، ممنون\r\nAgent: bye';
    const first = await recordTestResult(core, {
      companyId: w.companyA,
      phone: '+4917012345678',
      status: 'INTERESTED',
      startedAt: '2026-03-01T23:00:00Z',
      durationS: 61,
      scenarioId: d.scenarioId,
      outboundLineId: d.lineId,
      agentId: d.agentId,
      transcript: nasty,
      recordingUrl: 'https://rec.example/a,b.mp3',
      data: { lead: { name: 'Anna, "Ann"' } },
    });
    const second = await recordTestResult(core, {
      companyId: w.companyA,
      phone: '+4917099999999',
      status: 'BUSY',
      startedAt: '2026-03-02T12:30:00Z',
      transcript: '=HYPERLINK("http://evil")',
    });
    await recordTestResult(core, { companyId: w.companyA, phone: '+4917088888888', status: 'BUSY', startedAt: '2026-02-28T12:30:00Z' }); // outside
    await recordTestResult(core, { companyId: w.companyB, phone: '+4917077777777', status: 'BUSY', startedAt: '2026-03-02T12:30:00Z' }); // other company

    const answer = ok(await call(core, w.users.viewer, 'calls.exportCsv', { companyId: w.companyA, from: '2026-03-02', to: '2026-03-02' }));
    expect(answer).toMatchObject({ cancelled: false, rows: 2, fileName: 'acme-calls-2026-03-02_2026-03-02.csv', downloadUrl: null });
    expect(answer.savedTo).toBe(join(core.dataDir, 'saved', answer.fileName));
    const raw = readFileSync(answer.savedTo!, 'utf8');
    expect(raw.startsWith('\uFEFFresult_id,started_at_local,')).toBe(true);
    expect(answer.bytes).toBe(Buffer.byteLength(raw));
    const [header] = parse(raw, { bom: true, to_line: 1 }) as string[][];
    expect(header).toEqual(CALLS_CSV_HEADER);

    const rows = readCsv(answer.savedTo!);
    expect(rows.map((r) => Number(r.result_id))).toEqual([second, first]);
    expect(rows[1]).toMatchObject({
      started_at_local: '2026-03-02 00:00:00',
      utc_offset: '+01:00',
      started_at_utc: '2026-03-01T23:00:00.000Z',
      phone: '+4917012345678',
      direction: 'outbound',
      status: 'INTERESTED',
      billable: 'yes',
      duration_s: '61',
      scenario_key: 'sc-a',
      scenario: 'Scenario a',
      agent: 'Agent a',
      charged: '12.50',
      currency: 'EUR',
      transcript: nasty,
      recording_url: 'https://rec.example/a,b.mp3',
      data: '{"lead":{"name":"Anna, \\"Ann\\""}}',
    });
    expect(rows[1]!.outbound_line).toMatch(/^Line a \(\+4930\d+\)$/);
    expect(rows[0]).toMatchObject({ charged: '0.00', billable: 'no', transcript: `'=HYPERLINK("http://evil")`, scenario: '' });
    // no half-written file is left behind next to it
    expect(readdirSync(join(core.dataDir, 'saved'))).toEqual([answer.fileName]);
  });

  it('streams a big export in chunks and lets the event loop run between them', async () => {
    await setup();
    const n = EXPORT_CHUNK * 3 + 17;
    for (let i = 0; i < n; i++) {
      await recordTestResult(core, {
        companyId: w.companyA,
        phone: `+49170${String(1000000 + i)}`,
        status: 'NO_ANSWER',
        startedAt: Date.parse('2026-03-01T00:00:00Z') + (i % 50) * 1000,
      });
    }
    let turns = 0;
    let running = true;
    const spin = () => {
      turns++;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    const path = join(core.dataDir, 'big.csv');
    const { rows } = await exportCallsCsv(core.db, { companyId: w.companyA }, path);
    running = false;
    expect(rows).toBe(n);
    expect(turns).toBeGreaterThanOrEqual(3);
    const parsed = readCsv(path);
    expect(parsed).toHaveLength(n);
    expect(new Set(parsed.map((r) => r.result_id)).size).toBe(n);
  });

  it('writes nothing when the user cancels, and leaves no partial file when writing fails', async () => {
    await setup();
    let wrote = false;
    const cancelled = await deliverFile({ chooseSaveTarget: async () => null }, 'x.csv', async () => (wrote = true));
    expect(cancelled).toMatchObject({ cancelled: true, savedTo: null, result: null });
    expect(wrote).toBe(false);

    const target = join(core.dataDir, 'fails.csv');
    await expect(
      deliverFile({ chooseSaveTarget: async () => localSaveTarget(target) }, 'fails.csv', async (path) => {
        await exportCallsCsv(core.db, { companyId: w.companyA }, path);
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.part`)).toBe(false);
  });
});

describe('money as decimals', () => {
  it.each([
    [1250, 'EUR', '12.50'],
    [-5, 'USD', '-0.05'],
    [0, 'USD', '0.00'],
    [1500, 'IRR', '1500'],
    [7, 'JPY', '7'],
    [-1001, 'KWD', '-1.001'],
  ])('%d %s is %s', (minor, currency, text) => expect(decimalAmount(minor, currency)).toBe(text));
});

describe('billing.statementCsv', () => {
  it('opens with the balance before the month, lists its entries, and closes with opening + Σ', async () => {
    await setup();
    const A = w.companyA; // Europe/Berlin: March 2026 is [2026-02-28T23:00Z, 2026-03-31T22:00Z)
    const at = (iso: string) => Date.parse(iso);
    await topUp(core.db, CLI_ACTOR, { companyId: A, amount: 10_000, note: 'february' }, at('2026-02-10T10:00:00Z'));
    await recordTestResult(core, { companyId: A, phone: '+4917000000001', status: 'ANSWERED', startedAt: '2026-02-28T22:59:00Z' }); // Feb, local 23:59
    await topUp(core.db, CLI_ACTOR, { companyId: A, amount: 2_000, note: '=cmd' }, at('2026-02-28T23:00:00Z')); // March, local 00:00
    const call1 = await recordTestResult(core, {
      companyId: A,
      phone: '+4917000000002',
      status: 'ANSWERED',
      startedAt: '2026-03-15T09:00:00Z',
    });
    await recordTestResult(core, { companyId: A, phone: '+4917000000003', status: 'INTERESTED', startedAt: '2026-03-31T21:59:00Z' }); // local 23:59 CEST
    await recordTestResult(core, { companyId: A, phone: '+4917000000004', status: 'ANSWERED', startedAt: '2026-03-31T22:00:00Z' }); // April
    await topUp(core.db, CLI_ACTOR, { companyId: w.companyB, amount: 999 }, at('2026-03-10T10:00:00Z'));

    const answer = ok(await call(core, w.users.admin, 'billing.statementCsv', { companyId: A, month: '2026-03' }));
    expect(answer).toMatchObject({
      month: '2026-03',
      currency: 'EUR',
      openingBalance: 9_950,
      closingBalance: 11_850,
      entries: 3,
      cancelled: false,
    });
    const rows = readCsv(answer.savedTo!);
    expect(rows.map((r) => r.kind)).toEqual([
      'opening_balance',
      'topup',
      'charge',
      'charge',
      'total_topup',
      'total_charge',
      'total_refund',
      'total_adjustment',
      'closing_balance',
    ]);
    expect(rows.slice(4, 8).map((r) => [r.amount, r.note])).toEqual([
      ['20.00', 'entries: 1'],
      ['-1.00', 'entries: 2'],
      ['0.00', 'entries: 0'],
      ['0.00', 'entries: 0'],
    ]);
    expect(answer.totals).toEqual({
      topup: { entries: 1, amount: 2_000 },
      charge: { entries: 2, amount: -100 },
      refund: { entries: 0, amount: 0 },
      adjustment: { entries: 0, amount: 0 },
    });
    expect(rows[0]).toMatchObject({
      balance_after: '99.50',
      created_at_local: '2026-03-01 00:00:00',
      created_at_utc: '2026-02-28T23:00:00.000Z',
    });
    expect(rows[1]).toMatchObject({ amount: '20.00', balance_after: '119.50', note: "'=cmd", user: '' });
    expect(rows[2]).toMatchObject({ amount: '-0.50', call_result_id: String(call1), phone: '+4917000000002' });
    expect(rows[3]).toMatchObject({ created_at_local: '2026-03-31 23:59:00', utc_offset: '+02:00' });
    expect(rows[8]).toMatchObject({ balance_after: '118.50', created_at_utc: '2026-03-31T22:00:00.000Z' });
    // the file adds up: opening + Σ amounts = closing, and each entry's balance_after follows from the one before
    const cents = (s: string) => Math.round(Number(s) * 100);
    let running = cents(rows[0]!.balance_after!);
    for (const r of rows.slice(1, -1).filter((x) => x.entry_id)) {
      running += cents(r.amount!);
      expect(cents(r.balance_after!)).toBe(running);
    }
    expect(running).toBe(cents(rows[8]!.balance_after!));

    const empty = ok(await call(core, w.users.admin, 'billing.statementCsv', { companyId: A, month: '2025-12' }));
    expect(empty).toMatchObject({ openingBalance: 0, closingBalance: 0, entries: 0 });
    expect(await call(core, w.users.admin, 'billing.statementCsv', { companyId: A, month: '2026-13' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
  });
});
