import { RECORDING_MAX_BYTES, type RecordingDto, type RecordingUnavailable } from '../../../src-shared/contract/recordings';
import type { Core } from '../core';
import { getCall } from '../calllog/detail';
import { notFound } from '../errors';
import { apiBase, inboundSettingsOf, jambonzApiWith } from './settings';

export interface RecordingLimits {
  maxBytes: number;
  /** for the whole fetch, headers and sound */
  timeoutMs: number;
}

export const RECORDING_LIMITS: RecordingLimits = { maxBytes: RECORDING_MAX_BYTES, timeoutMs: 20_000 };

/** Whether a recording link points into the company's Jambonz REST API (and so needs its key). */
export function atJambonz(recordingUrl: string, jambonzApiUrl: string | null): boolean {
  if (!jambonzApiUrl) return false;
  try {
    // both normalised ("..", default ports, case of the host), so a look-alike host or path cannot pass
    const base = new URL(apiBase(jambonzApiUrl)).href.replace(/\/+$/, '');
    return new URL(recordingUrl).href.startsWith(`${base}/`);
  } catch {
    return false;
  }
}

/**
 * A call's recording for the console. One kept by the company's Jambonz (jambonz-api-server
 * lib/routes/api/recent-calls.js: GET .../RecentCalls/:call_sid/record/:year/:month/:day/:format,
 * Bearer key) is fetched here with the company's REST API key, which never reaches the console, and
 * handed over whole, up to the size cap; what goes wrong with Jambonz is an answer, not a refusal
 * of the user, since asking again later may work. Any other link goes to the console as it is.
 */
export async function fetchRecording(
  core: Core,
  input: { companyId: number; callId: number },
  limits: RecordingLimits = RECORDING_LIMITS,
): Promise<RecordingDto> {
  const call = await getCall(core.db, { companyId: input.companyId, id: input.callId });
  const url = call.recordingUrl;
  if (!url) throw notFound(`call ${input.callId} has no recording`);
  const settings = await inboundSettingsOf(core.db, input.companyId);
  if (!atJambonz(url, settings.jambonzApiUrl)) return { via: 'link', url };
  const api = jambonzApiWith(core, input.companyId, settings);
  if (!api) return unavailable('not_configured', "the company's Jambonz REST API key is not set on this desk");

  const signal = AbortSignal.timeout(limits.timeoutMs);
  let res: Response;
  try {
    // the key goes to Jambonz only: a redirect elsewhere is not followed
    res = await fetch(url, { headers: { authorization: `Bearer ${api.key}` }, redirect: 'manual', signal });
  } catch (err) {
    return failed(err, api.url, limits);
  }
  if (res.status === 401 || res.status === 403) {
    await res.body?.cancel();
    return unavailable('refused', `Jambonz refused the company's REST API key (${res.status})`);
  }
  if (res.status === 404) {
    await res.body?.cancel();
    return unavailable('missing', 'Jambonz has no recording for this call (404)');
  }
  if (!res.ok) {
    await res.body?.cancel();
    return unavailable('refused', `Jambonz answered ${res.status} instead of the recording`);
  }
  const contentType = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!contentType.startsWith('audio/') && contentType !== 'application/octet-stream') {
    await res.body?.cancel();
    return unavailable('not_audio', `Jambonz answered ${contentType || 'without a content type'}, not a recording`);
  }
  const announced = Number(res.headers.get('content-length') ?? NaN);
  if (announced > limits.maxBytes) {
    await res.body?.cancel();
    return tooLarge(limits);
  }
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    for await (const chunk of res.body ?? []) {
      bytes += chunk.byteLength;
      // leaving the loop cancels the stream: the rest is never downloaded
      if (bytes > limits.maxBytes) return tooLarge(limits);
      chunks.push(chunk);
    }
  } catch (err) {
    return failed(err, api.url, limits);
  }
  const sound = Buffer.concat(chunks);
  return { via: 'desk', contentType: contentType === 'audio/mp3' ? 'audio/mpeg' : contentType, bytes, base64: sound.toString('base64') };
}

const unavailable = (reason: RecordingUnavailable, detail: string): RecordingDto => ({ via: 'unavailable', reason, detail });

const tooLarge = (limits: RecordingLimits) =>
  unavailable('too_large', `the recording is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB, the most the console plays`);

function failed(err: unknown, apiUrl: string, limits: RecordingLimits): RecordingDto {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    return unavailable('timeout', `Jambonz at ${apiUrl} did not send the recording within ${limits.timeoutMs / 1000} s`);
  const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
  return unavailable('unreachable', `Jambonz at ${apiUrl} could not be reached: ${cause}`);
}
