import { z } from 'zod';
import { channel } from './define';
import { Id } from './common';
import { FileHandle } from './files';
import { PhoneInput, Region } from './setup';
import { GLOBAL_STATUSES, type CallStatus, type GlobalStatus } from '../statuses';
import { ListName } from './lifecycle';

/** The shared number pool: imports, do-not-call lists, counts and one number's history. */

export interface RejectedRow {
  /** 1-based line of the file (a header line counts) */
  line: number;
  value: string;
  reason: string;
}

export interface ImportReport {
  jobId: string;
  source: string;
  /** the list the numbers were put on (created by this import, or added to) */
  list: { id: number; name: string; owner: 'site' | 'company'; created: boolean };
  /** data rows read (a header is not a row) */
  rows: number;
  /** numbers new to the pool */
  added: number;
  /** already in the pool, or repeated within the file */
  known: number;
  rejected: number;
  /** the first rejected rows, with their line numbers */
  rejectedRows: RejectedRow[];
  rejectedRowsTruncated: boolean;
  durationMs: number;
}

export interface DncReport extends Omit<ImportReport, 'added' | 'known' | 'list'> {
  /** the site's list (no company dials its numbers) or the company's own (only it skips them) */
  scope: 'site' | 'company';
  /** phones this import added to the list */
  added: number;
  /** phones already on it */
  known: number;
  /** site list: pool numbers that are now `complained` (never dialed by anyone); a company list: 0 */
  marked: number;
}

/** What the pool remembers of a list besides its numbers (the console and the command line alike). */
export const ListOptions = z
  .object({
    /** the country of numbers written without their country code */
    region: Region.optional(),
    /** what the pool remembers as the numbers' source; the file name by default */
    source: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

/** Pasted text is for a few thousand numbers; a whole file is picked or uploaded (files.pickOpen). */
export const PASTED_LIST_LIMIT = 8 * 1024 * 1024;

/**
 * A list is a file the user picked (its handle from files.pickOpen) or pasted text. Never a path:
 * the server does not open files a client names (DESIGN.md §7).
 */
export const ImportSourceInput = ListOptions.extend({
  /**
   * numbers.import: the company whose own list this is (the site pool's when absent, for the owner; a
   * company user's import is always their company's). numbers.dnc: the company's own do-not-call list;
   * absent, the site's (the owner's).
   */
  companyId: Id.optional(),
  /** the list's name (numbers.import): the source's by default; an existing list of the same owner is added to */
  list: ListName.optional(),
  /** refused with a sentence that says what to do instead */
  path: z
    .never({ error: 'the server does not open files a client names: choose the file (files.pickOpen), or send the list as text' })
    .optional(),
  file: FileHandle.optional(),
  content: z
    .string()
    .max(PASTED_LIST_LIMIT, `pasted text is limited to ${PASTED_LIST_LIMIT / 1024 / 1024} MB; choose the file instead`)
    .optional(),
})
  .strict()
  .refine((v) => (v.file === undefined) !== (v.content === undefined), {
    message: 'give either a file (its handle from files.pickOpen) or the list as text, not both',
    path: ['file'],
  });
export type ImportSource = z.output<typeof ImportSourceInput>;

export interface PoolCounts {
  total: number;
  byStatus: Record<GlobalStatus, number>;
  leasedNow: number;
  companyId: number | null;
  /** numbers this company may be handed right now (every dialing rule but schedule and wallet) */
  availableNow: number | null;
  /** numbers this company has already dialed */
  dialedByCompany: number | null;
  countedAt: string;
}

export interface NumberResultDto {
  id: number;
  status: CallStatus;
  direction: 'outbound' | 'inbound';
  startedAt: string;
  durationS: number;
  scenarioId: number | null;
  amountCharged: number;
}

export interface NumberLookup {
  phone: string;
  number: {
    id: number;
    globalStatus: GlobalStatus;
    source: string;
    importedAt: string;
    lastCalledAt: string | null;
    lastCalledByThisCompany: boolean;
    inCooldown: boolean;
    leasedNow: boolean;
    dialedByCompany: boolean;
    /** this company's calls to the number */
    attempts: number;
    /** the lists it is on that this company sees (the site's and its own) */
    lists: string[];
    /** on this company's own do-not-call list (another company's list is never shown) */
    onCompanyDnc: boolean;
  } | null;
  /** this company's results for the number, newest first (at most 100) */
  results: NumberResultDto[];
}

/** One number across the site, as the searcher may see it (numbers.history). */
export interface NumberHistory {
  /** the number as stored (E.164) */
  phone: string;
  /** its state in the pool; null when the pool does not know it */
  number: { globalStatus: GlobalStatus; source: string; importedAt: string; lastCalledAt: string | null } | null;
  /** the calls of the companies the searcher works for, newest first */
  calls: {
    id: number;
    companyId: number;
    companyName: string;
    status: CallStatus;
    direction: 'outbound' | 'inbound';
    startedAt: string;
    durationS: number;
    amountCharged: number;
    currency: string;
  }[];
  /** more calls than shown: the call log has them all */
  truncated: boolean;
}

export const numbersChannels = {
  /**
   * Any number's history across the site, typed as people write it; `companyId` is the company the
   * searcher is looking at (its default country reads a national number first).
   */
  'numbers.history': channel<NumberHistory>()(
    z.object({ phone: PhoneInput, companyId: Id.optional(), region: Region.optional() }).strict(),
  ),
  'numbers.import': channel<ImportReport>()(ImportSourceInput),
  'numbers.dnc': channel<DncReport>()(ImportSourceInput),
  'numbers.counts': channel<PoolCounts>()(z.object({ companyId: Id.optional() }).strict()),
  'numbers.lookup': channel<NumberLookup>()(z.object({ companyId: Id, phone: PhoneInput, region: Region.optional() }).strict()),
  /** puts a number back to `active` (or another global status), e.g. after a complaint was withdrawn */
  'numbers.resetStatus': channel<{ phone: string; before: GlobalStatus; after: GlobalStatus }>()(
    z
      .object({
        phone: PhoneInput,
        region: Region.optional(),
        status: z.enum(GLOBAL_STATUSES).default('active'),
        note: z.string().trim().max(500).optional(),
      })
      .strict(),
  ),
};
