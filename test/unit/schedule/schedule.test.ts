import { afterEach, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { createCompany } from '../../../src-main/core/companies/companies';
import { companyOpenState } from '../../../src-main/core/schedule/open';
import { parseExceptionSpec, parseWindowSpec } from '../../../src-main/core/schedule/parse';
import { getSchedule, setSchedule, OPEN_24X7 } from '../../../src-main/core/schedule/schedule';
import { instantOf, localTime } from '../../../src-main/core/schedule/local-time';
import type { ScheduleException, ScheduleWindow } from '../../../src-shared/contract/schedule';
import { makeTestCore, type TestCore } from '../../world';

let core: TestCore;
afterEach(async () => core?.dispose());

const T = (iso: string) => Date.parse(iso);
async function companyIn(timezone: string, windows: ScheduleWindow[], exceptions: ScheduleException[] = []) {
  core = await makeTestCore();
  const c = await createCompany(
    core.db,
    CLI_ACTOR,
    {
      slug: 'tz-co',
      name: 'TZ',
      timezone,
      currency: 'USD',
      billingMode: 'per_call',
      costPerBillable: 1,
      costPerMinute: 0,
      lowBalanceThreshold: 0,
    },
    0,
  );
  await setSchedule(core.db, CLI_ACTOR, { companyId: c.id, windows, exceptions }, 0);
  return (iso: string) => companyOpenState(core.db, c.id, timezone, T(iso));
}

describe('opening hours', () => {
  it('a window opens at its start (inclusive) and closes at its end (exclusive), on local time', async () => {
    const at = await companyIn('Europe/Berlin', parseWindowSpec('mon-fri 09:00-17:00'));
    // Monday 2 March 2026, Berlin is UTC+1
    expect((await at('2026-03-02T07:59:00Z')).open).toBe(false);
    expect(await at('2026-03-02T08:00:00Z')).toEqual({ open: true, nextOpenAt: null, closesAt: T('2026-03-02T16:00:00Z') });
    expect((await at('2026-03-02T15:59:00Z')).open).toBe(true);
    expect(await at('2026-03-02T16:00:00Z')).toEqual({ open: false, nextOpenAt: T('2026-03-03T08:00:00Z'), closesAt: null });
    // Friday evening: next opening is Monday
    expect((await at('2026-03-06T16:30:00Z')).nextOpenAt).toBe(T('2026-03-09T08:00:00Z'));
  });

  it('date exceptions: closed all day, or special hours instead of the week', async () => {
    const at = await companyIn('Europe/Berlin', parseWindowSpec('mon-fri 09:00-17:00'), [
      { date: '2026-03-03', closed: true },
      { date: '2026-03-04', closed: false, start: '12:00', end: '14:00' },
      { date: '2026-03-07', closed: false, start: '10:00', end: '11:00' }, // a Saturday opened
    ]);
    expect((await at('2026-03-03T10:00:00Z')).open).toBe(false);
    expect((await at('2026-03-02T16:00:00Z')).nextOpenAt).toBe(T('2026-03-04T11:00:00Z'));
    expect((await at('2026-03-04T08:30:00Z')).open).toBe(false);
    expect(await at('2026-03-04T11:00:00Z')).toEqual({ open: true, nextOpenAt: null, closesAt: T('2026-03-04T13:00:00Z') });
    expect((await at('2026-03-07T09:30:00Z')).open).toBe(true);
  });

  it('keeps wall-clock hours across the spring DST change in New York', async () => {
    // Sunday 8 March 2026: at 02:00 EST the clocks jump to 03:00 EDT
    const at = await companyIn('America/New_York', [...parseWindowSpec('sun 01:00-04:00'), ...parseWindowSpec('mon-fri 09:00-17:00')]);
    expect((await at('2026-03-08T05:59:00Z')).open).toBe(false); // 00:59 EST
    expect((await at('2026-03-08T06:00:00Z')).open).toBe(true); // 01:00 EST
    expect((await at('2026-03-08T06:59:00Z')).open).toBe(true); // 01:59 EST
    expect((await at('2026-03-08T07:00:00Z')).open).toBe(true); // 03:00 EDT
    expect(await at('2026-03-08T07:59:00Z')).toMatchObject({ open: true, closesAt: T('2026-03-08T08:00:00Z') }); // 03:59 EDT
    expect((await at('2026-03-08T08:00:00Z')).open).toBe(false); // 04:00 EDT
    // Friday before: 09:00 EST is 14:00Z; Monday after: 09:00 EDT is 13:00Z
    expect((await at('2026-03-06T13:59:00Z')).open).toBe(false);
    expect((await at('2026-03-06T14:00:00Z')).open).toBe(true);
    expect((await at('2026-03-08T08:00:00Z')).nextOpenAt).toBe(T('2026-03-09T13:00:00Z'));
    expect((await at('2026-03-09T12:59:00Z')).open).toBe(false);
    expect((await at('2026-03-09T13:00:00Z')).open).toBe(true);
  });

  it('a window that starts in the skipped hour opens when the clock jumps past it', async () => {
    const at = await companyIn('America/New_York', parseWindowSpec('sun 02:30-05:00'));
    expect(await at('2026-03-08T04:00:00Z')).toEqual({ open: false, nextOpenAt: T('2026-03-08T07:00:00Z'), closesAt: null });
    expect((await at('2026-03-08T07:00:00Z')).open).toBe(true);
  });

  it('an ambiguous autumn time means its first occurrence', () => {
    // Sunday 1 November 2026: 01:00-02:00 EDT is followed by 01:00-02:00 EST
    expect(instantOf('2026-11-01', 90, 'America/New_York')).toBe(T('2026-11-01T05:30:00Z'));
    expect(localTime(T('2026-11-01T06:30:00Z'), 'America/New_York')).toEqual({ date: '2026-11-01', weekday: 6, minute: 90 });
    expect(instantOf('2026-03-02', 0, 'Asia/Kolkata')).toBe(T('2026-03-01T18:30:00Z'));
  });

  it('follows windows that touch across midnight to the real closing time; 24x7 never closes', async () => {
    let at = await companyIn('UTC', parseWindowSpec('mon 22:00-02:00'));
    expect(await at('2026-03-02T23:00:00Z')).toEqual({ open: true, nextOpenAt: null, closesAt: T('2026-03-03T02:00:00Z') });
    expect((await at('2026-03-03T01:59:00Z')).open).toBe(true);
    await core.dispose();
    at = await companyIn('Asia/Tehran', OPEN_24X7);
    expect(await at('2026-03-21T12:00:00Z')).toEqual({ open: true, nextOpenAt: null, closesAt: null });
  });

  it('a company without hours is closed, with no next opening', async () => {
    const at = await companyIn('UTC', []);
    expect(await at('2026-03-02T12:00:00Z')).toEqual({ open: false, nextOpenAt: null, closesAt: null });
  });
});

describe('setting the schedule', () => {
  it('stores the week and the exceptions, answers them back, and audits the change', async () => {
    await companyIn('Europe/Berlin', []);
    const dto = await setSchedule(
      core.db,
      CLI_ACTOR,
      {
        companyId: 1,
        windows: [...parseWindowSpec('mon-fri 09:00-12:00,13:00-17:00'), ...parseWindowSpec('sat 10:00-14:00')],
        exceptions: [...parseExceptionSpec('2026-12-25'), ...parseExceptionSpec('2026-12-24 09:00-13:00')],
      },
      T('2026-03-02T10:00:00Z'),
    );
    expect(dto.windows).toHaveLength(11);
    expect(dto.exceptions).toEqual([
      { date: '2026-12-24', closed: false, start: '09:00', end: '13:00' },
      { date: '2026-12-25', closed: true },
    ]);
    expect(dto).toMatchObject({ timezone: 'Europe/Berlin', openNow: true, closesAt: '2026-03-02T11:00:00.000Z' });
    expect((await getSchedule(core.db, 1, 0)).windows).toEqual(dto.windows);
    expect(await core.db.value("select count(*) from audit_log where entity = 'schedule'")).toBe(2);
  });

  it.each([
    [
      {
        windows: [
          { day: 'mon', start: '09:00', end: '12:00' },
          { day: 'mon', start: '11:00', end: '13:00' },
        ],
      },
      /overlap/,
    ],
    [{ windows: [{ day: 'mon', start: '12:00', end: '09:00' }] }, /ends before it starts/],
    [{ exceptions: [{ date: '2026-02-30', closed: true }] }, /not a calendar date/],
    [{ exceptions: [{ date: '2026-05-01', closed: true, start: '09:00', end: '10:00' }] }, /takes no start/],
    [{ exceptions: [{ date: '2026-05-01', closed: false }] }, /needs a start/],
    [
      {
        exceptions: [
          { date: '2026-05-01', closed: true },
          { date: '2026-05-01', closed: false, start: '09:00', end: '10:00' },
        ],
      },
      /keep one/,
    ],
  ])('refuses %j with nothing written', async (patch, message) => {
    await companyIn('UTC', OPEN_24X7);
    const before = await core.db.value('select count(*) from schedule_windows');
    await expect(setSchedule(core.db, CLI_ACTOR, { companyId: 1, windows: [], exceptions: [], ...patch } as never, 0)).rejects.toThrow(
      message,
    );
    expect(await core.db.value('select count(*) from schedule_windows')).toBe(before);
  });

  it('reads the command line forms', () => {
    expect(parseWindowSpec('sat-mon 10:00-11:00').map((w) => w.day)).toEqual(['mon', 'sat', 'sun']);
    expect(parseWindowSpec('daily 08:00-20:00')).toHaveLength(7);
    expect(parseWindowSpec('sun 23:00-01:00')).toEqual([
      { day: 'sun', start: '23:00', end: '24:00' },
      { day: 'mon', start: '00:00', end: '01:00' },
    ]);
    expect(() => parseWindowSpec('funday 09:00-10:00')).toThrow(/not a day/);
    expect(() => parseWindowSpec('mon 9-5')).toThrow(/HH:MM-HH:MM/);
    expect(() => parseExceptionSpec('25.12.2026')).toThrow(/YYYY-MM-DD/);
  });
});
