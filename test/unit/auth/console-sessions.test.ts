import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsoleSessions } from '../../../src-main/ipc/console-sessions';
import { HANDLERS } from '../../../src-main/ipc/table';
import type { ConsoleCall } from '../../../src-main/ipc/console-sessions';
import { makeTestCore, seedWorld, type TestCore } from '../../world';

let core: TestCore;
afterEach(async () => core?.dispose());

const transport = { kind: 'http' as const, remoteAddress: '127.0.0.1', isLoopback: true };
const files = { chooseSaveTarget: async () => null, dialogs: null };
const callAs = (key: string | null): ConsoleCall => ({ key, transport, files });

describe('the one console-session module', () => {
  it('a token per sign-in (serve): the old token ends, the new one carries the user, sign-out ends it', async () => {
    core = await makeTestCore();
    await seedWorld(core);
    const sessions = new ConsoleSessions({ core, handlers: HANDLERS, keys: 'token', port: { listening: () => null, reconfigure: null } });
    const first = await sessions.invoke(callAs(null), 'auth.login', { username: 'viewer-a', password: 'password-1' });
    expect(first.envelope.ok).toBe(true);
    expect(first.issued).toMatch(/^[\w-]{40,}$/);
    const again = await sessions.invoke(callAs(first.issued), 'auth.login', { username: 'admin-a', password: 'password-1' });
    expect(sessions.userOf(first.issued)).toBeNull();
    expect(sessions.userOf(again.issued)?.username).toBe('admin-a');
    await sessions.invoke(callAs(again.issued), 'auth.logout', {});
    expect(sessions.userOf(again.issued)).toBeNull();
    sessions.close();
  });

  it("a window's own key (the app), and each user sees only their company's events, the site's to everyone", async () => {
    core = await makeTestCore();
    const w = await seedWorld(core);
    const sessions = new ConsoleSessions({
      core,
      handlers: HANDLERS,
      keys: 'caller',
      port: { listening: () => '127.0.0.1:1', reconfigure: null },
    });
    const seen: Record<string, unknown[]> = { owner: [], viewer: [], nobody: [] };
    for (const [window, username, password] of [
      ['owner', 'root', 'correct horse'],
      ['viewer', 'viewer-a', 'password-1'],
    ] as const) {
      const { issued, envelope } = await sessions.invoke(callAs(`window:${window}`), 'auth.login', { username, password });
      expect(envelope.ok).toBe(true);
      expect(issued).toBeNull();
      sessions.follow(`window:${window}`, (_e, payload) => seen[window].push(payload));
    }
    sessions.follow('window:nobody', (_e, payload) => seen.nobody.push(payload));
    core.events.emit('wallet.changed', { companyId: w.companyA, balance: 1, currency: 'EUR' });
    core.events.emit('wallet.changed', { companyId: w.companyB, balance: 2, currency: 'USD' });
    core.events.emit('import.progress', { companyId: null, jobId: 'j', done: 1, total: 2, estimated: false, phase: 'writing' });
    // the first events wait for each user's read from the database
    await vi.waitFor(() => expect(seen.owner).toHaveLength(3));
    await vi.waitFor(() => expect(seen.viewer).toHaveLength(2));
    expect(seen.viewer).toEqual([expect.objectContaining({ companyId: w.companyA }), expect.objectContaining({ companyId: null })]);
    expect(seen.nobody).toEqual([]);
    const settings = await sessions.invoke(callAs('window:owner'), 'settings.get', {});
    expect(settings.envelope).toMatchObject({ ok: true, value: { httpListening: '127.0.0.1:1' } });
    sessions.close();
  });

  it("another user signed in on a window's key gets their own rights at once, never the last one's", async () => {
    core = await makeTestCore();
    const w = await seedWorld(core);
    const sessions = new ConsoleSessions({ core, handlers: HANDLERS, keys: 'caller', port: { listening: () => null, reconfigure: null } });
    const seen: unknown[] = [];
    const login = async (username: string, password: string) =>
      expect((await sessions.invoke(callAs('window:shared'), 'auth.login', { username, password })).envelope.ok).toBe(true);
    await login('root', 'correct horse');
    sessions.follow('window:shared', (_e, payload) => seen.push(payload));
    core.events.emit('wallet.changed', { companyId: w.companyB, balance: 1, currency: 'USD' });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    // within the few seconds the owner's read stays good, the viewer of company A signs in on the same window
    await login('viewer-a', 'password-1');
    core.events.emit('wallet.changed', { companyId: w.companyB, balance: 2, currency: 'USD' });
    core.events.emit('wallet.changed', { companyId: w.companyA, balance: 3, currency: 'EUR' });
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen[1]).toMatchObject({ companyId: w.companyA });
    sessions.close();
  });
});
