import type { Core } from '../../core';
import { withRecorder } from '../../results/record';
import { writeInboundCall, type InboundCallRow } from './store';

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
  // the open calls' own index: the table keeps every call ever taken (PostgreSQL's planner picks its own)
  const open = core.db.engine === 'sqlite' ? 'indexed by inbound_calls_open' : '';
  const quiet = await core.db.all<InboundCallRow>(
    `select * from inbound_calls ${open} where closed_by is null and last_hook_at < ? limit 500`,
    [now - QUIET_CALL_MS],
  );
  for (const call of quiet) {
    await withRecorder(core, call.company_id, async (recorder) => {
      await writeInboundCall(recorder.tx, core.db, call.call_sid, { closed_by: 'sweep', ended_at: now });
      await recorder.updateInbound({
        resultId: call.call_result_id,
        data: { closed_by_sweep: true, closed_note: 'no final status came from Jambonz; closed by DialDesk' },
        final: true,
      });
    });
  }
  await core.db.run('delete from inbound_hooks where at < ?', [now - HOOK_MEMORY_MS]);
  return quiet.length;
}
