import { z } from 'zod';
import { channel } from './define';
import { Id, Region } from './common';
import type { DncReport } from './numbers';
import { StatsRange, type ResolvedRange } from './stats';
import type { SavedFileAnswer } from './exports';
import { type CallStatus } from '../statuses';

/** The number lifecycle (DESIGN.md §8): lists, recycling, callbacks, callee-local hours and pauses. */

// ---- lists ----------------------------------------------------------------------------------

export const LIST_NAME_RULES = 'a list name is 1 to 120 characters';
export const ListName = z.string().trim().min(1, LIST_NAME_RULES).max(120, LIST_NAME_RULES);

/** A list as one company sees it: its own lists and the site pool's. */
export interface NumberListDto {
  id: number;
  name: string;
  /** the site pool's (dialed by every company) or this company's own */
  owner: 'site' | 'company';
  createdAt: string;
  /** dialed by this company (it switches a list on and off for itself alone) */
  active: boolean;
  /** numbers on the list */
  size: number;
  /** of them, numbers this company has called at least once (first attempts) */
  dialed: number;
  /** this company's calls to them after the first (recycled and callbacks) */
  recycled: number;
  /** of them, numbers this company reached at least once (a billable status) */
  answered: number;
  /** not dialed by this company yet and not ruled out for everyone (complained, power off, invalid) */
  remaining: number;
  /** dialed / size, in percent with one decimal */
  penetration: number;
}

export interface ListsAnswer {
  companyId: number;
  lists: NumberListDto[];
  countedAt: string;
}

// ---- recycling ------------------------------------------------------------------------------

/** Statuses a number can be retried after: the others end it for everyone (or, FAILED, return it at once). */
export const RECYCLABLE_STATUSES = [
  'NO_ANSWER',
  'BUSY',
  'HANGUP',
  'CALLBACK',
  'ANSWERED',
  'NOT_INTERESTED',
] as const satisfies readonly CallStatus[];
export type RecyclableStatus = (typeof RECYCLABLE_STATUSES)[number];
export const MAX_RECYCLE_DELAY_MINUTES = 30 * 24 * 60;
export const MAX_RECYCLE_RETRIES = 20;

export interface RecycleRuleDto {
  status: RecyclableStatus;
  /** minutes after the call before the retry */
  delayMinutes: number;
  /** retries after the first call, at most */
  maxRetries: number;
  /** the retry is the company's own attempt: the global cooldown its own call started does not hold it back */
  ownAttempt: boolean;
  isActive: boolean;
  updatedAt: string;
}

export const RecycleRuleInput = z
  .object({
    companyId: Id,
    status: z.enum(RECYCLABLE_STATUSES, {
      error: `a rule is for one of ${RECYCLABLE_STATUSES.join(', ')} (COMPLAINED, POWER_OFF and INVALID end a number for everyone; FAILED returns it at once)`,
    }),
    delayMinutes: z
      .number()
      .int('the delay is a whole number of minutes')
      .min(1, 'the delay is at least 1 minute')
      .max(MAX_RECYCLE_DELAY_MINUTES, `the delay is at most ${MAX_RECYCLE_DELAY_MINUTES} minutes (30 days)`),
    maxRetries: z
      .number()
      .int('retries are a whole number')
      .min(1, 'a rule retries at least once')
      .max(MAX_RECYCLE_RETRIES, `a rule retries at most ${MAX_RECYCLE_RETRIES} times`),
    ownAttempt: z.boolean().default(false),
    isActive: z.boolean().default(true),
  })
  .strict();
export type RecycleRuleSave = z.output<typeof RecycleRuleInput>;

/** The dashboard's dialed calls, first attempts apart from re-attempts (recycled, callbacks). */
export interface AttemptCounts {
  range: ResolvedRange;
  /** outbound calls that were attempts (every status but INBOUND_CALL and FAILED) */
  dialed: number;
  first: number;
  recycled: number;
  callbacks: number;
}

// ---- callbacks ------------------------------------------------------------------------------

/** How late a callback may still be dialed; after that it is missed and waits for a supervisor. */
export const CALLBACK_GRACE_MINUTES = 120;
/** How far ahead a callback may be asked for. */
export const MAX_CALLBACK_DAYS = 90;

export const CALLBACK_VIEWS = ['due', 'upcoming', 'missed', 'done', 'cancelled'] as const;
export type CallbackView = (typeof CALLBACK_VIEWS)[number];

