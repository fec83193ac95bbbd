import type { CallStatus } from '../../../src-shared/statuses';

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

export const STATUS_LABELS: Record<CallStatus, string> = {
  ANSWERED: 'Answered',
  INTERESTED: 'Interested',
  NOT_INTERESTED: 'Not interested',
  CALLBACK: 'Callback',
  HANGUP: 'Hang-up',
  COMPLAINED: 'Complained',
  NO_ANSWER: 'No answer',
  BUSY: 'Busy',
  POWER_OFF: 'Power off',
  INVALID: 'Invalid',
  FAILED: 'Failed',
  INBOUND_CALL: 'Inbound',
};
