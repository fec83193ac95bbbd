import type { Summary } from './stats';

/** What the load process is asked to do (sent over IPC, so plain data only). */
export type LoadPlan = ReportPlan | PacedDialersPlan | CrowdPlan;

interface CommonPlan {
  base: string;
  /** Authorization bearer key per company slug */
  keys: Record<string, string>;
  connections: number;
  durationS: number;
  /** what started_at the reported calls carry (the bench clock's "now") */
  startedAt: string;
  /** makes every call_id of this run unique: `${tag}-${connection}-${n}` */
  tag: string;
}

/** POSTs results for the given numbers, `perRequest` per request (1 = the single-result body). */
export interface ReportPlan extends CommonPlan {
  kind: 'report';
  path: string;
  company: string;
  perRequest: number;
  /** number ids the company holds leases on; used round-robin */
  numbers: number[];
  scenario: string;
}

/**
 * Dialers at a dialer's pace: each leases a batch, reports a result for each number, then waits
 * `pauseMs` (randomised ±50%) before the next batch, as a dialer does while it dials. One per company.
 */
export interface PacedDialersPlan extends Omit<CommonPlan, 'connections'> {
  kind: 'paced-dialers';
  companies: string[];
  batchSize: number;
  pauseMs: number;
  scenario: string;
}

/** `dialers` dialers of the given companies leasing and reporting back to back (see crowd.ts). */
export interface CrowdPlan extends Omit<CommonPlan, 'connections'> {
  kind: 'crowd';
  /** true: the bare server's routes, which check nothing */
  bare: boolean;
  companies: string[];
  dialers: number;
  batchSize: number;
  scenario: string;
}

export interface CrowdSummary {
  durationS: number;
  /** next-batch (or the bare SELECT) latency, ms */
  lease: Summary;
  /** report-results (or the bare inserts) latency, ms */
  report: Summary;
  /** results the server acknowledged */
  reported: number;
  /** answers other than 2xx */
  failures: number;
}

export interface LoadSummary {
  durationS: number;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  rps: number;
  statusCodes: Record<string, number>;
  latency: { p50: number; p99: number; max: number; mean: number };
}

/** A realistic mix of what dialers report (about half billable). */
export const REPORT_STATUSES = [
  'NO_ANSWER',
  'ANSWERED',
  'NOT_INTERESTED',
  'NO_ANSWER',
  'BUSY',
  'ANSWERED',
  'HANGUP',
  'INTERESTED',
  'NO_ANSWER',
  'CALLBACK',
] as const;

export function resultItem(numberId: number, callId: string, startedAt: string, scenario: string, n: number) {
  const status = REPORT_STATUSES[n % REPORT_STATUSES.length];
  const answered = status !== 'NO_ANSWER' && status !== 'BUSY';
  return {
    call_id: callId,
    number_id: numberId,
    scenario,
    status,
    started_at: startedAt,
    duration_s: answered ? 30 + (n % 200) : 0,
    ...(answered && { recording_url: `https://recordings.local/bench/${callId}.wav` }),
  };
}
