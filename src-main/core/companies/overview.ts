import type { CompanyOverview } from '../../../src-shared/contract/companies';
import type { Core } from '../core';
import { alertsFor } from '../alerts/alerts';
import { dialerRegistry } from '../dialer/registry';
import { liveBlock, toBlock } from '../dialer/state';
import { statsMatrix } from '../stats/matrix';
import { listCompanies } from './companies';

/** A dialer heard from within this long counts as at work. */
const LIVE_MS = 2 * 60_000;

/**
 * Every company the user works for at a glance (the site owner: all of them): today's calls on the
 * company's own calendar, its answer rate and cost, the wallet, why its dialers get no numbers if
 * they do not, how many dialers are at work, and how many alerts it has.
 */
export async function companiesOverview(core: Core, companyIds: readonly number[] | null): Promise<CompanyOverview[]> {
  const now = core.clock();
  const rows: CompanyOverview[] = [];
  for (const c of await listCompanies(core.db, companyIds)) {
    const today = (await statsMatrix(core.db, { companyId: c.id, range: { preset: 'today' }, groupBy: 'scenario' }, now)).totals;
    const dialers = await dialerRegistry(core).list(c.id);
    rows.push({
      companyId: c.id,
      name: c.name,
      slug: c.slug,
      isActive: c.isActive,
      timezone: c.timezone,
      currency: c.currency,
      walletBalance: c.walletBalance,
      today: { calls: today.total, billable: today.billable, answerRate: today.answerRate, cost: today.cost },
      blocked: toBlock(await liveBlock(core, c.id, now)),
      dialersAtWork: dialers.filter((d) => now - Date.parse(d.lastSeenAt) < LIVE_MS).length,
      alerts: c.isActive ? (await alertsFor(core, [c.id])).length : 0,
    });
  }
  return rows;
}
