import { GLOBAL_STATUSES, type GlobalStatus } from '../../../src-shared/statuses';
import type { NumberLookup, PoolCounts } from '../../../src-shared/contract/numbers';
import type { Db } from '../db/connection';
import type { Core } from '../core';
import { writeAudit, type Actor } from '../audit/audit';
import { badInput, notFound } from '../errors';
import { companyOf } from '../companies/companies';
import { siteSettingsOf } from '../settings/site';
import { poolWritten } from '../dialer/pool-cache';
import { DAY_MS } from '../dialer/leasing';
import { toIso, toIsoOrNull } from '../time';
import { normalizePhone } from '../phone/phone';
import { visibleListNames } from '../lists/lists';
import { onCompanyDnc } from '../dnc/dnc';

const SLICE_IDS = 20_000;

/**
 * The pool by global status, and for a company how many numbers it may be handed now (every
 * number-level rule: active, out of cooldown, not leased, never dialed by it). Counted over id
 * ranges with the event loop free between them, so a 1M pool never stalls the port.
 */
export async function poolCounts(core: Core, companyId: number | null): Promise<PoolCounts> {
  const { db } = core;
  if (companyId !== null) await companyOf(db, companyId);
  const now = core.clock();
  const cutoff = now - (await siteSettingsOf(db)).callCooldownDays * DAY_MS;
  const byStatus = Object.fromEntries(GLOBAL_STATUSES.map((s) => [s, 0])) as Record<GlobalStatus, number>;
  let availableNow = 0;
  const maxId = (await db.value<number | null>('select max(id) from numbers')) ?? 0;
  for (let lo = 0; lo < maxId; lo += SLICE_IDS) {
    const statuses = await db.all<{ status: GlobalStatus; n: number }>(
      'select global_status as status, count(*) as n from numbers where id > ? and id <= ? group by global_status',
      [lo, lo + SLICE_IDS],
    );
    for (const r of statuses) byStatus[r.status] += r.n;
    if (companyId !== null) availableNow += (await db.value<number>(AVAILABLE, [lo, lo + SLICE_IDS, cutoff, now, companyId]))!;
    await new Promise((r) => setImmediate(r));
  }
  return {
    total: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStatus,
    leasedNow: (await db.value<number>('select count(*) from leases where expires_at > ?', [now]))!,
    companyId,
    availableNow: companyId === null ? null : availableNow,
    dialedByCompany:
      companyId === null ? null : (await db.value<number>('select count(*) from company_calls where company_id = ?', [companyId]))!,
    countedAt: toIso(now),
  };
}

const AVAILABLE = `
  select count(*) from numbers n
  where n.id > ? and n.id <= ? and n.global_status = 'active' and (n.last_called_at is null or n.last_called_at <= ?)
    and not exists (select 1 from leases l where l.number_id = n.id and l.expires_at > ?)
    and not exists (select 1 from company_calls c where c.company_id = ? and c.number_id = n.id)`;

function e164(phone: string, region?: string | null): string {
  const n = normalizePhone(phone, region);
  if (!n.ok) throw badInput(`phone: "${phone}" is not usable: ${n.reason}`);
  return n.phone;
}

interface NumberRow {
  id: number;
  global_status: GlobalStatus;
  source: string;
  list_id: number | null;
  imported_at: number;
  last_called_at: number | null;
  last_called_company_id: number | null;
}

interface ResultRow {
  id: number;
  status: NumberLookup['results'][number]['status'];
  direction: 'outbound' | 'inbound';
  started_at: number;
  duration_s: number;
  scenario_id: number | null;
  amount_charged: number;
}

/** One number as a company sees it: its state in the pool and this company's calls to it. */
export async function lookupNumber(core: Core, companyId: number, phone: string, region?: string): Promise<NumberLookup> {
  const { db } = core;
  const company = await companyOf(db, companyId);
  const normalized = e164(phone, region ?? company.default_country);
  const now = core.clock();
  const row = await db.get<NumberRow>(
    'select id, global_status, source, imported_at, last_called_at, last_called_company_id, list_id from numbers where phone = ?',
    [normalized],
  );
  if (!row) return { phone: normalized, number: null, results: [] };
  const cutoff = now - (await siteSettingsOf(db)).callCooldownDays * DAY_MS;
  const mine = await db.get<{ attempts: number }>('select attempts from company_calls where company_id = ? and number_id = ?', [
    companyId,
    row.id,
  ]);
  const lists = await visibleListNames(db, companyId, row.id);
  // the source another company's list gave the number is that company's business, not this one's
  const firstListSeen =
    row.list_id === null ||
    (await db.get('select 1 from number_lists where id = ? and (company_id is null or company_id = ?)', [row.list_id, companyId])) !==
      undefined;
  const results = await db.all<ResultRow>(
    'select id, status, direction, started_at, duration_s, scenario_id, amount_charged from call_results where number_id = ? and company_id = ? order by started_at desc, id desc limit 100',
    [row.id, companyId],
  );
  const leased = await db.value<number>('select count(*) from leases where number_id = ? and expires_at > ?', [row.id, now]);
  return {
    phone: normalized,
    number: {
      id: row.id,
      globalStatus: row.global_status,
      source: firstListSeen ? row.source : (lists[0] ?? ''),
      importedAt: toIso(row.imported_at),
      lastCalledAt: toIsoOrNull(row.last_called_at),
      lastCalledByThisCompany: row.last_called_company_id === companyId,
      inCooldown: row.last_called_at !== null && row.last_called_at > cutoff,
      leasedNow: leased === 1,
      dialedByCompany: mine !== undefined,
      attempts: mine?.attempts ?? 0,
      lists,
      onCompanyDnc: await onCompanyDnc(db, companyId, normalized),
    },
    results: results.map((r) => ({
      id: r.id,
      status: r.status,
      direction: r.direction,
      startedAt: toIso(r.started_at),
      durationS: r.duration_s,
      scenarioId: r.scenario_id,
      amountCharged: r.amount_charged,
    })),
  };
}

/** Sets a number's global status by hand (a complaint withdrawn, a number found valid after all). */
export async function resetNumberStatus(
  db: Db,
  actor: Actor,
  input: { phone: string; region?: string; status: GlobalStatus; note?: string },
  now: number,
): Promise<{ phone: string; before: GlobalStatus; after: GlobalStatus }> {
  const phone = e164(input.phone, input.region);
  const result = await db.transaction(async (tx) => {
    const row = await tx.get<{ id: number; global_status: GlobalStatus }>('select id, global_status from numbers where phone = ?', [phone]);
    if (!row) throw notFound(`${phone} is not in the number pool`);
    if (row.global_status !== input.status) {
      await tx.run('update numbers set global_status = ? where id = ?', [input.status, row.id]);
      await writeAudit(
        tx,
        actor,
        {
          companyId: null,
          entity: 'number',
          entityId: row.id,
          action: 'set_status',
          before: { phone, global_status: row.global_status },
          after: { phone, global_status: input.status, note: input.note ?? '' },
        },
        now,
      );
    }
    return { id: row.id, phone, before: row.global_status, after: input.status };
  });
  poolWritten(db, { statuses: [{ id: result.id, status: result.after }] });
  return { phone: result.phone, before: result.before, after: result.after };
}
