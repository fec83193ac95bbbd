import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, type ChannelName } from '../../../src-shared/contract';
import { HANDLERS } from '../../../src-main/ipc/table';
import { makeSeededCore, call, recordTestResult, type TestCore, type World } from '../../world';

let core: TestCore;
let w: World;
beforeEach(async () => {
  ({ core, world: w } = await makeSeededCore());
});
afterEach(async () => core.dispose());

type Who = 'superuser' | 'admin' | 'supervisor' | 'viewer';
const ALL: Who[] = ['superuser', 'admin', 'supervisor', 'viewer'];
const OPERATE: Who[] = ['superuser', 'admin', 'supervisor'];

/** A site list, as an import would have made it. */
async function siteList(): Promise<number> {
  return (await core.db.value<number>(
    "insert into number_lists (company_id, name, created_at) values (null, 'spring.csv', 0) returning id",
  ))!;
}

/** A pending callback of the company, as a result would have asked for it. */
async function pendingCallback(companyId: number): Promise<number> {
  const numberId = await core.db.value<number>("insert into numbers (phone, imported_at) values ('+12125550199', 0) returning id");
  return (await core.db.value<number>(
    "insert into callbacks (company_id, number_id, due_at, state, created_at, updated_at) values (?, ?, ?, 'pending', 0, 0) returning id",
    [companyId, numberId, Date.now() + 3_600_000],
  ))!;
}

