import { DEFAULT_SITE_SETTINGS, type SiteSettings } from '../../../src-shared/contract/settings';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import { writeAudit, type Actor } from '../audit/audit';

const KEYS = Object.keys(DEFAULT_SITE_SETTINGS) as (keyof SiteSettings)[];

function toSettings(rows: { key: string; value: string }[]): SiteSettings {
  const stored = Object.fromEntries(rows.map((r) => [r.key, Number(r.value)]));
  const out = { ...DEFAULT_SITE_SETTINGS };
  for (const key of KEYS) if (Number.isFinite(stored[key])) out[key] = stored[key] as number;
  return out;
}

/** Site rules live in the database (site_settings) so the dialer engine, CLI and app all read the same. */
export async function siteSettingsOf(q: Queries): Promise<SiteSettings> {
  return toSettings(await q.all<{ key: string; value: string }>('select key, value from site_settings'));
}

export function updateSiteSettings(db: Db, actor: Actor, patch: Partial<SiteSettings>, now: number): Promise<SiteSettings> {
  return db.transaction(async (tx) => {
    const before = await siteSettingsOf(tx);
    for (const key of KEYS) {
      const value = patch[key];
      if (value === undefined) continue;
      await tx.run('insert into site_settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value', [
        key,
        String(value),
      ]);
    }
    const after = await siteSettingsOf(tx);
    // in the transaction, through it: on PostgreSQL the desk's own handle is another connection
    await writeAudit(tx, actor, { companyId: null, entity: 'site_settings', entityId: null, action: 'update', before, after }, now);
    return after;
  });
}
