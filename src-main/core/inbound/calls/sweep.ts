import type { Core } from '../../core';
import { prepare } from '../../db/connection';
import { withRecorder } from '../../results/record';
import { updateInboundCall, type InboundCallRow } from './store';

/**
 * A call not heard of for this long is taken to be over though its final status never came (the
 * status hook failed, or is not set up). Long enough for a real call: a call in progress sends no
 * webhook until it ends.
 */
export const QUIET_CALL_MS = 6 * 60 * 60 * 1000;
/** webhook fingerprints are kept for retries, which come within seconds; a day is ample */
export const HOOK_MEMORY_MS = 24 * 60 * 60 * 1000;

/**
 * Closes the calls whose final status never came, marking them so (closed_by 'sweep', and on the
 * result's data). Their length is not known, so they are not charged; a final status that still
 * comes later closes them properly (status-hook.ts). Answers how many were closed.
 */
export async function sweepQuietCalls(core: Core): Promise<number> {
  const now = core.clock();
  const quiet = prepare(
    core.db.sqlite,
    'select * from inbound_calls indexed by inbound_calls_open where closed_by is null and last_hook_at < ? limit 500',
  ).all(now - QUIET_CALL_MS) as InboundCallRow[];
  for (const call of quiet) {
    await withRecorder(core, call.company_id, async (recorder) => {
      updateInboundCall(core.db, call.call_sid, { closed_by: 'sweep', ended_at: now });
      await recorder.updateInbound({
        resultId: call.call_result_id,
        data: { closed_by_sweep: true, closed_note: 'no final status came from Jambonz; closed by DialDesk' },
        final: true,
      });
    });
  }
  prepare(core.db.sqlite, 'delete from inbound_hooks where at < ?').run(now - HOOK_MEMORY_MS);
  return quiet.length;
}