/** Written out by hand, not derived from the table: this is what the design says each role may do. */
const EXPECTED: { channel: ChannelName; arg: (w: World) => unknown; allowed: Who[] }[] = [
  { channel: 'companies.list', arg: () => ({}), allowed: ALL },
  { channel: 'companies.get', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  { channel: 'companies.create', arg: () => ({ slug: 'newco', name: 'New Co' }), allowed: ['superuser'] },
  { channel: 'companies.update', arg: (w) => ({ companyId: w.companyA, name: 'Renamed' }), allowed: ['superuser'] },
  { channel: 'users.list', arg: () => ({}), allowed: ['superuser', 'admin'] },
  {
    channel: 'users.create',
    arg: (w) => ({ username: 'fresh-user', password: 'password-9', role: 'viewer', companyId: w.companyA }),
    allowed: ['superuser', 'admin'],
  },
  { channel: 'settings.get', arg: () => ({}), allowed: ALL },
  { channel: 'settings.updateSite', arg: () => ({ callCooldownDays: 4 }), allowed: ['superuser'] },
  { channel: 'settings.updateDesk', arg: () => ({ theme: 'dark' }), allowed: ['superuser'] },
  { channel: 'scenarios.list', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  {
    channel: 'scenarios.create',
    arg: (w) => ({ companyId: w.companyA, key: 'promo', name: 'Promo' }),
    allowed: ['superuser', 'admin', 'supervisor'],
  },
  { channel: 'lines.list', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  {
    channel: 'lines.create',
    arg: (w) => ({ companyId: w.companyA, phone: '+49301234567', name: 'Main' }),
    allowed: ['superuser', 'admin', 'supervisor'],
  },
  { channel: 'agents.list', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  {
    channel: 'agents.create',
    arg: (w) => ({ companyId: w.companyA, name: 'Anna', extension: '1001', type: 'inbound' }),
    allowed: ['superuser', 'admin', 'supervisor'],
  },
  { channel: 'aiAgents.list', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  {
    channel: 'aiAgents.create',
    arg: (w) => ({ companyId: w.companyA, name: 'Mia', systemPrompt: 'You answer calls.' }),
    allowed: ['superuser', 'admin', 'supervisor'],
  },
  { channel: 'inbound.list', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  {
    channel: 'inbound.create',
    arg: (w) => ({ companyId: w.companyA, phone: '+49301234567' }),
    allowed: ['superuser', 'admin', 'supervisor'],
  },
  { channel: 'inbound.llmSettings', arg: () => ({}), allowed: ['superuser'] },
  { channel: 'inbound.updateLlmSettings', arg: () => ({ model: 'gpt-4o-realtime-preview' }), allowed: ['superuser'] },
  { channel: 'stats.matrix', arg: (w) => ({ companyId: w.companyA, range: { preset: 'today' }, groupBy: 'scenario' }), allowed: ALL },
  { channel: 'stats.series', arg: (w) => ({ companyId: w.companyA, range: { preset: 'last7' }, granularity: 'day' }), allowed: ALL },
  { channel: 'calls.list', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  {
    channel: 'calls.get',
    arg: async (w) => ({
      companyId: w.companyA,
      id: await recordTestResult(core, {
        companyId: w.companyA,
        phone: '+4917012345678',
        status: 'BUSY',
        startedAt: '2026-03-02T08:00:00Z',
      }),
    }),
    allowed: ALL,
  },
  { channel: 'calls.exportCsv', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  { channel: 'billing.statementCsv', arg: (w) => ({ companyId: w.companyA, month: '2026-03' }), allowed: ['superuser', 'admin'] },
  { channel: 'audit.list', arg: () => ({}), allowed: ['superuser', 'admin'] },
  { channel: 'audit.list', arg: (w) => ({ companyId: w.companyA, entity: 'company' }), allowed: ['superuser', 'admin'] },
  { channel: 'transfer.exportCompany', arg: (w) => ({ companyId: w.companyA }), allowed: ['superuser'] },
  { channel: 'backup.run', arg: () => ({}), allowed: ['superuser'] },
  {
    channel: 'wizard.createCompany',
    arg: () => ({
      company: { slug: 'wizco', name: 'Wiz Co', timezone: 'UTC', currency: 'USD' },
      schedule: { open24x7: true },
      billing: {},
    }),
    allowed: ['superuser'],
  },
  {
    channel: 'transfer.importCompany',
    arg: () => ({
      content: JSON.stringify({
        format: 'dialdesk.company',
        version: 1,
        exported_at: '2026-03-02T10:00:00.000Z',
        company: {
          slug: 'imported',
          name: 'Imported',
          timezone: 'UTC',
          currency: 'USD',
          is_active: true,
          billing_mode: 'per_call',
          cost_per_billable: 0,
          cost_per_minute: 0,
          low_balance_threshold: 0,
        },
        scenarios: [],
        outbound_lines: [],
        agents: [],
        schedule: { windows: [], exceptions: [] },
        ai_agents: [],
        inbound_numbers: [],
      }),
    }),
    allowed: ['superuser'],
  },
  { channel: 'numbers.counts', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  { channel: 'numbers.lookup', arg: (w) => ({ companyId: w.companyA, phone: '+12125550100' }), allowed: ALL },
  { channel: 'numbers.import', arg: () => ({ content: '+12125550100\n', region: 'US' }), allowed: ['superuser', 'admin', 'supervisor'] },
  // the site's do-not-call list is the owner's; an admin's import without a company is their company's own
  { channel: 'numbers.dnc', arg: () => ({ content: '+12125550101\n' }), allowed: ['superuser', 'admin'] },
  { channel: 'numbers.dnc', arg: (w) => ({ companyId: w.companyA, content: '+12125550101\n' }), allowed: ['superuser', 'admin'] },
  { channel: 'lists.list', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  { channel: 'lists.setActive', arg: async (w) => ({ companyId: w.companyA, listId: await siteList(), active: false }), allowed: OPERATE },
  { channel: 'recycling.list', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  {
    channel: 'recycling.save',
    arg: (w) => ({ companyId: w.companyA, status: 'NO_ANSWER', delayMinutes: 240, maxRetries: 3 }),
    allowed: OPERATE,
  },
  { channel: 'recycling.remove', arg: (w) => ({ companyId: w.companyA, status: 'BUSY' }), allowed: OPERATE },
  { channel: 'callbacks.list', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  {
    channel: 'callbacks.move',
    arg: async (w) => ({
      companyId: w.companyA,
      id: await pendingCallback(w.companyA),
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    }),
    allowed: OPERATE,
  },
  { channel: 'callbacks.cancel', arg: async (w) => ({ companyId: w.companyA, id: await pendingCallback(w.companyA) }), allowed: OPERATE },
  { channel: 'pause.status', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  { channel: 'pause.set', arg: (w) => ({ companyId: w.companyA, reason: 'list review' }), allowed: OPERATE },
  { channel: 'pause.set', arg: () => ({ reason: 'trunk maintenance' }), allowed: ['superuser'] },
  { channel: 'pause.clear', arg: (w) => ({ companyId: w.companyA }), allowed: OPERATE },
  { channel: 'pause.clear', arg: () => ({}), allowed: ['superuser'] },
  { channel: 'dialing.get', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  { channel: 'dialing.set', arg: (w) => ({ companyId: w.companyA, calleeLocalHours: true }), allowed: OPERATE },
  { channel: 'dnc.list', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  { channel: 'dnc.list', arg: () => ({}), allowed: ALL },
  { channel: 'dnc.exportCsv', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  { channel: 'dnc.add', arg: (w) => ({ companyId: w.companyA, phone: '+12125550102' }), allowed: ['superuser', 'admin'] },
  { channel: 'dnc.add', arg: (w) => ({ companyId: w.companyB, phone: '+12125550102' }), allowed: ['superuser'] },
  // the dialogs are cancelled here (nothing queued): the answer is null, the role check is what counts
  { channel: 'files.pickOpen', arg: () => ({}), allowed: ['superuser', 'admin', 'supervisor'] },
  { channel: 'files.chooseBackupDir', arg: () => ({}), allowed: ['superuser'] },
  { channel: 'schedule.get', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  {
    channel: 'schedule.set',
    arg: (w) => ({ companyId: w.companyA, windows: [{ day: 'mon', start: '09:00', end: '17:00' }] }),
    allowed: ['superuser', 'admin', 'supervisor'],
  },
  { channel: 'apikeys.list', arg: (w) => ({ companyId: w.companyA }), allowed: ['superuser', 'admin'] },
  {
    channel: 'apikeys.create',
    arg: (w) => ({ companyId: w.companyA, name: 'rack 1', scopes: ['dialer'] }),
    allowed: ['superuser', 'admin'],
  },
  { channel: 'apikeys.create', arg: () => ({ companyId: null, name: 'site', scopes: ['dialer', 'inbound'] }), allowed: ['superuser'] },
  { channel: 'billing.topup', arg: (w) => ({ companyId: w.companyA, amount: 1000 }), allowed: ['superuser', 'admin'] },
  { channel: 'billing.adjust', arg: (w) => ({ companyId: w.companyA, amount: -10, note: 'goodwill' }), allowed: ['superuser', 'admin'] },
  { channel: 'billing.ledger', arg: (w) => ({ companyId: w.companyA }), allowed: ['superuser', 'admin'] },
  { channel: 'dialers.list', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  { channel: 'dialers.state', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  { channel: 'alerts.list', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  { channel: 'calls.count', arg: (w) => ({ companyId: w.companyA }), allowed: ALL },
  { channel: 'numbers.history', arg: () => ({ phone: '+4917012345678' }), allowed: ALL },
  { channel: 'companies.overview', arg: () => ({}), allowed: ALL },
];

const userFor = (who: Who) => (who === 'superuser' ? w.superuser : w.users[who]);

describe('the handler table enforces roles', () => {
  for (const row of EXPECTED) {
    for (const who of ALL) {
      const allowed = row.allowed.includes(who);
      it(`${row.channel}: ${who} is ${allowed ? 'allowed' : 'refused'}`, async () => {
        const auditBefore = await core.db.value('select count(*) from audit_log');
        const res = await call(core, userFor(who), row.channel, await row.arg(w));
        if (allowed) {
          expect(res.ok ? 'ok' : res.error.code).toBe('ok');
        } else {
          expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
          expect(await core.db.value('select count(*) from audit_log')).toBe(auditBefore);
        }
      });
    }
  }

  it('refuses every non-public channel to a caller who has not signed in', async () => {
    const guarded = CHANNEL_NAMES.filter((c) => HANDLERS[c].access !== 'public');
    expect(guarded.length).toBeGreaterThan(5);
    for (const channel of guarded) {
      const res = await call(core, null, channel, {});
      expect(res, channel).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('refuses another company’s data to a company admin, whatever the channel', async () => {
    const res = await call(core, w.users.admin, 'users.create', {
      username: 'intruder',
      password: 'password-9',
      role: 'viewer',
      companyId: w.companyB,
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.db.value("select count(*) from users where username = 'intruder'")).toBe(0);
  });

  it('answers an unknown channel and a malformed argument with codes, writing nothing', async () => {
    expect(await call(core, w.superuser, 'companies.drop' as ChannelName, {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    const before = await core.db.value('select count(*) from companies');
    for (const bad of [null, 'acme', 42, [], { slug: 'ok-co' }, { slug: 'ok-co', name: 'N', extra: true }]) {
      const res = await call(core, w.superuser, 'companies.create', bad);
      expect(res).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect(await core.db.value('select count(*) from companies')).toBe(before);
  });
});