export interface CallbackDto {
  id: number;
  numberId: number;
  phone: string;
  dueAt: string;
  agent: { id: number; name: string; extension: string } | null;
  state: 'pending' | 'done' | 'cancelled';
  /** pending ones: upcoming, due (being dialed) or missed (past the grace, waiting for a supervisor) */
  view: CallbackView;
  /** a dialer holds it right now */
  leasedNow: boolean;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export interface CallbackCounts {
  due: number;
  upcoming: number;
  missed: number;
}

const IsoTime = z.iso.datetime({ offset: true, message: 'a time is ISO 8601, such as 2026-03-02T15:00:00Z' });

// ---- pauses ---------------------------------------------------------------------------------

export interface PauseDto {
  scope: 'site' | 'company';
  companyId: number | null;
  reason: string;
  pausedBy: string;
  pausedAt: string;
}

export interface PauseStatus {
  /** the whole site paused (wins over a company's own pause) */
  site: PauseDto | null;
  company: PauseDto | null;
}

const Reason = z.string().trim().min(1, 'say why dialing is paused').max(500, 'a reason is at most 500 characters');

// ---- callee-local hours ---------------------------------------------------------------------

export const AMBIGUOUS_ZONES = ['strictest', 'company'] as const;
export interface DialingSettings {
  companyId: number;
  /** dial a number only inside the company's window on the callee's own clock */
  calleeLocalHours: boolean;
  /** a number whose area spans zones: open only where all are ('strictest'), or on the company's clock */
  ambiguousZones: (typeof AMBIGUOUS_ZONES)[number];
}

// ---- do-not-call ----------------------------------------------------------------------------

export interface DncEntryDto {
  phone: string;
  source: string;
  addedAt: string;
  addedBy: string;
}

export interface DncPage {
  scope: 'site' | 'company';
  total: number;
  entries: DncEntryDto[];
}

export interface DncCsvAnswer extends SavedFileAnswer {
  rows: number;
}

/** No companyId: the site's list (the owner's); with one: that company's own. */
const DncScope = { companyId: Id.optional() };

export const lifecycleChannels = {
  'lists.list': channel<ListsAnswer>()(z.object({ companyId: Id }).strict()),
  'lists.setActive': channel<NumberListDto>()(z.object({ companyId: Id, listId: Id, active: z.boolean() }).strict()),

  'stats.attempts': channel<AttemptCounts>()(z.object({ companyId: Id, range: StatsRange }).strict()),

  'recycling.list': channel<RecycleRuleDto[]>()(z.object({ companyId: Id }).strict()),
  'recycling.save': channel<RecycleRuleDto>()(RecycleRuleInput),
  'recycling.remove': channel<{ removed: boolean }>()(z.object({ companyId: Id, status: z.enum(RECYCLABLE_STATUSES) }).strict()),

  'callbacks.list': channel<{ callbacks: CallbackDto[]; counts: CallbackCounts }>()(
    z.object({ companyId: Id, view: z.enum(CALLBACK_VIEWS).default('due'), limit: z.number().int().min(1).max(500).default(100) }).strict(),
  ),
  'callbacks.move': channel<CallbackDto>()(z.object({ companyId: Id, id: Id, dueAt: IsoTime }).strict()),
  'callbacks.cancel': channel<CallbackDto>()(z.object({ companyId: Id, id: Id }).strict()),

  'pause.status': channel<PauseStatus>()(z.object({ companyId: Id }).strict()),
  'pause.set': channel<PauseStatus>()(z.object({ ...DncScope, reason: Reason }).strict()),
  'pause.clear': channel<PauseStatus>()(z.object(DncScope).strict()),

  'dialing.get': channel<DialingSettings>()(z.object({ companyId: Id }).strict()),
  'dialing.set': channel<DialingSettings>()(
    z.object({ companyId: Id, calleeLocalHours: z.boolean().optional(), ambiguousZones: z.enum(AMBIGUOUS_ZONES).optional() }).strict(),
  ),

  'dnc.list': channel<DncPage>()(
    z
      .object({
        ...DncScope,
        search: z.string().trim().max(40).optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
  ),
  'dnc.exportCsv': channel<DncCsvAnswer>()(z.object(DncScope).strict()),
  /** one number typed onto a list: the site's (the owner's) without companyId, a company's own with it */
  'dnc.add': channel<DncReport>()(
    z.object({ ...DncScope, phone: z.string().trim().min(1, 'type a phone number').max(40), region: Region.optional() }).strict(),
  ),
};
