import type { DialingSettings } from '../../../src-shared/contract/lifecycle';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import type { AmbiguousZones } from '../db/schema';
import { writeAudit, type Actor } from '../audit/audit';
import { companyOf } from '../companies/companies';

const SELECT = 'select callee_local_hours, ambiguous_zones from company_dialing where company_id = ?';
type Row = { callee_local_hours: number; ambiguous_zones: AmbiguousZones };
const toSettings = (companyId: number, row: Row | undefined): DialingSettings => ({
  companyId,
  calleeLocalHours: row?.callee_local_hours === 1,
  ambiguousZones: row?.ambiguous_zones ?? 'strictest',
});

/** How a company's dialing follows the callee's clock (migration 0011); off until a supervisor turns it on. */
export async function dialingSettingsOf(q: Queries, companyId: number): Promise<DialingSettings> {
  return toSettings(companyId, await q.get<Row>(SELECT, [companyId]));
}

export function setDialingSettings(
  db: Db,
  actor: Actor,
  input: { companyId: number; calleeLocalHours?: boolean; ambiguousZones?: AmbiguousZones },
  now: number,
): Promise<DialingSettings> {
  return db.transaction(async (tx) => {
    await companyOf(tx, input.companyId);
    const before = await dialingSettingsOf(tx, input.companyId);
    const after = {
      ...before,
      calleeLocalHours: input.calleeLocalHours ?? before.calleeLocalHours,
      ambiguousZones: input.ambiguousZones ?? before.ambiguousZones,
    };
    await tx.run(
      `insert into company_dialing (company_id, callee_local_hours, ambiguous_zones, updated_at) values (?, ?, ?, ?)
       on conflict (company_id) do update set callee_local_hours = excluded.callee_local_hours,
         ambiguous_zones = excluded.ambiguous_zones, updated_at = excluded.updated_at`,
      [input.companyId, after.calleeLocalHours ? 1 : 0, after.ambiguousZones, now],
    );
    await writeAudit(
      tx,
      actor,
      { companyId: input.companyId, entity: 'dialing_settings', entityId: input.companyId, action: 'update', before, after },
      now,
    );
    return after;
  });
}
