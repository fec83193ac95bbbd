import type { CallStatus } from '../../../src-shared/statuses';
import { i18next } from '../i18n';

/**
 * One color per call status, used by the matrix, the charts, the call log's pills and the legend
 * alike, so "BUSY" is the same orange everywhere. Warm for trouble, green/teal for talk, grey for
 * silence.
 */
export const STATUS_COLORS: Record<CallStatus, string> = {
  ANSWERED: '#2f855a',
  INTERESTED: '#0f8b8d',
  NOT_INTERESTED: '#7c8aa0',
  CALLBACK: '#6b5bd2',
  HANGUP: '#d69e2e',
  COMPLAINED: '#c53030',
  NO_ANSWER: '#b4bfcc',
  BUSY: '#dd6b20',
  POWER_OFF: '#4a5568',
  INVALID: '#b83280',
  FAILED: '#822727',
  INBOUND_CALL: '#3182ce',
};

/** A status as the console names it, in its language; an inbound call is short in tables and pills. */
export function statusLabel(status: CallStatus): string {
  return status === 'INBOUND_CALL' ? i18next.t('dashboard.matrix.inbound') : i18next.t(`statuses.${status}`);
}
