import type { DialingSettings } from '../../../src-shared/contract/lifecycle';
import { prepare, transaction, type Db } from '../db/connection';
import type { AmbiguousZones } from '../db/schema';
import { audit, type Actor } from '../audit/audit';
import { getCompany } from '../companies/companies';

/** How a company's dialing follows the callee's clock (migration 0011); off until a supervisor turns it on. */
export function getDialingSettings(db: Db, companyId: number): DialingSettings {
  const row = prepare(db.sqlite, 'select callee_local_hours, ambiguous_zones from company_dialing where company_id = ?').get(companyId) as
    { callee_local_hours: number; ambiguous_zones: AmbiguousZones } | undefined;
  return { companyId, calleeLocalHours: row?.callee_local_hours === 1, ambiguousZones: row?.ambiguous_zones ?? 'strictest' };
}

export function setDialingSettings(
  db: Db,
  actor: Actor,
  input: { companyId: number; calleeLocalHours?: boolean; ambiguousZones?: AmbiguousZones },
  now: number,
): DialingSettings {
  return transaction(db, () => {
    getCompany(db, input.companyId);
    const before = getDialingSettings(db, input.companyId);
    const after = {
      ...before,
      calleeLocalHours: input.calleeLocalHours ?? before.calleeLocalHours,
      ambiguousZones: input.ambiguousZones ?? before.ambiguousZones,
    };
    prepare(
      db.sqlite,
      `insert into company_dialing (company_id, callee_local_hours, ambiguous_zones, updated_at) values (?, ?, ?, ?)
       on conflict (company_id) do update set callee_local_hours = excluded.callee_local_hours,
         ambiguous_zones = excluded.ambiguous_zones, updated_at = excluded.updated_at`,
    ).run(input.companyId, after.calleeLocalHours ? 1 : 0, after.ambiguousZones, now);
    audit(
      db,
      actor,
      { companyId: input.companyId, entity: 'dialing_settings', entityId: input.companyId, action: 'update', before, after },
      now,
    );
    return after;
  });
}
