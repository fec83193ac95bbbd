import type { JambonzVerb } from '../../../../src-shared/contract/inbound';
import type { Core } from '../../core';
import { withRecorder } from '../../results/record';
import { transcriptLine } from '../llm/openai';
import { transferAnswer, transferHook } from './transfer';
import { seenFirstTime, writeInboundCall, type InboundCallRow } from './store';

/**
 * One server event of the AI session (the llm verb's eventHook: the event as the model sent it). The
 * words said, the caller's and the agent's, go on the call's transcript line by line, in the order
 * they arrive (the feature server sends events without waiting for each other). A repeat of the
 * same event body adds nothing.
 */
export async function llmEventHook(core: Core, call: InboundCallRow, event: Record<string, unknown>, fingerprint: string): Promise<void> {
  const line = transcriptLine(event);
  if (!line) return;
  const now = core.clock();
  await withRecorder(core, call.company_id, async (recorder) => {
    if (!(await seenFirstTime(recorder.tx, call.call_sid, fingerprint, now))) return;
    await writeInboundCall(recorder.tx, core.db, call.call_sid, { last_hook_at: now });
    await recorder.updateInbound({ resultId: call.call_result_id, transcriptLines: [line] });
  });
}

/**
 * The AI session ended (the llm verb's actionHook, with completion_reason). The AI's minutes stop
 * here. If the AI asked for a transfer that Jambonz's REST API did not carry out, it is carried out
 * now, by answering the dial; otherwise an empty answer lets the call go on to the support line (or
 * goodbye) that follows the agent, or to the transfer already under way.
 */
export async function llmActionHook(
  core: Core,
  call: InboundCallRow,
  body: Record<string, unknown>,
  fingerprint: string,
): Promise<JambonzVerb[]> {
  const now = core.clock();
  const reason = typeof body.completion_reason === 'string' ? body.completion_reason.slice(0, 200) : null;
  const first = await withRecorder(core, call.company_id, async (recorder) => {
    if (!(await seenFirstTime(recorder.tx, call.call_sid, fingerprint, now))) return false;
    await writeInboundCall(recorder.tx, core.db, call.call_sid, { ai_ended_at: call.ai_ended_at ?? now, last_hook_at: now });
    await recorder.updateInbound({ resultId: call.call_result_id, data: { ai_completion: reason } });
    return true;
  });
  return first && stuck(call) ? await transferHook(core, { ...call, transfer_state: 'requested' }) : [];
}

const stuck = (call: InboundCallRow) => call.transfer_state === 'requested' || call.transfer_state === 'redirect_failed';

/** What the action hook answers without writing (a full disk): the transfer the AI asked for, or nothing more. */
export async function llmActionAnswer(core: Core, call: InboundCallRow): Promise<JambonzVerb[]> {
  return stuck(call) ? (await transferAnswer(core, { ...call, transfer_state: 'requested' })).verbs : [];
}
