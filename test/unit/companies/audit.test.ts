import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntryDto } from '../../../src-shared/contract/audit';
import { writeAudit, CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { call, makeTestCore, ok, seedWorld, type TestCore, type World } from '../../world';

let core: TestCore;
let w: World;
afterEach(async () => core?.dispose());

async function setup() {
  core = await makeTestCore();
  w = await seedWorld(core);
  await core.db.run('delete from audit_log'); // start from a known log
  const add = (companyId: number | null, entity: string, action: string, after?: unknown) =>
    writeAudit(
      core.db,
      CLI_ACTOR,
      { companyId, entity, entityId: 7, action, before: { password_hash: 'x', name: 'old' }, after },
      core.clock(),
    );
  for (let i = 0; i < 5; i++) await add(w.companyA, 'scenario', `edit-${i}`, { n: i });
  await add(w.companyA, 'wallet', 'topup', { amount: 100 });
  await add(w.companyB, 'scenario', 'create');
  await add(null, 'site_settings', 'update');
  await add(null, 'user', 'create');
}

async function pages(user: World['superuser'], arg: Record<string, unknown>, limit: number): Promise<AuditEntryDto[]> {
  const out: AuditEntryDto[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = ok(await call(core, user, 'audit.list', { ...arg, limit, cursor }));
    out.push(...page.items);
    if (!page.next) return out;
    cursor = page.next;
  }
}

describe('audit.list', () => {
  it('shows a company admin their company only, newest first, paged without gaps', async () => {
    await setup();
    const mine = await pages(w.users.admin, {}, 2);
    expect(mine.map((e) => e.action)).toEqual(['topup', 'edit-4', 'edit-3', 'edit-2', 'edit-1', 'edit-0']);
    expect(mine.every((e) => e.companyId === w.companyA)).toBe(true);
    expect(mine[0]).toMatchObject({
      actor: 'cli',
      entity: 'wallet',
      entityId: '7',
      after: { amount: 100 },
      before: { password_hash: '[redacted]', name: 'old' },
    });
    expect(mine[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await pages(w.users.admin, { entity: 'scenario' }, 50)).map((e) => e.action)).toEqual([
      'edit-4',
      'edit-3',
      'edit-2',
      'edit-1',
      'edit-0',
    ]);
  });

  it('refuses another company and the site-wide entries to a company admin', async () => {
    await setup();
    expect(await call(core, w.users.admin, 'audit.list', { companyId: w.companyB })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call(core, w.users.admin, 'audit.list', { siteWide: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const who of ['supervisor', 'viewer'] as const) {
      expect(await call(core, w.users[who], 'audit.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('lets the superuser see one company, the site-wide entries, or everything', async () => {
    await setup();
    expect((await pages(w.superuser, { companyId: w.companyB }, 10)).map((e) => e.action)).toEqual(['create']);
    expect((await pages(w.superuser, { siteWide: true }, 1)).map((e) => e.entity)).toEqual(['user', 'site_settings']);
    const everything = await pages(w.superuser, {}, 3);
    expect(everything).toHaveLength(9);
    expect(everything.map((e) => e.id)).toEqual([...everything.map((e) => e.id)].sort((a, b) => b - a));
    expect(await call(core, w.superuser, 'audit.list', { siteWide: true, companyId: w.companyA })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await call(core, w.superuser, 'audit.list', { cursor: '!!' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
