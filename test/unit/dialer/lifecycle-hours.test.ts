import { afterEach, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { nextBatch } from '../../../src-main/core/dialer/leasing';
import { setDialingSettings } from '../../../src-main/core/dialer/dialing-settings';
import { importNumbers } from '../../../src-main/core/numbers/import';
import { pauseDialing, pauseStatus, resumeDialing } from '../../../src-main/core/pause/pause';
import { recordResult } from '../../../src-main/core/results/record';
import { setSchedule } from '../../../src-main/core/schedule/schedule';
import { dialerWorld, type DialerWorld } from '../../world';

/** DESIGN.md §8 callee-local hours and pauses, as the lease obeys them (cache on and off: vitest.config.ts). */
let d: DialerWorld;
afterEach(async () => d?.close());

const lease = (companyId: number, size = 100) => nextBatch(d.core, { companyId, size, dialerId: 'd1' });
const phonesOf = (b: { numbers: { phone: string }[] }) => b.numbers.map((n) => n.phone).sort();
const releaseAll = () => d.core.db.run('delete from leases');

const BERLIN = '+493012345678';
const NEW_YORK = '+12125550100';
const SYDNEY = '+61212345678';
/** Western and South Australia share the prefix: Perth and Adelaide */
const PERTH_OR_ADELAIDE = '+61891234567';

describe("callee-local hours: the company's window on the callee's own clock", () => {
  it('dials each number only inside the window in its own zone; a number spanning zones follows the company setting', async () => {
    // Monday 08:00 UTC: 09:00 in Berlin, 03:00 in New York, 19:00 in Sydney, 16:00 in Perth, 18:30 in Adelaide
    d = await dialerWorld({ numbers: 0, start: Date.parse('2026-03-02T08:00:00Z') });
    const now = d.clock.clock();
    await setSchedule(
      d.core.db,
      CLI_ACTOR,
      {
        companyId: d.w.companyA,
        windows: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start: '09:00', end: '17:00' })),
        exceptions: [],
      },
      now,
    );
    await importNumbers(d.core, CLI_ACTOR, {
      source: { content: [BERLIN, NEW_YORK, SYDNEY, PERTH_OR_ADELAIDE].join('\n') },
      companyId: null,
    });
    const zoned = await d.core.db.value('select count(*) from numbers where zone_id is not null');
    expect(zoned).toBe(4);

    expect(phonesOf(await lease(d.w.companyA))).toEqual([BERLIN, NEW_YORK, SYDNEY, PERTH_OR_ADELAIDE].sort()); // off: the company's hours only
    await releaseAll();
    await setDialingSettings(d.core.db, CLI_ACTOR, { companyId: d.w.companyA, calleeLocalHours: true }, now);
    expect(phonesOf(await lease(d.w.companyA))).toEqual([BERLIN]); // strictest: Adelaide is closed
    await releaseAll();
    await setDialingSettings(d.core.db, CLI_ACTOR, { companyId: d.w.companyA, ambiguousZones: 'company' }, now);
    expect(phonesOf(await lease(d.w.companyA))).toEqual([BERLIN, PERTH_OR_ADELAIDE].sort());
    await releaseAll();
    // 14:00 UTC: 09:00 in New York (the number spanning zones still follows the company's clock)
    d.clock.set(Date.parse('2026-03-02T14:00:00Z'));
    expect(phonesOf(await lease(d.w.companyA))).toEqual([BERLIN, NEW_YORK, PERTH_OR_ADELAIDE].sort());
    // globex never turned it on: its own hours alone (New York, open 24x7 in this world)
    await releaseAll();
    expect(phonesOf(await lease(d.w.companyB))).toHaveLength(4);
  });

  it('a number whose zone is not known (not looked up) follows the company’s own hours', async () => {
    d = await dialerWorld({ numbers: 2 });
    await setDialingSettings(d.core.db, CLI_ACTOR, { companyId: d.w.companyA, calleeLocalHours: true }, d.clock.clock());
    expect((await lease(d.w.companyA)).numbers).toHaveLength(2);
  });
});

describe('pause', () => {
  it('a paused company is answered "paused"; leases already out run to their end; resume lets it dial again', async () => {
    d = await dialerWorld({ numbers: 3 });
    const out = await lease(d.w.companyA, 1);
    await pauseDialing(d.core.db, { userId: null, name: 'maria' }, { companyId: d.w.companyA, reason: 'list review' }, d.clock.clock());
    expect(await lease(d.w.companyA)).toMatchObject({ numbers: [], blocked: { reason: 'paused', nextOpenAt: null } });
    expect(await d.count('leases', `company_id = ${d.w.companyA}`)).toBe(1);
    expect((await lease(d.w.companyB)).numbers).toHaveLength(2); // the other company dials on
    await recordResult(d.core, d.w.companyA, {
      callId: 'during-pause',
      numberId: out.numbers[0].numberId,
      scenarioKey: 'sales',
      status: 'ANSWERED',
      startedAt: d.clock.clock(),
      durationS: 30,
    });
    expect(await pauseStatus(d.core.db, d.w.companyA)).toMatchObject({ site: null, company: { reason: 'list review', pausedBy: 'maria' } });
    expect(await resumeDialing(d.core.db, CLI_ACTOR, { companyId: d.w.companyA }, d.clock.clock())).toEqual({ resumed: true });
    await releaseAll();
    expect((await lease(d.w.companyA)).blocked).toBeNull();
  });

  it('a site pause stops every company until the site is resumed, whatever a company does', async () => {
    d = await dialerWorld({ numbers: 3 });
    await pauseDialing(d.core.db, CLI_ACTOR, { companyId: null, reason: 'trunk maintenance' }, d.clock.clock());
    for (const c of [d.w.companyA, d.w.companyB]) expect((await lease(c)).blocked?.reason).toBe('paused');
    expect(await resumeDialing(d.core.db, CLI_ACTOR, { companyId: d.w.companyA }, d.clock.clock())).toEqual({ resumed: false });
    expect((await lease(d.w.companyA)).blocked?.reason).toBe('paused');
    await resumeDialing(d.core.db, CLI_ACTOR, { companyId: null }, d.clock.clock());
    expect((await lease(d.w.companyA)).numbers).toHaveLength(3);
  });
});
