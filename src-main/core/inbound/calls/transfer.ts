import type { JambonzVerb } from '../../../../src-shared/contract/inbound';
import type { Core } from '../../core';
import { storageFailure } from '../../errors';
import { withRecorder } from '../../results/record';
import { getInboundNumber } from '../numbers';
import { buildLookup } from '../lookup';
import { companyHours } from '../opening-hours';
import { jambonzApiOf } from '../settings';
import { TRANSFER_TOOL } from '../jambonz/instructions';
import { hangup, dial, say } from '../jambonz/verbs';
import { transferVerbs } from '../jambonz/document';
import { redirectCall } from '../jambonz/rest';
import { openAiToolOutput } from '../llm/openai';
import { inboundCallOf, seenFirstTime, writeInboundCall, type InboundCallRow } from './store';

/** A tool call from the llm verb (TaskLlm.sendToolHook: { tool_call_id, name, args }). */
export interface ToolCall {
  tool_call_id: string;
  name: string;
  args: Record<string, unknown>;
}

const lookupOf = async (core: Core, call: InboundCallRow) =>
  call.inbound_number_id === null
    ? null
    : await buildLookup(core.db, await getInboundNumber(core.db, call.company_id, call.inbound_number_id), core.clock(), companyHours);

/**
 * The AI asks to hand the caller to a department. The department must exist and be open; then the
 * call is moved through Jambonz's REST API to a new application that dials it (transferHook). The
 * model is told how it went, so it never promises a transfer that is not happening. A retry of the
 * same tool call (same body) moves nothing a second time.
 */
export async function receiveToolCall(
  core: Core,
  call: InboundCallRow,
  tool: ToolCall,
  fingerprint: string,
): Promise<Record<string, unknown>> {
  const answer = (output: Record<string, unknown>) => openAiToolOutput(tool.tool_call_id, output);
  if (tool.name !== TRANSFER_TOOL) return answer({ ok: false, message: `there is no tool called ${tool.name}` });
  const wanted = typeof tool.args.department === 'string' ? tool.args.department.trim() : '';
  const lookup = await lookupOf(core, call);
  const department = lookup?.departments.find((d) => d.name.toLocaleLowerCase() === wanted.toLocaleLowerCase());
  if (!lookup || !department) return answer({ ok: false, message: `there is no department called "${wanted}"` });
  if (!department.open) return answer({ ok: false, message: `${department.name} is closed right now; offer to help or take a message` });
  const api = await jambonzApiOf(core, call.company_id);
  if (!api || !call.account_sid) {
    return answer({ ok: false, message: 'transfers cannot be made on this line; tell the caller how to reach the department' });
  }

  const now = core.clock();
  // one transfer a call: the request is taken only while none is under way, decided by the update itself
  // so that two tool calls at once (two desks, or two connections) cannot both move the call
  const start = await core.db.transaction(async (tx) => {
    if (!(await seenFirstTime(tx, call.call_sid, fingerprint, now))) return false;
    const taken = await tx.run(
      "update inbound_calls set transfer_department = ?, transfer_target = ?, transfer_state = 'requested', last_hook_at = ? where call_sid = ? and transfer_state is null",
      [department.name, department.transfer_number, now, call.call_sid],
    );
    return taken === 1;
  });
  if (!start) {
    const fresh = (await inboundCallOf(core.db, call.call_sid))!;
    if (fresh.transfer_state === 'redirect_failed') return answer(failedTransfer(fresh.transfer_department ?? department.name));
    return answer({
      ok: fresh.transfer_department === department.name,
      message: `already connecting the caller to ${fresh.transfer_department}`,
    });
  }
  const moved = await redirectCall(api, call.account_sid, call.call_sid);
  // the call is moving (or not) whatever the disk says: the model hears how it went even if this cannot be stored
  await keepGoing(core, `the outcome of call ${call.call_sid}'s transfer to ${department.name}`, () =>
    withRecorder(core, call.company_id, async (recorder) => {
      // the transfer hook may have come in while Jambonz was answering us: then it is already dialing
      const fresh = (await inboundCallOf(recorder.tx, call.call_sid))!;
      if (fresh.transfer_state === 'requested')
        await writeInboundCall(recorder.tx, core.db, call.call_sid, { transfer_state: moved.ok ? 'redirected' : 'redirect_failed' });
      await recorder.updateInbound({
        resultId: call.call_result_id,
        data: {
          transfer: {
            department: department.name,
            target: department.transfer_number,
            requested: true,
            ...(moved.ok ? {} : { failed: moved.detail }),
          },
        },
      });
    }),
  );
  return answer(
    moved.ok
      ? { ok: true, message: `connecting the caller to ${department.name} now; say goodbye briefly` }
      : failedTransfer(department.name),
  );
}

