import type { Core } from '../../core';
import { withRecorder } from '../../results/record';
import { findDid } from '../lookup';
import { finishCall } from './finish';
import { openCall } from './open-call';
import { advances, inboundCallOf, seenFirstTime, TERMINAL, writeInboundCall, type JambonzCallInfo } from './store';

export type StatusOutcome = { recorded: true; resultId: number; replay: boolean } | { recorded: false; reason: string };

/** Whose a status hook is, before anything is written: the company whose key and secret must match. */
export async function statusHookCompany(core: Core, hook: JambonzCallInfo): Promise<number | null> {
  const callSid = hook.parent_call_sid ?? hook.call_sid;
  const call = await inboundCallOf(core.db, callSid);
  if (call) return call.company_id;
  if (hook.parent_call_sid) return null;
  return (await findDid(core.db, hook.to)).row?.company_id ?? null;
}

/**
 * A call status webhook. The inbound call's own statuses move it forward (never back: a late
 * "ringing" after "completed" is ignored) and its final one closes it (finish.ts). A dial leg's
 * statuses (direction outbound, parent_call_sid: the transfer or the support line) are attached to
 * the inbound call they belong to: was the leg answered, how long did it last. A call whose call
 * hook went unrecorded is put in the log at its first status hook.
 */
export async function receiveStatusHook(core: Core, hook: JambonzCallInfo, fingerprint: string): Promise<StatusOutcome> {
  const now = core.clock();
  const status = hook.call_status ?? 'trying';
  if (hook.parent_call_sid) {
    const parent = await inboundCallOf(core.db, hook.parent_call_sid);
    if (!parent) return { recorded: false, reason: `no inbound call ${hook.parent_call_sid} for this dial leg` };
    return withRecorder(core, parent.company_id, async (recorder): Promise<StatusOutcome> => {
      if (!(await seenFirstTime(recorder.tx, parent.call_sid, fingerprint, now)))
        return { recorded: true, resultId: parent.call_result_id, replay: true };
      const leg = parent.leg_call_sid === null || parent.leg_call_sid === hook.call_sid;
      if (leg && advances(parent.leg_status, status)) {
        const duration = TERMINAL.has(status) ? Math.round(hook.duration ?? 0) : parent.leg_duration_s;
        await writeInboundCall(recorder.tx, core.db, parent.call_sid, {
          leg_call_sid: hook.call_sid,
          leg_status: status,
          leg_duration_s: duration,
          last_hook_at: now,
        });
        await recorder.updateInbound({
          resultId: parent.call_result_id,
          data: { leg: { to: hook.to, status, answered: status === 'in-progress' || (duration ?? 0) > 0, duration_s: duration } },
        });
      }
      return { recorded: true, resultId: parent.call_result_id, replay: false };
    });
  }

  const known = await inboundCallOf(core.db, hook.call_sid);
  const did = known ? null : (await findDid(core.db, hook.to)).row;
  if (!known && !did) return { recorded: false, reason: `the number ${hook.to} is not set up for inbound calls` };
  const companyId = known?.company_id ?? did!.company_id;
  return withRecorder(core, companyId, async (recorder): Promise<StatusOutcome> => {
    const call = known ?? (await openCall(core.db, recorder, did!, hook, { ai: false, now }));
    if (!(await seenFirstTime(recorder.tx, call.call_sid, fingerprint, now)))
      return { recorded: true, resultId: call.call_result_id, replay: true };
    // a call the sweep closed still takes its real final status, should it come after all
    if (call.closed_by !== 'jambonz' && advances(call.call_status, status)) {
      if (TERMINAL.has(status)) await finishCall(core, recorder, call, { ...hook, call_status: status }, now);
      else {
        await writeInboundCall(recorder.tx, core.db, call.call_sid, { call_status: status, last_hook_at: now });
        await recorder.updateInbound({ resultId: call.call_result_id, data: { call_status: status } });
      }
    } else {
      await writeInboundCall(recorder.tx, core.db, call.call_sid, { last_hook_at: now });
    }
    return { recorded: true, resultId: call.call_result_id, replay: false };
  });
}
