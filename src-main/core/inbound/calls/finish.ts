import type { Core } from '../../core';
import type { Recorder } from '../../results/record';
import { inboundSettingsOf, jambonzApiWith } from '../settings';
import { writeInboundCall, type InboundCallRow, type JambonzCallInfo } from './store';

/**
 * AI minutes of one call: from its first webhook until the AI handed the caller on (its session
 * ended, or the transfer it asked for began), and never more than the call lasted by Jambonz's
 * count. Without a hand-over the AI had the caller for the whole call.
 */
export function aiSecondsOf(call: Pick<InboundCallRow, 'started_at' | 'ai_ended_at'>, durationS: number): number {
  if (call.ai_ended_at === null) return durationS;
  return Math.max(0, Math.min(durationS, Math.round((call.ai_ended_at - call.started_at) / 1000)));
}

/** Where Jambonz keeps a call it recorded to the account's storage (jambonz-api-server lib/record/upload.js: YYYY/MM/DD/<call_sid>). */
export function jambonzRecordingUrl(apiUrl: string, accountSid: string, callSid: string, at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${apiUrl}/Accounts/${encodeURIComponent(accountSid)}/RecentCalls/${encodeURIComponent(callSid)}/record/${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/mp3`;
}

/**
 * The call's final status came: its length, status and recording go on its result, and an
 * AI-answered call is charged its AI minutes (company's rate per started minute) through the ledger,
 * once: charged_at is set in the same transaction as the charge.
 */
export async function finishCall(core: Core, recorder: Recorder, call: InboundCallRow, hook: JambonzCallInfo, now: number): Promise<void> {
  const durationS = Math.max(0, Math.round(hook.duration ?? 0));
  const settings = await inboundSettingsOf(recorder.tx, call.company_id);
  const aiSeconds = call.answered_by_ai === 1 ? aiSecondsOf(call, durationS) : 0;
  const minutes = Math.ceil(aiSeconds / 60);
  const amount = call.charged_at === null ? settings.aiCostPerMinute * minutes : 0;
  const api = settings.recordCalls && durationS > 0 ? jambonzApiWith(core, call.company_id, settings) : null;
  const recordingUrl =
    hook.customerData?.recording_url ??
    (api && call.account_sid ? jambonzRecordingUrl(api.url, call.account_sid, call.call_sid, call.started_at) : undefined);
  await recorder.updateInbound({
    resultId: call.call_result_id,
    durationS,
    recordingUrl,
    ...(hook.customerData?.transcript && { transcriptLines: [hook.customerData.transcript] }),
    data: {
      call_status: hook.call_status,
      sip_status: hook.sip_status ?? null,
      sip_reason: hook.sip_reason ?? null,
      ...(call.answered_by_ai === 1 && { ai_seconds: aiSeconds }),
    },
    ...(amount > 0 && { charge: { amount, note: `AI minutes: ${minutes} × ${settings.aiCostPerMinute} (${call.call_sid})` } }),
    final: true,
  });
  await writeInboundCall(recorder.tx, core.db, call.call_sid, {
    call_status: hook.call_status!,
    ended_at: now,
    closed_by: 'jambonz',
    ai_seconds: call.answered_by_ai === 1 ? aiSeconds : null,
    ...(call.charged_at === null && amount > 0 && { charged_at: now }),
  });
}
