import type { CallStatus } from './statuses';
import type { DialerDto } from './contract/dialer';

/** Events the main process pushes to the console. `on()` returns an unsubscribe function. */
export interface EventMap {
  'company.changed': { companyId: number };
  'result.reported': {
    companyId: number;
    resultId: number;
    status: CallStatus;
    direction: 'outbound' | 'inbound';
    charged: number;
    at: string;
  };
  'wallet.changed': { companyId: number; balance: number; currency: string };
  /** a dialer's row for the console's live list, its company's blocked reason included */
  'dialer.seen': DialerDto;
  'import.progress': {
    companyId: number | null;
    jobId: string;
    done: number;
    total: number | null;
    /** true while `total` is guessed from how far into the file the reading is (not a count) */
    estimated: boolean;
    phase: 'reading' | 'writing' | 'finished' | 'failed';
  };
  /**
   * Under `dialdesk serve`, the bytes of a picked file on their way up (files.pickOpen). Raised by
   * the console's bridge in the page itself, not by the server: only the page sees an upload's progress.
   */
  'upload.progress': { name: string; sent: number; total: number };
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: EventName[] = [
  'company.changed',
  'result.reported',
  'wallet.changed',
  'dialer.seen',
  'import.progress',
  'upload.progress',
];

/** The narrow API the preload (or the headless bridge) puts on window.dialdesk. */
export interface DialdeskBridge {
  invoke(channel: string, arg: unknown): Promise<unknown>;
  on(event: string, fn: (payload: unknown) => void): () => void;
}