const failedTransfer = (department: string) => ({
  ok: false,
  message: `the transfer to ${department} failed; apologise and offer to take a message`,
});

/** Runs a write whose loss must not stop the call: a full disk or a busy database is logged, not thrown. */
async function keepGoing(core: Core, what: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (err) {
    const failure = storageFailure(err);
    if (!failure) throw err;
    core.log.logger.error({ err, code: failure.code }, `${what} could not be stored: ${failure.message}`);
  }
}

/**
 * Jambonz fetches the transfer hook only because DialDesk's REST call moved the call, so a transfer
 * marked failed (the REST API answered too late for us: a timeout) that still reaches it did move: it
 * is dialed. A repeat of the hook while dialing dials the same department again.
 */
const PENDING = new Set(['requested', 'redirected', 'redirect_failed', 'dialing']);

/** What the transfer hook answers for the call as it stands; writes nothing (also the answer on a full disk). */
export async function transferAnswer(core: Core, call: InboundCallRow): Promise<{ verbs: JambonzVerb[]; dialing: boolean }> {
  const lookup = await lookupOf(core, call);
  const voice = lookup ?? { voice: { vendor: null, voice: null, language: 'en-US' } };
  if (call.transfer_target === null || call.transfer_state === null || !PENDING.has(call.transfer_state)) {
    const verbs = lookup?.support_number
      ? [say(voice, 'Connecting you now.'), dial(lookup.support_number)]
      : [say(voice, 'Goodbye.'), hangup()];
    return { verbs, dialing: false };
  }
  return { verbs: transferVerbs(voice, call.transfer_department!, call.transfer_target, call.call_sid), dialing: true };
}

/**
 * The application Jambonz fetches when the call is moved (session:redirect): dial the department the
 * AI asked for. Without a transfer under way, the support line (or goodbye) rather than nothing.
 */
export async function transferHook(core: Core, call: InboundCallRow): Promise<JambonzVerb[]> {
  const now = core.clock();
  const answer = await transferAnswer(core, call);
  if (answer.dialing)
    await writeInboundCall(core.db, core.db, call.call_sid, {
      transfer_state: 'dialing',
      ai_ended_at: call.ai_ended_at ?? now,
      last_hook_at: now,
    });
  return answer.verbs;
}

/** The dial verb's action hook: the leg's outcome; a department that did not answer hands over to the support line. */
export async function dialActionHook(
  core: Core,
  call: InboundCallRow,
  body: Record<string, unknown>,
  fingerprint: string,
): Promise<JambonzVerb[]> {
  const now = core.clock();
  const status = dialStatusOf(body);
  const duration = typeof body.dial_call_duration === 'number' ? Math.round(body.dial_call_duration) : null;
  const fresh = await withRecorder(core, call.company_id, async (recorder) => {
    if (await seenFirstTime(recorder.tx, call.call_sid, fingerprint, now)) {
      await writeInboundCall(recorder.tx, core.db, call.call_sid, {
        transfer_state: status,
        leg_status: status,
        leg_duration_s: duration,
        last_hook_at: now,
      });
      await recorder.updateInbound({
        resultId: call.call_result_id,
        data: { transfer: { department: call.transfer_department, target: call.transfer_target, outcome: status, duration_s: duration } },
      });
    }
    return (await inboundCallOf(recorder.tx, call.call_sid))!;
  });
  return dialActionAnswer(core, fresh, body);
}

const dialStatusOf = (body: Record<string, unknown>) => (typeof body.dial_call_status === 'string' ? body.dial_call_status : 'failed');

/** What the dial's action hook answers for this outcome; writes nothing (also the answer on a full disk). */
export async function dialActionAnswer(core: Core, call: InboundCallRow, body: Record<string, unknown>): Promise<JambonzVerb[]> {
  if (dialStatusOf(body) === 'completed') return [];
  const lookup = await lookupOf(core, call);
  const voice = lookup ?? { voice: { vendor: null, voice: null, language: 'en-US' } };
  const sorry = `${call.transfer_department ?? 'That department'} cannot take your call right now.`;
  if (lookup?.support_number && lookup.support_number !== call.transfer_target) {
    return [say(voice, `${sorry} Connecting you to our support line.`), dial(lookup.support_number)];
  }
  return [say(voice, `${sorry} Please call again later. Goodbye.`), hangup()];
}
