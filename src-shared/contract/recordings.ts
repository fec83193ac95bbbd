import { z } from 'zod';
import { channel } from './define';
import { Id } from './common';

/**
 * A call's recording as the call detail plays it. A recording kept by the company's Jambonz needs the
 * company's REST API key to fetch, which never leaves the desk: the desk fetches it and hands the
 * console the sound. Any other link the console opens itself.
 */
export type RecordingUnavailable =
  /** the company's Jambonz REST API URL or key is not set (or not readable on this desk) */
  | 'not_configured'
  /** Jambonz could not be reached (refused connection, unknown host) */
  | 'unreachable'
  /** Jambonz did not answer in time */
  | 'timeout'
  /** Jambonz refused the key (401/403) or answered an error */
  | 'refused'
  /** Jambonz has no such recording (404) */
  | 'missing'
  /** larger than the console plays */
  | 'too_large'
  /** Jambonz answered something that is not sound */
  | 'not_audio';

export type RecordingDto =
  | { via: 'link'; url: string }
  | { via: 'desk'; contentType: string; bytes: number; base64: string }
  | { via: 'unavailable'; reason: RecordingUnavailable; detail: string };

/** The largest recording the console is handed (an hour at 64 kbit/s is about 29 MB). */
export const RECORDING_MAX_BYTES = 32 * 1024 * 1024;

export const recordingChannels = {
  'inbound.recording': channel<RecordingDto>()(z.object({ companyId: Id, callId: Id }).strict()),
};
