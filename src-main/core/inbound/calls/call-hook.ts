import type { JambonzVerb } from '../../../../src-shared/contract/inbound';
import type { Core } from '../../core';
import type { InboundNumberRow } from '../../db/schema';
import { withRecorder } from '../../results/record';
import { callDocument, notInServiceVerbs } from '../jambonz/document';
import { llmConnectionFor } from '../llm/connection';
import { buildLookup } from '../lookup';
import { companyHours } from '../opening-hours';
import { inboundSettingsOf, jambonzApiWith } from '../settings';
import { openCall } from './open-call';
import { seenFirstTime, type JambonzCallInfo } from './store';

export interface CallHookAnswer {
  verbs: JambonzVerb[];
  /** the call's result in the log, when it was recorded (a hook without call_sid is not) */
  resultId: number | null;
  /** why the answer is not the number's own application, for the server log */
  note: string | null;
}

/**
 * The calling webhook for a DID of this site: the application the call runs, and the call in the log
 * from this first webhook on. `hook` may lack call_sid and caller (a GET call hook carries none of
 * them: see http/inbound/schemas.ts); then nothing is recorded and the AI gets no per-call hooks.
 * `readOnly`: answer without recording (a hook whose signature could not be checked).
 */
export async function answerCallHook(
  core: Core,
  did: InboundNumberRow,
  hook: Partial<JambonzCallInfo>,
  fingerprint: string,
  options: { readOnly?: boolean } = {},
): Promise<CallHookAnswer> {
  if (did.is_active !== 1) return { verbs: notInServiceVerbs(), resultId: null, note: `${did.phone} is switched off` };
  const now = core.clock();
  const lookup = await buildLookup(core.db, did, now, companyHours);
  const settings = await inboundSettingsOf(core.db, did.company_id);
  const callSid = hook.call_sid ?? null;
  const doc = callDocument(lookup, {
    llm: await llmConnectionFor(core, did.company_id, settings),
    callSid,
    transfers: jambonzApiWith(core, did.company_id, settings) !== null,
    record: settings.recordCalls,
  });
  if (!callSid || options.readOnly) return { verbs: doc.verbs, resultId: null, note: null };
  const call = { ...hook, call_sid: callSid, from: hook.from ?? 'anonymous', to: hook.to ?? did.phone, direction: 'inbound' as const };
  try {
    const resultId = await withRecorder(core, did.company_id, async (recorder) => {
      await seenFirstTime(recorder.tx, callSid, fingerprint, now);
      return (await openCall(core.db, recorder, did, call, { ai: doc.ai, now })).call_result_id;
    });
    return { verbs: doc.verbs, resultId, note: null };
  } catch (err) {
    // the caller is answered all the same; the call's first status hook puts it in the log instead
    const why = err instanceof Error ? err.message : String(err);
    return { verbs: doc.verbs, resultId: null, note: `call ${callSid} could not be recorded yet (${why})` };
  }
}
