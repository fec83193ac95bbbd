import { afterEach, describe, expect, it } from 'vitest';
import { LOCKOUT_MS, MAX_FAILED_LOGINS } from '../../../src-main/core/users/sign-in';
import { call, makeTestCore, manualClock, ok, seedWorld, type TestCore } from '../../world';

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
    const hash = (await core.db.value<string>('select password_hash from users'))!;
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

  it('counts and checks sign-ins atomically: of 48 wrong passwords sent 12 at a time, five are checked and the lock sticks', async () => {
    core = await makeTestCore();
    await seedWorld(core);
    const codes: string[] = [];
    for (let wave = 0; wave < 4; wave++) {
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => call(core, null, 'auth.login', { username: 'admin-a', password: `guess-${wave}-${i}` })),
      );
      for (const a of answers) codes.push(a.ok ? 'OK' : a.error.code);
    }
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(MAX_FAILED_LOGINS - 1);
    expect(codes.filter((c) => c === 'LOCKED')).toHaveLength(48 - (MAX_FAILED_LOGINS - 1));
    expect(await call(core, null, 'auth.login', { username: 'admin-a', password: 'password-1' })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
  });

  it('locks a made-up username exactly as it locks a real one, with the same answers', async () => {
    core = await makeTestCore();
    await seedWorld(core);
    const tries = async (username: string) => {
      const out = [];
      for (let i = 0; i < MAX_FAILED_LOGINS + 2; i++) out.push(await call(core, null, 'auth.login', { username, password: `wrong-${i}` }));
      return out;
    };
    const real = await tries('admin-a');
    const madeUp = await tries('no-such-user');
    expect(madeUp).toEqual(real);
    expect(madeUp[MAX_FAILED_LOGINS - 1]).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(madeUp[MAX_FAILED_LOGINS + 1]).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it('creates the site owner once when eight first-run requests arrive together', async () => {
    core = await makeTestCore();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => call(core, null, 'auth.setup', { username: `owner${i}`, password: 'long enough' })),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok && a.error.code === 'CONFLICT')).toHaveLength(7);
    expect(await core.db.value("select count(*) from users where role = 'superuser'")).toBe(1);
  });

  it('an administrator unlocks a locked user, and the list shows the lock until then', async () => {
    core = await makeTestCore();
    const w = await seedWorld(core);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await call(core, null, 'auth.login', { username: 'viewer-a', password: 'nope' });
    const listed = ok(await call(core, w.superuser, 'users.list', {})).find((u) => u.username === 'viewer-a')!;
    expect(listed.lockedUntil).not.toBeNull();
    expect(ok(await call(core, w.superuser, 'users.update', { id: w.users.viewer.id, unlock: true })).lockedUntil).toBeNull();
    expect(ok(await call(core, null, 'auth.login', { username: 'viewer-a', password: 'password-1' })).username).toBe('viewer-a');
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
