import type { NumberHistory } from '../../../src-shared/contract/numbers';
import type { GlobalStatus } from '../../../src-shared/statuses';
import type { Db } from '../db/connection';
import { dialectOf } from '../db/engine/queries';
import { badInput } from '../errors';
import { normalizePhone } from '../phone/phone';
import { toIso, toIsoOrNull } from '../time';
import { listCompanies } from '../companies/companies';

/** The most calls one search shows; the call log (filtered by the phone) has the rest. */
export const HISTORY_MAX = 200;

/**
 * One number's whole story across the site, as the searcher may see it: its state in the pool and the
 * calls of every company they work for (every company for the site owner), newest first. Typed as
 * people write it: international, national with `regions` (the first country that reads it as a valid
 * number wins: the current company's, then the searcher's other companies'), Persian digits.
 * `companyIds` null: every company.
 */
export async function numberHistory(
  db: Db,
  input: { phone: string; region?: string; companyId?: number; companyIds: readonly number[] | null },
): Promise<NumberHistory> {
  const { companyIds } = input;
  const companies = await listCompanies(db, companyIds);
  const current = companies.find((c) => c.id === input.companyId)?.defaultCountry;
  const regions = [input.region, current, ...companies.map((c) => c.defaultCountry)].filter((r): r is string => !!r);
  const phone = readPhone(input.phone, [...new Set(regions)]);
  const row = await db.get<{ id: number; global_status: GlobalStatus; source: string; imported_at: number; last_called_at: number | null }>(
    'select id, global_status, source, imported_at, last_called_at from numbers where phone = ?',
    [phone],
  );
  if (!row) return { phone, number: null, calls: [], truncated: false };
  const dialect = dialectOf(db);
  const scope = companyIds === null ? '' : `and ${dialect.inIds('r.company_id')}`;
  const params: unknown[] = [row.id, ...(companyIds === null ? [] : [dialect.ids(companyIds)]), HISTORY_MAX + 1];
  const calls = await db.all<{
    id: number;
    company_id: number;
    company_name: string;
    status: NumberHistory['calls'][number]['status'];
    direction: 'outbound' | 'inbound';
    started_at: number;
    duration_s: number;
    amount_charged: number;
    currency: string;
  }>(
    `select r.id, r.company_id, c.name as company_name, r.status, r.direction, r.started_at, r.duration_s, r.amount_charged, c.currency
     from call_results r join companies c on c.id = r.company_id
     where r.number_id = ? ${scope} order by r.started_at desc, r.id desc limit ?`,
    params,
  );
  return {
    phone,
    // which company last called it is not told: another company's business (DESIGN.md §8)
    number: {
      globalStatus: row.global_status,
      source: row.source,
      importedAt: toIso(row.imported_at),
      lastCalledAt: toIsoOrNull(row.last_called_at),
    },
    calls: calls.slice(0, HISTORY_MAX).map((c) => ({
      id: c.id,
      companyId: c.company_id,
      companyName: c.company_name,
      status: c.status,
      direction: c.direction,
      startedAt: toIso(c.started_at),
      durationS: c.duration_s,
      amountCharged: c.amount_charged,
      currency: c.currency,
    })),
    truncated: calls.length > HISTORY_MAX,
  };
}

function readPhone(raw: string, regions: readonly string[]): string {
  const international = normalizePhone(raw);
  if (international.ok) return international.phone;
  for (const region of regions) {
    const n = normalizePhone(raw, region);
    if (n.ok) return n.phone;
  }
  throw badInput(
    regions.length
      ? `phone: "${raw}" is not a valid number of ${regions.join(' or ')}, nor an international one`
      : `phone: "${raw}" needs its country code (such as +98 912…): no company here has a default country to read it with`,
  );
}
