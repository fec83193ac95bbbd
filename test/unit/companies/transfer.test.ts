import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { createScenario, updateScenario } from '../../../src-main/core/setup/scenarios';
import { createLine } from '../../../src-main/core/setup/lines';
import { createAgent, updateAgent } from '../../../src-main/core/setup/agents';
import { setSchedule } from '../../../src-main/core/schedule/schedule';
import { createAiAgent } from '../../../src-main/core/inbound/ai-agents';
import { createInboundNumber } from '../../../src-main/core/inbound/numbers';
import { topUp } from '../../../src-main/core/billing/wallet';
import { buildCompanyFile } from '../../../src-main/core/transfer/export';
import { call, cliProcess, makeTestCore, ok, seedWorld, recordTestResult, type TestCore, type World } from '../../world';
import { testEngine } from '../../world/engine';

const cores: TestCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose();
});

async function world(): Promise<{ core: TestCore; w: World }> {
  const core = await makeTestCore();
  cores.push(core);
  return { core, w: await seedWorld(core) };
}

/** A company with one of everything the file carries, and things it must not carry. */
async function furnish(core: TestCore, companyId: number) {
  const db = core.db;
  const now = core.clock();
  await createScenario(
    db,
    CLI_ACTOR,
    { companyId, key: 'promo', name: 'Spring promo', description: 'ten percent off', isActive: true },
    now,
  );
  const old = await createScenario(db, CLI_ACTOR, { companyId, key: 'old-list', name: 'Old list', description: '', isActive: true }, now);
  await updateScenario(db, CLI_ACTOR, { companyId, id: old.id, isActive: false }, now);
  await createLine(db, CLI_ACTOR, { companyId, phone: '+49 30 1234567', name: 'Berlin trunk' }, now);
  const gone = await createAgent(db, CLI_ACTOR, { companyId, name: 'Ben (left)', extension: '1001', type: 'outbound' }, now);
  await updateAgent(db, CLI_ACTOR, { companyId, id: gone.id, isActive: false }, now);
  await createAgent(db, CLI_ACTOR, { companyId, name: 'Anna', extension: '1001', type: 'outbound' }, now);
  await createAgent(db, CLI_ACTOR, { companyId, name: 'Support desk', extension: 'sip:desk@pbx.local', type: 'inbound' }, now);
  await setSchedule(
    db,
    CLI_ACTOR,
    {
      companyId,
      windows: [
        { day: 'mon', start: '09:00', end: '12:00' },
        { day: 'mon', start: '13:00', end: '17:30' },
        { day: 'sat', start: '10:00', end: '24:00' },
      ],
      exceptions: [
        { date: '2026-12-25', closed: true, note: 'Christmas' },
        { date: '2026-12-24', closed: false, start: '09:00', end: '12:00' },
      ],
    },
    now,
  );
  await createAiAgent(
    db,
    CLI_ACTOR,
    { companyId, name: 'Unused', systemPrompt: 'x', greeting: '', language: 'en-US', voice: '', temperature: 0.7, isActive: false },
    now,
  );
  const mia = await createAiAgent(
    db,
    CLI_ACTOR,
    {
      companyId,
      name: 'Mia',
      systemPrompt: 'You take orders.\nBe brief.',
      greeting: 'Hallo!',
      language: 'de-DE',
      voice: 'de-DE-KatjaNeural',
      temperature: 0.4,
      isActive: true,
    },
    now,
  );
  await createInboundNumber(
    db,
    CLI_ACTOR,
    {
      companyId,
      phone: '+49 30 9876543',
      displayName: 'Hotline',
      aiAgentId: mia.id,
      supportNumber: '+49 30 1111111',
      departments: [{ name: 'Sales', transferNumber: '+49 30 2222222', description: 'quotes', hours: [] }],
      voiceSettings: { vendor: 'microsoft', closedMessage: 'We are closed.' },
      isActive: true,
    },
    now,
  );
  // none of these may travel
  await topUp(db, CLI_ACTOR, { companyId, amount: 5000 }, now);
  await recordTestResult(core, { companyId, phone: '+4917012345678', status: 'ANSWERED', startedAt: now });
}

