import type { PauseDto, PauseStatus } from '../../../src-shared/contract/lifecycle';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import { writeAudit, type Actor } from '../audit/audit';
import { companyOf } from '../companies/companies';
import { toIso } from '../time';

/**
 * Pausing dialing on purpose (DESIGN.md §8): a company's, or the whole site's. While paused,
 * next-batch answers blocked "paused"; leases already handed out run to their end and their results
 * are recorded as usual.
 */
interface PauseRow {
  company_id: number | null;
  reason: string;
  paused_by: string;
  paused_at: number;
}

const toDto = (r: PauseRow): PauseDto => ({
  scope: r.company_id === null ? 'site' : 'company',
  companyId: r.company_id,
  reason: r.reason,
  pausedBy: r.paused_by,
  pausedAt: toIso(r.paused_at),
});

const ACTIVE_PAUSE =
  'select company_id, reason, paused_by, paused_at from dialing_pauses where company_id = ? or company_id is null order by company_id is null desc limit 1';

/** The pause that stops this company now, the site's first; null when it may dial. */
export async function activePause(q: Queries, companyId: number): Promise<PauseRow | null> {
  return (await q.get<PauseRow>(ACTIVE_PAUSE, [companyId])) ?? null;
}

const PAUSE_ROW = 'select company_id, reason, paused_by, paused_at from dialing_pauses where coalesce(company_id, 0) = ?';

async function pauseRow(q: Queries, companyId: number | null): Promise<PauseRow | null> {
  return (await q.get<PauseRow>(PAUSE_ROW, [companyId ?? 0])) ?? null;
}

/** The site's pause, and the company's own (none asked for: the site's alone). */
export async function pauseStatus(db: Db, companyId: number | null): Promise<PauseStatus> {
  if (companyId !== null) await companyOf(db, companyId);
  const site = await pauseRow(db, null);
  const company = companyId === null ? null : await pauseRow(db, companyId);
  return { site: site && toDto(site), company: company && toDto(company) };
}

/** Pauses a company (companyId) or the site (null); pausing again replaces the reason. */
export function pauseDialing(db: Db, actor: Actor, input: { companyId: number | null; reason: string }, now: number): Promise<PauseDto> {
  return db.transaction(async (tx) => {
    if (input.companyId !== null) await companyOf(tx, input.companyId);
    const before = await pauseRow(tx, input.companyId);
    if (before) await tx.run('delete from dialing_pauses where coalesce(company_id, 0) = ?', [input.companyId ?? 0]);
    await tx.run('insert into dialing_pauses (company_id, reason, paused_by, paused_at) values (?, ?, ?, ?)', [
      input.companyId,
      input.reason,
      actor.name,
      now,
    ]);
    const after = (await pauseRow(tx, input.companyId))!;
    await writeAudit(
      tx,
      actor,
      { companyId: input.companyId, entity: 'dialing', entityId: input.companyId ?? 'site', action: 'pause', before, after },
      now,
    );
    return toDto(after);
  });
}

/** Lets a company (companyId) or the site (null) dial again; answers whether it was paused. */
export function resumeDialing(db: Db, actor: Actor, input: { companyId: number | null }, now: number): Promise<{ resumed: boolean }> {
  return db.transaction(async (tx) => {
    if (input.companyId !== null) await companyOf(tx, input.companyId);
    const before = await pauseRow(tx, input.companyId);
    if (!before) return { resumed: false };
    await tx.run('delete from dialing_pauses where coalesce(company_id, 0) = ?', [input.companyId ?? 0]);
    await writeAudit(
      tx,
      actor,
      { companyId: input.companyId, entity: 'dialing', entityId: input.companyId ?? 'site', action: 'resume', before },
      now,
    );
    return { resumed: true };
  });
}
