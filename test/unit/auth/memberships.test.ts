import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../../src-shared/contract';
import { createCompany } from '../../../src-main/core/companies/companies';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { ConsoleSessions, type ConsoleCall } from '../../../src-main/ipc/console-sessions';
import { HANDLERS } from '../../../src-main/ipc/table';
import { call, makeTestCore, manualClock, ok, seedWorld, type TestCore, type World } from '../../world';

let core: TestCore;
afterEach(async () => core?.dispose());

/** Acme and Globex from the world, and a third company nobody below works for. */
async function world(clock = manualClock()) {
  core = await makeTestCore({ clock: clock.clock });
  const w = await seedWorld(core);
  const initech = (
    await createCompany(
      core.db,
      CLI_ACTOR,
      {
        slug: 'initech',
        name: 'Initech',
        timezone: 'UTC',
        currency: 'USD',
        billingMode: 'per_call',
        costPerBillable: 1,
        costPerMinute: 0,
        lowBalanceThreshold: 0,
      },
      core.clock(),
    )
  ).id;
  return { w, initech, clock };
}

async function signIn(username: string, password = 'password-1'): Promise<SessionUser> {
  return ok(await call(core, null, 'auth.login', { username, password }));
}

async function makeUser(w: World, username: string, role: 'admin' | 'supervisor' | 'viewer', companies: number[]) {
  ok(
    await call(core, w.superuser, 'users.create', {
      username,
      password: 'password-1',
      role,
      companyId: companies[0],
      companyIds: companies.slice(1),
    }),
  );
  return signIn(username);
}

describe('users who work for several companies', () => {
  it('reach each of their companies, and only those, through every channel with a companyId', async () => {
    const { w, initech } = await world();
    const both = await makeUser(w, 'two-hats', 'supervisor', [w.companyA, w.companyB]);
    expect(both.companyIds).toEqual([w.companyA, w.companyB]);
    expect(both.companyId).toBe(w.companyA);
    expect(ok(await call(core, both, 'companies.list', {})).map((c) => c.id)).toEqual([w.companyA, w.companyB]);
    for (const companyId of [w.companyA, w.companyB]) {
      expect((await call(core, both, 'scenarios.list', { companyId })).ok).toBe(true);
    }
    const refused = await call(core, both, 'scenarios.list', { companyId: initech });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it("an admin gives and takes away only the companies they work for, and sees only their companies' people", async () => {
    const { w, initech } = await world();
    const adminAB = await makeUser(w, 'admin-ab', 'admin', [w.companyA, w.companyB]);
    const made = ok(
      await call(core, adminAB, 'users.create', {
        username: 'sup-ab',
        password: 'password-1',
        role: 'supervisor',
        companyId: w.companyB,
        companyIds: [w.companyA],
      }),
    );
    expect(made.companyIds).toEqual([w.companyA, w.companyB]);
    const beyond = await call(core, adminAB, 'users.create', {
      username: 'sup-x',
      password: 'password-1',
      role: 'supervisor',
      companyId: w.companyA,
      companyIds: [initech],
    });
    expect(beyond).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // the owner adds Initech; admin-a (Acme only) may not take Globex or Initech away, nor give them
    ok(await call(core, w.superuser, 'users.update', { id: made.id, companyIds: [w.companyA, w.companyB, initech] }));
    const adminA = w.users.admin;
    const takeAway = await call(core, adminA, 'users.update', { id: made.id, companyIds: [w.companyA] });
    expect(takeAway).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // the home company (Globex) is left out by the owner: home moves to the first company left
    const moved = ok(await call(core, w.superuser, 'users.update', { id: made.id, companyIds: [initech, w.companyA] }));
    expect(moved).toMatchObject({ companyId: w.companyA, companyIds: [w.companyA, initech] });

    const seenByA = ok(await call(core, adminA, 'users.list', {})).map((u) => u.username);
    expect(seenByA).toContain('sup-ab');
    expect(seenByA).not.toContain('root');
    const ofInitech = await call(core, adminA, 'users.list', { companyId: initech });
    expect(ofInitech).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('receive the events of each of their companies, and stop within seconds once a membership is taken away', async () => {
    const { w, initech, clock } = await world();
    ok(
      await call(core, w.superuser, 'users.create', {
        username: 'watcher',
        password: 'password-1',
        role: 'viewer',
        companyId: w.companyA,
        companyIds: [w.companyB],
      }),
    );
    const sessions = new ConsoleSessions({ core, handlers: HANDLERS, keys: 'caller', port: { listening: () => null, reconfigure: null } });
    const callAs: ConsoleCall = {
      key: 'window:watcher',
      transport: { kind: 'http', remoteAddress: '127.0.0.1', isLoopback: true },
      files: { chooseSaveTarget: async () => null, dialogs: null },
    };
    expect((await sessions.invoke(callAs, 'auth.login', { username: 'watcher', password: 'password-1' })).envelope.ok).toBe(true);
    const seen: number[] = [];
    sessions.follow('window:watcher', (_e, p) => seen.push((p as { companyId: number }).companyId));
    const emitAll = () => {
      for (const companyId of [w.companyA, w.companyB, initech])
        core.events.emit('wallet.changed', { companyId, balance: 1, currency: 'EUR' });
    };
    emitAll();
    await vi.waitFor(() => expect(seen).toEqual([w.companyA, w.companyB]));

    const watcher = ok(await call(core, w.superuser, 'users.list', {})).find((u) => u.username === 'watcher')!;
    ok(await call(core, w.superuser, 'users.update', { id: watcher.id, companyIds: [w.companyA] }));
    clock.advance(6_000);
    seen.length = 0;
    emitAll();
    // held until the user is read again: nothing of company B is sent in the meantime
    expect(seen).toEqual([]);
    await vi.waitFor(() => expect(seen).toEqual([w.companyA]));
    emitAll();
    expect(seen).toEqual([w.companyA, w.companyA]);
    sessions.close();
  });

  it('the first-run owner has signed in by the time the Users page lists them', async () => {
    const { w } = await world();
    const owner = ok(await call(core, w.superuser, 'users.list', {})).find((u) => u.username === 'root')!;
    expect(owner.lastLoginAt).not.toBeNull();
  });
});
