import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../../../src-main/core/apikeys/apikeys';
import { call, makeTestCore, ok, seedWorld, type TestCore, type World } from '../../world';

let core: TestCore;
let w: World;
afterEach(async () => core?.dispose());

describe('API keys', () => {
  it('shows the key once, stores only its SHA-256 and a prefix, and lists it without the secret', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    const { key, apiKey } = ok(
      await call(core, w.users.admin, 'apikeys.create', { companyId: w.companyA, name: 'rack 1', scopes: ['dialer', 'dialer'] }),
    );
    expect(key).toMatch(/^ddk_[A-Za-z0-9_-]{32}$/);
    expect(apiKey).toMatchObject({
      name: 'rack 1',
      companyId: w.companyA,
      prefix: key.slice(0, 12),
      scopes: ['dialer'],
      lastUsedAt: null,
      revokedAt: null,
    });
    const row = (await core.db.get<Record<string, unknown>>('select * from api_keys'))!;
    expect(row.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(key);
    expect(JSON.stringify(await core.db.all('select * from audit_log'))).not.toContain(key);
    const listed = ok(await call(core, w.users.admin, 'apikeys.list', {}));
    expect(listed).toEqual([apiKey]);
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(await authenticateApiKey(core.db, key)).toMatchObject({ ok: true, key: { companyId: w.companyA, scopes: ['dialer'] } });
    expect(await authenticateApiKey(core.db, `${key}x`)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('site-wide keys are the superuser’s; a company admin sees and revokes only their company’s keys', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    expect(await call(core, w.users.admin, 'apikeys.create', { companyId: null, name: 'all', scopes: ['inbound'] })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const site = ok(await call(core, w.superuser, 'apikeys.create', { companyId: null, name: 'all', scopes: ['inbound'] }));
    const other = ok(await call(core, w.superuser, 'apikeys.create', { companyId: w.companyB, name: 'globex', scopes: ['dialer'] }));
    const mine = ok(await call(core, w.users.admin, 'apikeys.create', { companyId: w.companyA, name: 'acme', scopes: ['dialer'] }));
    expect(ok(await call(core, w.users.admin, 'apikeys.list', {})).map((k) => k.name)).toEqual(['acme']);
    expect(ok(await call(core, w.superuser, 'apikeys.list', {})).map((k) => k.name)).toEqual(['acme', 'globex', 'all']);
    expect(await call(core, w.users.admin, 'apikeys.list', { companyId: w.companyB })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call(core, w.users.admin, 'apikeys.revoke', { id: other.apiKey.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call(core, w.users.admin, 'apikeys.revoke', { id: site.apiKey.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call(core, w.users.supervisor, 'apikeys.revoke', { id: mine.apiKey.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const revoked = ok(await call(core, w.users.admin, 'apikeys.revoke', { id: mine.apiKey.id }));
    expect(revoked.revokedAt).not.toBeNull();
    expect(await authenticateApiKey(core.db, mine.key)).toEqual({ ok: false, reason: 'revoked' });
    expect((await authenticateApiKey(core.db, other.key)).ok).toBe(true);
  });

  it('refuses a key without a name or scope, writing nothing', async () => {
    core = await makeTestCore();
    w = await seedWorld(core);
    for (const bad of [
      { companyId: w.companyA, name: '', scopes: ['dialer'] },
      { companyId: w.companyA, name: 'x', scopes: [] },
      { companyId: w.companyA, name: 'x', scopes: ['admin'] },
      { name: 'x', scopes: ['dialer'] },
    ]) {
      expect(await call(core, w.superuser, 'apikeys.create', bad)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect(await core.db.value('select count(*) from api_keys')).toBe(0);
  });
});
