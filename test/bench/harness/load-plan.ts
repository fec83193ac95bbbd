/** What the load process is asked to do (sent over IPC, so plain data only). */
export type LoadPlan = ReportPlan | DialerLoopPlan | PacedDialersPlan;

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

/** Each connection is a dialer of one company: lease a batch, report a result for each number, again. */
export interface DialerLoopPlan extends CommonPlan {
  kind: 'dialer-loop';
  companies: string[];
  batchSize: number;
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
