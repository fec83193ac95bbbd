import type { InboundNumberRow } from '../../db/schema';
import type { Recorder } from '../../results/record';
import { wireNumber } from '../../phone/phone';
import type { Db } from '../../db/connection';
import { companyOf } from '../../companies/companies';
import { inboundCallOf, type InboundCallRow, type JambonzCallInfo } from './store';

/**
 * Puts a call in the log at its first webhook (the call hook, or a status hook when the call hook
 * carried no call_sid): one INBOUND_CALL result through the one recorder (never charged there; a
 * caller the pool does not know joins it with source "inbound"; a withheld caller is logged as sent,
 * with no number), and its inbound_calls row beside it, in the recorder's transaction. A call already
 * in the log is left as it is.
 */
export async function openCall(
  db: Db,
  recorder: Recorder,
  did: InboundNumberRow,
  hook: JambonzCallInfo,
  options: { ai: boolean; now: number },
): Promise<InboundCallRow> {
  const known = await inboundCallOf(recorder.tx, hook.call_sid);
  if (known) return known;
  const caller = wireNumber(hook.from, (await companyOf(recorder.tx, did.company_id)).default_country);
  const callerName = hook.caller_name?.trim() || null;
  const answer = await recorder.record({
    callId: hook.call_sid,
    ...(caller ? { phone: caller } : { withheldCaller: hook.from.trim() || 'anonymous' }),
    scenarioKey: null,
    status: 'INBOUND_CALL',
    startedAt: options.now,
    durationS: 0,
    // every call starts as "trying" (call-info.js); the status that opened it, if a later one, is applied next
    data: { did: did.phone, caller_name: callerName, call_status: 'trying', ...(caller ? {} : { withheld: true }) },
  });
  await recorder.tx.execute(
    db.kysely.insertInto('inbound_calls').values({
      call_result_id: answer.resultId,
      company_id: did.company_id,
      call_sid: hook.call_sid,
      inbound_number_id: did.id,
      did: did.phone,
      caller: hook.from.slice(0, 200),
      caller_name: callerName,
      account_sid: hook.account_sid ?? null,
      call_status: 'trying',
      answered_by_ai: options.ai ? 1 : 0,
      started_at: options.now,
      last_hook_at: options.now,
    }),
  );
  return (await inboundCallOf(recorder.tx, hook.call_sid))!;
}
