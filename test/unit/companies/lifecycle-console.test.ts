import { afterEach, describe, expect, it } from 'vitest';
import { call, makeTestCore, ok, seedWorld, type TestCore, type World } from '../../world';

/** DESIGN.md §8 settings through the console's channels: recycling rules, pauses, callee-local hours. */
let core: TestCore;
let w: World;
afterEach(async () => core?.dispose());

const count = async (table: string) => core.db.value<number>(`select count(*) from ${table}`);

describe('recycling rules', () => {
  it('are saved per status, replaced when saved again, and listed', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    const sup = w.users.supervisor;
    ok(await call(core, sup, 'recycling.save', { companyId: w.companyA, status: 'NO_ANSWER', delayMinutes: 240, maxRetries: 3 }));
    ok(
      await call(core, sup, 'recycling.save', { companyId: w.companyA, status: 'BUSY', delayMinutes: 30, maxRetries: 2, ownAttempt: true }),
    );
    ok(await call(core, sup, 'recycling.save', { companyId: w.companyA, status: 'NO_ANSWER', delayMinutes: 120, maxRetries: 3 }));
    expect(ok(await call(core, w.users.viewer, 'recycling.list', { companyId: w.companyA }))).toEqual([
      { status: 'BUSY', delayMinutes: 30, maxRetries: 2, ownAttempt: true, isActive: true, updatedAt: expect.any(String) },
      { status: 'NO_ANSWER', delayMinutes: 120, maxRetries: 3, ownAttempt: false, isActive: true, updatedAt: expect.any(String) },
    ]);
    expect(ok(await call(core, sup, 'recycling.remove', { companyId: w.companyA, status: 'BUSY' }))).toEqual({ removed: true });
    expect(ok(await call(core, sup, 'recycling.remove', { companyId: w.companyA, status: 'BUSY' }))).toEqual({ removed: false });
  });

  it('a rule that makes no sense is refused with a clear message and writes nothing', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    const auditBefore = await count('audit_log');
    const base = { companyId: w.companyA, status: 'NO_ANSWER', delayMinutes: 60, maxRetries: 3 };
    for (const [bad, words] of [
      [{ delayMinutes: -5 }, 'the delay is at least 1 minute'],
      [{ delayMinutes: 0 }, 'the delay is at least 1 minute'],
      [{ delayMinutes: 1.5 }, 'whole number of minutes'],
      [{ delayMinutes: 60 * 24 * 365 }, 'at most 43200 minutes'],
      [{ maxRetries: 0 }, 'retries at least once'],
      [{ maxRetries: 50 }, 'at most 20 times'],
      [{ status: 'COMPLAINED' }, 'end a number for everyone'],
      [{ status: 'FAILED' }, 'returns it at once'],
      [{ status: 'SOMETHING' }, 'a rule is for one of'],
    ] as const) {
      const res = await call(core, w.users.supervisor, 'recycling.save', { ...base, ...bad });
      expect(res, JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining(words) } });
    }
    expect(await count('recycle_rules')).toBe(0);
    expect(await count('audit_log')).toBe(auditBefore);
  });
});

describe('pause from the console', () => {
  it('shows who paused and why; a company is paused by its people, the whole site by its owner alone', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    const status = ok(await call(core, w.users.supervisor, 'pause.set', { companyId: w.companyA, reason: 'new script being recorded' }));
    expect(status).toEqual({
      site: null,
      company: {
        scope: 'company',
        companyId: w.companyA,
        reason: 'new script being recorded',
        pausedBy: 'supervisor-a',
        pausedAt: expect.any(String),
      },
    });
    expect(await call(core, w.users.admin, 'pause.set', { reason: 'the whole site' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call(core, w.users.supervisor, 'pause.set', { companyId: w.companyA, reason: '' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('say why') },
    });
    ok(await call(core, w.superuser, 'pause.set', { reason: 'trunk maintenance' }));
    expect(ok(await call(core, w.users.viewer, 'pause.status', { companyId: w.companyA }))).toMatchObject({
      site: { scope: 'site', reason: 'trunk maintenance', pausedBy: 'root' },
      company: { reason: 'new script being recorded' },
    });
    ok(await call(core, w.users.supervisor, 'pause.clear', { companyId: w.companyA }));
    ok(await call(core, w.superuser, 'pause.clear', {}));
    expect(ok(await call(core, w.users.viewer, 'pause.status', { companyId: w.companyA }))).toEqual({ site: null, company: null });
    expect(await core.db.column("select action from audit_log where entity = 'dialing' order by id")).toEqual([
      'pause',
      'pause',
      'resume',
      'resume',
    ]);
  });
});

describe('callee-local hours', () => {
  it('are off until a supervisor turns them on; ambiguous zones follow the strictest by default', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    expect(ok(await call(core, w.users.viewer, 'dialing.get', { companyId: w.companyA }))).toEqual({
      companyId: w.companyA,
      calleeLocalHours: false,
      ambiguousZones: 'strictest',
    });
    ok(await call(core, w.users.supervisor, 'dialing.set', { companyId: w.companyA, calleeLocalHours: true }));
    expect(ok(await call(core, w.users.supervisor, 'dialing.set', { companyId: w.companyA, ambiguousZones: 'company' }))).toEqual({
      companyId: w.companyA,
      calleeLocalHours: true,
      ambiguousZones: 'company',
    });
    expect(await call(core, w.users.supervisor, 'dialing.set', { companyId: w.companyA, ambiguousZones: 'loosest' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
  });
});
