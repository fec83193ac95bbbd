import { afterEach, describe, expect, it } from 'vitest';
import { LOCKOUT_MS, MAX_FAILED_LOGINS } from '../../src-main/core/users/users';
import { call, makeTestCore, manualClock, ok, seedWorld, type TestCore } from '../helpers/core';

let core: TestCore;
afterEach(async () => core?.dispose());

describe('first run and sign-in', () => {
  it('creates the superuser once, only from this machine', async () => {
    core = await makeTestCore();
    expect(ok(await call(core, null, 'app.state', {})).needsSetup).toBe(true);
    const remote = await call(core, null, 'auth.setup', { username: 'root', password: 'long enough' }, { isLoopback: false });
    expect(remote).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(ok(await call(core, null, 'app.state', {})).needsSetup).toBe(true);

    const root = ok(await call(core, null, 'auth.setup', { username: 'root', password: 'long enough' }));
    expect(root).toMatchObject({ username: 'root', role: 'superuser', companyId: null });
    expect(ok(await call(core, null, 'app.state', {})).needsSetup).toBe(false);
    const again = await call(core, null, 'auth.setup', { username: 'other', password: 'long enough' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('stores scrypt hashes, never the password', async () => {
    core = await makeTestCore();
    ok(await call(core, null, 'auth.setup', { username: 'root', password: 'long enough' }));
    const hash = core.db.sqlite.prepare('select password_hash from users').pluck().get() as string;
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toContain('long enough');
  });

  it('locks an account for 15 minutes after five failures, then lets the right password in', async () => {
    const time = manualClock();
    core = await makeTestCore({ clock: time.clock });
    await seedWorld(core);
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      expect(await call(core, null, 'auth.login', { username: 'admin-a', password: 'wrong' })).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      });
    }
    expect(await call(core, null, 'auth.login', { username: 'admin-a', password: 'wrong' })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
    // even the right password is refused while locked
    expect(await call(core, null, 'auth.login', { username: 'admin-a', password: 'password-1' })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
    time.advance(LOCKOUT_MS - 1000);
    expect((await call(core, null, 'auth.login', { username: 'admin-a', password: 'password-1' })).ok).toBe(false);
    time.advance(2000);
    expect(ok(await call(core, null, 'auth.login', { username: 'admin-a', password: 'password-1' })).username).toBe('admin-a');
  });

  it('does not tell an unknown username from a wrong password', async () => {
    core = await makeTestCore();
    await seedWorld(core);
    const unknown = await call(core, null, 'auth.login', { username: 'nobody', password: 'x' });
    const wrong = await call(core, null, 'auth.login', { username: 'admin-a', password: 'x' });
    expect(unknown).toEqual(wrong);
  });

  it('ends the session of a deactivated user on their next call', async () => {
    core = await makeTestCore();
    const w = await seedWorld(core);
    ok(await call(core, w.superuser, 'users.update', { id: w.users.viewer.id, isActive: false }));
    expect(await call(core, w.users.viewer, 'companies.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await call(core, null, 'auth.login', { username: 'viewer-a', password: 'password-1' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
