import { DEFAULT_SITE_SETTINGS, type SiteSettings } from '../../../src-shared/contract/settings';
import { all, exec, transaction, type Db } from '../db/connection';
import { audit, type Actor } from '../audit/audit';

const KEYS = Object.keys(DEFAULT_SITE_SETTINGS) as (keyof SiteSettings)[];

/** Site rules live in SQLite (site_settings) so the dialer engine, CLI and app all read the same. */
export function getSiteSettings(db: Db): SiteSettings {
  const rows = all(db, db.kysely.selectFrom('site_settings').selectAll());
  const stored = Object.fromEntries(rows.map((r) => [r.key, Number(r.value)]));
  const out = { ...DEFAULT_SITE_SETTINGS };
  for (const key of KEYS) if (Number.isFinite(stored[key])) out[key] = stored[key] as number;
  return out;
}

export function updateSiteSettings(db: Db, actor: Actor, patch: Partial<SiteSettings>, now: number): SiteSettings {
  return transaction(db, () => {
    const before = getSiteSettings(db);
    for (const key of KEYS) {
      const value = patch[key];
      if (value === undefined) continue;
      exec(
        db,
        db.kysely
          .insertInto('site_settings')
          .values({ key, value: String(value) })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(value) })),
      );
    }
    const after = getSiteSettings(db);
    audit(db, actor, { companyId: null, entity: 'site_settings', entityId: null, action: 'update', before, after }, now);
    return after;
  });
}
