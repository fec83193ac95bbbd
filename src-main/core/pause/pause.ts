import type { PauseDto, PauseStatus } from '../../../src-shared/contract/lifecycle';
import { prepare, transaction, type Db } from '../db/connection';
import { audit, type Actor } from '../audit/audit';
import { getCompany } from '../companies/companies';
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

/** The pause that stops this company now, the site's first; null when it may dial. */
export function activePause(db: Db, companyId: number): PauseRow | null {
  return (
    (prepare(
      db.sqlite,
      'select company_id, reason, paused_by, paused_at from dialing_pauses where company_id = ? or company_id is null order by company_id is null desc limit 1',
    ).get(companyId) as PauseRow | undefined) ?? null
  );
}

function pauseRow(db: Db, companyId: number | null): PauseRow | null {
  return (
    (prepare(db.sqlite, 'select company_id, reason, paused_by, paused_at from dialing_pauses where coalesce(company_id, 0) = ?').get(
      companyId ?? 0,
    ) as PauseRow | undefined) ?? null
  );
}

/** The site's pause, and the company's own (none asked for: the site's alone). */
export function pauseStatus(db: Db, companyId: number | null): PauseStatus {
  if (companyId !== null) getCompany(db, companyId);
  const site = pauseRow(db, null);
  const company = companyId === null ? null : pauseRow(db, companyId);
  return { site: site && toDto(site), company: company && toDto(company) };
}

/** Pauses a company (companyId) or the site (null); pausing again replaces the reason. */
export function pauseDialing(db: Db, actor: Actor, input: { companyId: number | null; reason: string }, now: number): PauseDto {
  return transaction(db, () => {
    if (input.companyId !== null) getCompany(db, input.companyId);
    const before = pauseRow(db, input.companyId);
    if (before) prepare(db.sqlite, 'delete from dialing_pauses where coalesce(company_id, 0) = ?').run(input.companyId ?? 0);
    prepare(db.sqlite, 'insert into dialing_pauses (company_id, reason, paused_by, paused_at) values (?, ?, ?, ?)').run(
      input.companyId,
      input.reason,
      actor.name,
      now,
    );
    const after = pauseRow(db, input.companyId)!;
    audit(
      db,
      actor,
      { companyId: input.companyId, entity: 'dialing', entityId: input.companyId ?? 'site', action: 'pause', before, after },
      now,
    );
    return toDto(after);
  });
}

/** Lets a company (companyId) or the site (null) dial again; answers whether it was paused. */
export function resumeDialing(db: Db, actor: Actor, input: { companyId: number | null }, now: number): { resumed: boolean } {
  return transaction(db, () => {
    if (input.companyId !== null) getCompany(db, input.companyId);
    const before = pauseRow(db, input.companyId);
    if (!before) return { resumed: false };
    prepare(db.sqlite, 'delete from dialing_pauses where coalesce(company_id, 0) = ?').run(input.companyId ?? 0);
    audit(db, actor, { companyId: input.companyId, entity: 'dialing', entityId: input.companyId ?? 'site', action: 'resume', before }, now);
    return { resumed: true };
  });
}