const tableCounts = async (core: TestCore) =>
  Object.fromEntries(
    await Promise.all(
      [
        'companies',
        'scenarios',
        'outbound_lines',
        'agents',
        'schedule_windows',
        'schedule_exceptions',
        'ai_agents',
        'inbound_numbers',
        'audit_log',
        'ledger_entries',
      ].map(async (t) => [t, await core.db.value(`select count(*) from ${t}`)]),
    ),
  );

describe('company transfer', () => {
  it('round-trips: export, import under a new slug elsewhere, export again gives the same file', async () => {
    const a = await world();
    await furnish(a.core, a.w.companyA);
    const exported = ok(await call(a.core, a.w.superuser, 'transfer.exportCompany', { companyId: a.w.companyA }));
    expect(exported).toMatchObject({
      cancelled: false,
      fileName: 'acme.dialdesk-company.json',
      counts: { scenarios: 2, outboundLines: 1, agents: 3, scheduleWindows: 3, scheduleExceptions: 2, aiAgents: 2, inboundNumbers: 1 },
    });
    const text = readFileSync(exported.savedTo!, 'utf8');
    const first = JSON.parse(text);
    expect(first).toMatchObject({
      format: 'dialdesk.company',
      version: 1,
      company: { slug: 'acme', timezone: 'Europe/Berlin', cost_per_billable: 50 },
    });
    expect(first.company).not.toHaveProperty('wallet_balance');
    expect(first.inbound_numbers[0]).toMatchObject({
      ai_agent: 1,
      voice_settings: { vendor: 'microsoft', closed_message: 'We are closed.' },
    });
    for (const absent of ['numbers', 'call_results', 'ledger', 'ledger_entries', 'api_keys', 'users'])
      expect(first).not.toHaveProperty(absent);

    const b = await world();
    const imported = ok(
      await call(b.core, b.w.superuser, 'transfer.importCompany', { content: text, slug: 'acme-copy', name: 'Acme Copy' }),
    );
    expect(imported.company).toMatchObject({ slug: 'acme-copy', name: 'Acme Copy', walletBalance: 0, currency: 'EUR' });
    expect(imported.counts).toEqual(exported.counts);
    const again = await buildCompanyFile(b.core.db, imported.company.id, b.core.clock());
    const strip = (f: any) => ({ ...f, exported_at: null, company: { ...f.company, slug: null, name: null } });
    expect(strip(again)).toEqual(strip(first));
    expect(await b.core.db.value('select count(*) from ledger_entries where company_id = ?', [imported.company.id])).toBe(0);
    expect(
      await b.core.db.column("select action from audit_log where company_id = ? and entity = 'company' order by id", [imported.company.id]),
    ).toEqual(['create', 'import']);
  });

  it('refuses a taken slug and an inbound number another company has, writing nothing', async () => {
    const { core, w } = await world();
    await furnish(core, w.companyA);
    const text = JSON.stringify(await buildCompanyFile(core.db, w.companyA, core.clock()));
    const before = await tableCounts(core);
    expect(await call(core, w.superuser, 'transfer.importCompany', { content: text })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('"acme" is already taken') },
    });
    expect(await call(core, w.superuser, 'transfer.importCompany', { content: text, slug: 'acme-two' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('+49309876543') },
    });
    expect(await tableCounts(core)).toEqual(before);
    // without the DID it goes in beside the original, under a name of its own: two "Acme" would look like one
    const file = JSON.parse(text);
    file.inbound_numbers = [];
    const sameName = await call(core, w.superuser, 'transfer.importCompany', { content: JSON.stringify(file), slug: 'acme-two' });
    expect(sameName).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/^name: .*"Acme" exists/) } });
    expect(await tableCounts(core)).toEqual(before);
    const res = ok(
      await call(core, w.superuser, 'transfer.importCompany', { content: JSON.stringify(file), slug: 'acme-two', name: 'Acme Two' }),
    );
    expect(res.counts.scenarios).toBe(2);
    expect(res.company.name).toBe('Acme Two');
  });

  it.each([
    ['not JSON', () => '{"format": ', /not valid JSON/],
    ['another format', (f: any) => ({ ...f, format: 'something.else' }), /^format: this is not a DialDesk company file/],
    ['a later version', (f: any) => ({ ...f, version: 2 }), /^version: this company file is version 2/],
    [
      'a bad scenario key',
      (f: any) => ({ ...f, scenarios: [f.scenarios[0], { ...f.scenarios[1], key: 'Bad Key!' }] }),
      /scenarios\.1\.key: a scenario key/,
    ],
    [
      'a duplicate scenario key',
      (f: any) => ({ ...f, scenarios: [f.scenarios[0], f.scenarios[0]] }),
      /scenarios\.1: the scenario key promo is also scenarios\.0/,
    ],
    [
      'two active agents on one extension',
      (f: any) => ({ ...f, agents: f.agents.map((a: any) => ({ ...a, is_active: true })) }),
      /agents\.1: the extension of an active agent 1001 is also agents\.0/,
    ],
    [
      'a dangling AI agent',
      (f: any) => ({ ...f, inbound_numbers: [{ ...f.inbound_numbers[0], ai_agent: 5 }] }),
      /inbound_numbers\.0\.ai_agent: refers to ai_agents\.5/,
    ],
    ['a money float', (f: any) => ({ ...f, company: { ...f.company, cost_per_billable: 0.5 } }), /company\.cost_per_billable/],
    ['a balance', (f: any) => ({ ...f, company: { ...f.company, wallet_balance: 100 } }), /company: Unrecognized key/i],
    ['a bad time zone', (f: any) => ({ ...f, company: { ...f.company, timezone: 'Mars/Base' } }), /company\.timezone/],
    [
      'a phone that is no number',
      (f: any) => ({ ...f, outbound_lines: [{ ...f.outbound_lines[0], phone: '+4900000' }] }),
      /outbound_lines\.0\.phone/,
    ],
    [
      'overlapping hours',
      (f: any) => ({
        ...f,
        inbound_numbers: [],
        schedule: {
          ...f.schedule,
          windows: [
            { day: 'mon', start: '09:00', end: '12:00' },
            { day: 'mon', start: '11:00', end: '13:00' },
          ],
        },
      }),
      /overlap/,
    ],
  ])('refuses a file with %s, naming the field, and writes nothing', async (_label, mutate, message) => {
    const { core, w } = await world();
    await furnish(core, w.companyA);
    const file = await buildCompanyFile(core.db, w.companyA, core.clock());
    const mutated = mutate(JSON.parse(JSON.stringify(file)));
    const content = typeof mutated === 'string' ? mutated : JSON.stringify(mutated);
    const before = await tableCounts(core);
    const res = await call(core, w.superuser, 'transfer.importCompany', { content, slug: 'fresh-co', name: 'Fresh Co' });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('BAD_INPUT');
      expect(res.error.message).toMatch(message);
    }
    expect(await tableCounts(core)).toEqual(before);
  });

  it('exports and imports from the command line', async () => {
    const { core, w } = await world();
    await furnish(core, w.companyA);
    const dataDir = core.dataDir;
    // on PostgreSQL the data dir does not name the database: the CLI is pointed at it (db.file is its URL)
    const database = testEngine() === 'postgres' ? ['--database', core.db.file] : [];
    await core.close(); // the CLI opens the same data dir
    const out = join(dataDir, 'acme.json');
    const cli = (args: string[]) =>
      new Promise<{ code: number; json: any }>((resolve) => {
        execFile(process.execPath, cliProcess([...args, '--data-dir', dataDir, ...database, '--json']).args, (err, stdout) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, json: JSON.parse(stdout.trim().split('\n').pop()!) }),
        );
      });
    const exported = await cli(['company', 'export', '--slug', 'acme', '--out', out]);
    expect(exported).toMatchObject({ code: 0, json: { file: out, counts: { scenarios: 2, inboundNumbers: 1 } } });
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file.company.slug).toBe('acme');
    expect(await cli(['company', 'import', out])).toMatchObject({ code: 1, json: { error: { code: 'CONFLICT' } } });
    file.inbound_numbers = [];
    writeFileSync(out, JSON.stringify(file));
    expect(await cli(['company', 'import', out, '--slug', 'acme-2'])).toMatchObject({ code: 1, json: { error: { code: 'CONFLICT' } } });
    expect(await cli(['company', 'import', out, '--slug', 'acme-2', '--name', 'Acme 2'])).toMatchObject({
      code: 0,
      json: { company: { slug: 'acme-2', name: 'Acme 2' } },
    });
    writeFileSync(out, '[]');
    expect(await cli(['company', 'import', out, '--slug', 'acme-3'])).toMatchObject({ code: 2, json: { error: { code: 'BAD_INPUT' } } });
  });
});
