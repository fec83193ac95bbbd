/** Call statuses and their rules (DESIGN.md §3, "Call statuses"). */
export const CALL_STATUSES = [
  'ANSWERED',
  'INTERESTED',
  'NOT_INTERESTED',
  'CALLBACK',
  'HANGUP',
  'COMPLAINED',
  'NO_ANSWER',
  'BUSY',
  'POWER_OFF',
  'INVALID',
  'FAILED',
  'INBOUND_CALL',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const BILLABLE_STATUSES: ReadonlySet<CallStatus> = new Set([
  'ANSWERED',
  'INTERESTED',
  'NOT_INTERESTED',
  'CALLBACK',
  'HANGUP',
  'COMPLAINED',
]);

export const GLOBAL_STATUSES = ['active', 'complained', 'power_off', 'invalid'] as const;
export type GlobalStatus = (typeof GLOBAL_STATUSES)[number];

/** The number's global status a result sets, if any. */
export function globalStatusAfter(status: CallStatus): GlobalStatus | null {
  switch (status) {
    case 'COMPLAINED':
      return 'complained';
    case 'POWER_OFF':
      return 'power_off';
    case 'INVALID':
      return 'invalid';
    default:
      return null;
  }
}

export const isBillable = (status: CallStatus): boolean => BILLABLE_STATUSES.has(status);
