import {
  WEEKDAYS,
  type ScheduleDto,
  type ScheduleException,
  type ScheduleSet,
  type ScheduleWindow,
} from '../../../src-shared/contract/schedule';
import type { Db } from '../db/connection';
import type { Queries } from '../db/engine/queries';
import { writeAudit, type Actor } from '../audit/audit';
import { badInput } from '../errors';
import { companyOf } from '../companies/companies';
import { toIsoOrNull } from '../time';
import { companyOpenState } from './open';

export const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const toClock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export async function getSchedule(q: Queries, companyId: number, now: number): Promise<ScheduleDto> {
  const company = await companyOf(q, companyId);
  const windows = (
    await q.all<{ weekday: number; start_minute: number; end_minute: number }>(
      'select weekday, start_minute, end_minute from schedule_windows where company_id = ? order by weekday, start_minute',
      [companyId],
    )
  ).map((r): ScheduleWindow => ({ day: WEEKDAYS[r.weekday], start: toClock(r.start_minute), end: toClock(r.end_minute) }));
  const exceptions = (
    await q.all<{ date: string; closed: number; start_minute: number | null; end_minute: number | null; note: string }>(
      'select date, closed, start_minute, end_minute, note from schedule_exceptions where company_id = ? order by date, start_minute',
      [companyId],
    )
  ).map((r): ScheduleException => ({
    date: r.date,
    closed: r.closed === 1,
    ...(r.start_minute !== null && { start: toClock(r.start_minute) }),
    ...(r.end_minute !== null && { end: toClock(r.end_minute) }),
    ...(r.note && { note: r.note }),
  }));
  const state = await companyOpenState(q, companyId, company.timezone, now);
  return {
    companyId,
    timezone: company.timezone,
    windows,
    exceptions,
    openNow: state.open,
    nextOpenAt: toIsoOrNull(state.nextOpenAt),
    closesAt: toIsoOrNull(state.closesAt),
  };
}

/** Replaces the company's whole week and exception list, after checking that nothing overlaps. */
export async function setSchedule(db: Db, actor: Actor, input: ScheduleSet, now: number): Promise<ScheduleDto> {
  const rows = scheduleRows(input);
  return db.transaction((tx) => writeSchedule(tx, actor, input.companyId, rows, now));
}

/** The same inside the caller's transaction (the wizard's, a company file's import). */
export async function setScheduleIn(tx: Queries, actor: Actor, input: ScheduleSet, now: number): Promise<ScheduleDto> {
  return writeSchedule(tx, actor, input.companyId, scheduleRows(input), now);
}

type ScheduleRows = ReturnType<typeof scheduleRows>;

/** The rows to write, after checking that nothing overlaps; BAD_INPUT before any write. */
function scheduleRows(input: ScheduleSet) {
  const windows = input.windows.map((w) => ({
    weekday: WEEKDAYS.indexOf(w.day),
    start: toMinutes(w.start),
    end: toMinutes(w.end),
    label: `${w.day} ${w.start}-${w.end}`,
  }));
  for (const w of windows)
    if (w.start >= w.end) throw badInput(`windows: ${w.label} ends before it starts (split a window that crosses midnight in two)`);
  for (let day = 0; day < 7; day++)
    noOverlap(
      windows.filter((w) => w.weekday === day),
      'windows',
    );

  const byDate = new Map<string, ScheduleException[]>();
  for (const e of input.exceptions) byDate.set(e.date, [...(byDate.get(e.date) ?? []), e]);
  const exceptionRows: { date: string; closed: number; start_minute: number | null; end_minute: number | null; note: string }[] = [];
  for (const [date, list] of byDate) {
    if (Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
      throw badInput(`exceptions: ${date} is not a calendar date`);
    }
    if (list.some((e) => e.closed)) {
      if (list.length > 1) throw badInput(`exceptions: ${date} is closed all day and also has hours; keep one`);
      if (list[0].start || list[0].end) throw badInput(`exceptions: ${date} is closed all day, so it takes no start or end`);
      exceptionRows.push({ date, closed: 1, start_minute: null, end_minute: null, note: list[0].note ?? '' });
      continue;
    }
    const spans = list.map((e) => {
      if (!e.start || !e.end) throw badInput(`exceptions: ${date} is open, so it needs a start and an end (or closed: true)`);
      const span = { start: toMinutes(e.start), end: toMinutes(e.end), label: `${date} ${e.start}-${e.end}`, note: e.note ?? '' };
      if (span.start >= span.end) throw badInput(`exceptions: ${span.label} ends before it starts`);
      return span;
    });
    noOverlap(spans, 'exceptions');
    for (const s of spans) exceptionRows.push({ date, closed: 0, start_minute: s.start, end_minute: s.end, note: s.note });
  }
  return { windows, exceptionRows };
}

async function writeSchedule(tx: Queries, actor: Actor, companyId: number, rows: ScheduleRows, now: number): Promise<ScheduleDto> {
  const { windows, exceptionRows } = rows;
  await companyOf(tx, companyId);
  const before = await getSchedule(tx, companyId, now);
  await tx.run('delete from schedule_windows where company_id = ?', [companyId]);
  await tx.run('delete from schedule_exceptions where company_id = ?', [companyId]);
  for (const w of windows) {
    await tx.run('insert into schedule_windows (company_id, weekday, start_minute, end_minute) values (?, ?, ?, ?)', [
      companyId,
      w.weekday,
      w.start,
      w.end,
    ]);
  }
  for (const e of exceptionRows) {
    await tx.run('insert into schedule_exceptions (company_id, date, closed, start_minute, end_minute, note) values (?, ?, ?, ?, ?, ?)', [
      companyId,
      e.date,
      e.closed,
      e.start_minute,
      e.end_minute,
      e.note,
    ]);
  }
  const after = await getSchedule(tx, companyId, now);
  await writeAudit(
    tx,
    actor,
    {
      companyId: companyId,
      entity: 'schedule',
      entityId: companyId,
      action: 'update',
      before: { windows: before.windows, exceptions: before.exceptions },
      after: { windows: after.windows, exceptions: after.exceptions },
    },
    now,
  );
  return after;
}

function noOverlap(spans: { start: number; end: number; label: string }[], field: string): void {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].start < sorted[i - 1].end) throw badInput(`${field}: ${sorted[i - 1].label} and ${sorted[i].label} overlap`);
  }
}

/** Every day, all day. */
export const OPEN_24X7: ScheduleWindow[] = WEEKDAYS.map((day) => ({ day, start: '00:00', end: '24:00' }));
