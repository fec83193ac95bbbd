import { describe, expect, it } from 'vitest';
import { localDays, resolveRange } from '../../../src-main/core/stats/range';
import { decompose } from '../../../src-main/core/stats/matrix';
import { formatLocal, formatOffset, offsetSegments, startOfLocalDay } from '../../../src-main/core/time-zone';

const iso = (ms: number) => new Date(ms).toISOString();
const H = 3_600_000;

describe('local days in a time zone', () => {
  it.each([
    // zone, date, first instant, hours in that day
    ['Europe/Berlin', '2026-03-02', '2026-03-01T23:00:00.000Z', 24],
    ['Europe/Berlin', '2026-03-29', '2026-03-28T23:00:00.000Z', 23], // spring forward
    ['Europe/Berlin', '2026-10-25', '2026-10-24T22:00:00.000Z', 25], // fall back
    ['Asia/Tehran', '2026-03-02', '2026-03-01T20:30:00.000Z', 24],
    ['Asia/Kathmandu', '2026-03-02', '2026-03-01T18:15:00.000Z', 24],
    ['America/New_York', '2026-03-08', '2026-03-08T05:00:00.000Z', 23],
    // Chile moves its clocks at midnight: 2025-09-07 begins at 01:00 local, 04:00 UTC
    ['America/Santiago', '2025-09-07', '2025-09-07T04:00:00.000Z', 23],
    ['America/Santiago', '2026-04-04', '2026-04-04T03:00:00.000Z', 25],
    // Lord Howe shifts by half an hour
    ['Australia/Lord_Howe', '2026-04-05', '2026-04-04T13:00:00.000Z', 24.5],
    ['UTC', '2026-03-02', '2026-03-02T00:00:00.000Z', 24],
  ])('%s %s starts at %s and lasts %d hours', (tz, date, start, hours) => {
    const r = localDays(date, date, tz);
    expect(iso(r.startMs)).toBe(start);
    expect((r.endMs - r.startMs) / H).toBe(hours);
    expect(startOfLocalDay(date, tz)).toBe(r.startMs);
  });

  it('resolves presets on the company calendar, not the UTC one', () => {
    // 2026-03-01T21:00Z is still March 1st in Berlin but already March 2nd in Tehran
    const now = Date.parse('2026-03-01T21:00:00Z');
    expect(resolveRange({ preset: 'today' }, 'Europe/Berlin', now)).toMatchObject({ from: '2026-03-01', to: '2026-03-01' });
    const tehran = resolveRange({ preset: 'today' }, 'Asia/Tehran', now);
    expect(tehran).toMatchObject({ from: '2026-03-02', to: '2026-03-02' });
    expect(iso(tehran.startMs)).toBe('2026-03-01T20:30:00.000Z');
    expect(resolveRange({ preset: 'yesterday' }, 'Asia/Tehran', now)).toMatchObject({ from: '2026-03-01', to: '2026-03-01' });
    expect(resolveRange({ preset: 'last7' }, 'Asia/Tehran', now)).toMatchObject({ from: '2026-02-24', to: '2026-03-02' });
    expect(resolveRange({ preset: 'thisMonth' }, 'Europe/Berlin', now)).toMatchObject({ from: '2026-03-01', to: '2026-03-01' });
    expect(resolveRange({ preset: 'thisMonth' }, 'Asia/Tehran', Date.parse('2026-03-31T21:00:00Z'))).toMatchObject({
      from: '2026-04-01',
      to: '2026-04-01',
    });
  });

  it('splits a range where the offset changes', () => {
    const r = localDays('2026-10-24', '2026-10-26', 'Europe/Berlin');
    const segs = offsetSegments(r.startMs, r.endMs, 'Europe/Berlin');
    expect(segs.map((s) => [iso(s.start), iso(s.end), s.offset / 60_000])).toEqual([
      ['2026-10-23T22:00:00.000Z', '2026-10-25T01:00:00.000Z', 120],
      ['2026-10-25T01:00:00.000Z', '2026-10-26T23:00:00.000Z', 60],
    ]);
    const tehran = localDays('2026-01-01', '2026-12-31', 'Asia/Tehran');
    expect(offsetSegments(tehran.startMs, tehran.endMs, 'Asia/Tehran')).toHaveLength(1);
  });

  it('formats local times and offsets', () => {
    expect(formatLocal(Date.parse('2026-03-01T20:30:00Z'), 'Asia/Tehran')).toBe('2026-03-02 00:00:00');
    expect(formatOffset(-(4 * 60 + 30) * 60_000)).toBe('-04:30');
    expect(formatOffset(345 * 60_000)).toBe('+05:45');
  });
});

describe('covering a range with rollup rows', () => {
  it('uses 6-hour blocks in the middle and quarter-hours at the edges, covering every instant once', () => {
    const r = localDays('2026-02-01', '2026-02-28', 'Asia/Tehran'); // 2026-01-31T20:30Z .. 2026-02-28T20:30Z
    const pieces = decompose(r.startMs, r.endMs);
    expect(pieces.map((p) => [p.table, iso(p.start), iso(p.end)])).toEqual([
      ['call_stats', '2026-01-31T20:30:00.000Z', '2026-02-01T00:00:00.000Z'],
      ['call_stats_blocks', '2026-02-01T00:00:00.000Z', '2026-02-28T18:00:00.000Z'],
      ['call_stats', '2026-02-28T18:00:00.000Z', '2026-02-28T20:30:00.000Z'],
    ]);
    for (let i = 1; i < pieces.length; i++) expect(pieces[i]!.start).toBe(pieces[i - 1]!.end);
  });

  it('leaves 0 or 24 quarter-hours at the edges of whole local days, in any zone', () => {
    for (const tz of ['UTC', 'Europe/Berlin', 'Asia/Tehran', 'Asia/Kathmandu', 'Asia/Kolkata', 'America/St_Johns']) {
      for (const [from, to] of [
        ['2026-03-02', '2026-03-02'],
        ['2026-01-01', '2026-01-31'],
      ]) {
        const r = localDays(from, to, tz);
        const pieces = decompose(r.startMs, r.endMs);
        const quarters = pieces.filter((p) => p.table === 'call_stats').reduce((n, p) => n + (p.end - p.start) / 900_000, 0);
        expect([0, 24], `${tz} ${from}`).toContain(quarters);
        expect(pieces[0]!.start).toBe(r.startMs);
        expect(pieces[pieces.length - 1]!.end).toBe(r.endMs);
      }
    }
  });
});
