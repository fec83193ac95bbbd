import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from '../../world/cli';
import { simulate } from '../../../src-main/cli/commands/simulate';
import { createCore } from '../../../src-main/core/core';
import { openDatabase } from '../../../src-main/core/db/connection';
import { memoryDeskSettings } from '../../../src-main/core/settings/desk';
import { walletMatchesLedger } from '../../../src-main/core/billing/ledger';
import { startPort } from '../../../src-main/http/port';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dialdesk-cli-dialer-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = cliInProcess(() => dir);

function counts(): Record<string, unknown> {
  const db = openDatabase({ file: join(dir, 'dialdesk.sqlite'), readonly: true });
  try {
    return Object.fromEntries(
      ['numbers', 'schedule_windows', 'schedule_exceptions', 'api_keys', 'ledger_entries', 'audit_log'].map((t) => [
        t,
        db.sqlite.prepare(`select count(*) from ${t}`).pluck().get(),
      ]),
    );
  } finally {
    db.sqlite.close();
  }
}

describe('setting a company up for dialers from the command line', () => {
  let key = '';

  it('imports numbers and a do-not-call list, sets hours, makes a key and tops up', async () => {
    expect((await cli('company', 'create', '--slug', 'acme', '--name', 'Acme', '--cost-per-billable', '10')).code).toBe(0);
    const list = join(dir, 'leads.csv');
    writeFileSync(
      list,
      ['name,mobile', ...Array.from({ length: 300 }, (_, i) => `Lead ${i},0912 ${String(1000000 + i)}`), 'Broken,12'].join('\n'),
    );
    const imported = await cli('numbers', 'import', list, '--region', 'IR');
    expect(imported).toMatchObject({
      code: 0,
      json: { report: { source: 'leads.csv', rows: 301, added: 300, known: 0, rejected: 1, rejectedRows: [{ line: 302, value: '12' }] } },
    });
    const dnc = join(dir, 'dnc.txt');
    writeFileSync(dnc, '+989121000000\n+989121000001\n');
    expect((await cli('numbers', 'dnc', dnc)).json.report).toMatchObject({ marked: 2 });

    expect(
      (await cli('schedule', 'set', '--company', 'acme', '--window', 'mon-fri 09:00-17:00', '--exception', '2026-12-25')).json.schedule
        .windows,
    ).toHaveLength(5);
    expect((await cli('schedule', 'set', '--company', 'acme', '--open-24x7')).json.schedule).toMatchObject({
      openNow: true,
      closesAt: null,
    });

    const created = await cli('apikey', 'create', '--company', 'acme', '--name', 'rack 1', '--scopes', 'dialer');
    expect(created).toMatchObject({
      code: 0,
      json: { key: expect.stringMatching(/^ddk_/), apiKey: { name: 'rack 1', scopes: ['dialer'] } },
    });
    key = created.json.key;
    expect((await cli('apikey', 'list')).json.apiKeys[0]).not.toHaveProperty('key');

    expect(await cli('wallet', 'topup', '--company', 'acme', '--amount', '5000')).toMatchObject({
      code: 0,
      json: { balance: 5000, currency: 'USD' },
    });
  });

  it('exits 2 on bad input and writes nothing', async () => {
    const before = counts();
    for (const args of [
      ['numbers', 'import', join(dir, 'missing.csv')],
      ['numbers', 'import', join(dir, 'leads.csv'), '--region', 'iran'],
      ['schedule', 'set', '--company', 'acme'],
      ['schedule', 'set', '--company', 'acme', '--window', 'someday 9-5'],
      ['schedule', 'set', '--company', 'acme', '--open-24x7', '--window', 'mon 09:00-10:00'],
      ['apikey', 'create', '--company', 'acme', '--scopes', 'admin'],
      ['wallet', 'topup', '--company', 'acme', '--amount', '0'],
      ['wallet', 'topup', '--company', 'acme', '--amount', '1.5'],
    ]) {
      const res = await cli(...args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.json.error.code).toBe('BAD_INPUT');
    }
    expect((await cli('wallet', 'topup', '--company', 'nobody', '--amount', '5')).code).toBe(1);
    expect(counts()).toEqual(before);
  });

  it('the simulator dials through a running port and reports realistic results', async () => {
    const core = await createCore({ dataDir: dir, desk: memoryDeskSettings() });
    const port = await startPort(core, { host: '127.0.0.1', port: 0 });
    try {
      const blocked = await simulate({ url: port.url, key, company: 'acme', dialers: 2, duration: 1, batch: 20, callMs: 1 });
      expect(blocked.blocked).toHaveProperty('no_active_scenarios'); // registered scenarios start inactive
      await core.db.run("update scenarios set is_active = 1 where key = 'sim-outbound'");
      const s = await simulate({ url: port.url, key, company: 'acme', dialers: 3, duration: 2, batch: 25, callMs: 1 });
      expect(s.reported).toBeGreaterThan(50);
      expect(s.errors).toBe(0);
      expect(Object.keys(s.byStatus).length).toBeGreaterThan(3);
      expect(await core.db.value('select count(*) from call_results')).toBe(s.reported);
      expect((await walletMatchesLedger(core.db, 1)).ok).toBe(true);
      // never a complained number
      expect(await core.db.value("select count(*) from call_results where phone in ('+989121000000', '+989121000001')")).toBe(0);
    } finally {
      await port.close();
      await core.close();
    }
  });
});
