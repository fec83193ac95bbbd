import { MAX_MONEY } from '../../../src-shared/contract/common';
import { badInput, notFound } from '../errors';
import { adjustRollup } from '../stats/rollup';
import type { RecordContext } from './record-one';
import type { ResultEffects } from './types';

/** What a later webhook of an inbound call changes on its one result. */
export interface InboundResultUpdate {
  resultId: number;
  /** the call's length, once Jambonz reports it */
  durationS?: number;
  /** lines to add to the transcript, as said */
  transcriptLines?: string[];
  recordingUrl?: string;
  /** merged into the result's data (the inbound call's story: status, transfer, leg) */
  data?: Record<string, unknown>;
  /** a charge for the call (its AI minutes), through the ledger; the caller makes sure it is once */
  charge?: { amount: number; note: string };
  /** the call is over: the console's lists learn of it */
  final?: boolean;
}

/** The transcript stays within what a dialer may report in one (http/dialer schemas: 200,000 characters). */
export const MAX_TRANSCRIPT = 200_000;

/**
 * The recorder's second path (the first is recordOne): an INBOUND_CALL result recorded at the call's
 * first webhook is brought up to date by the later ones, inside the caller's transaction. The dashboard
 * rollup moves by the change in duration and cost, never by a second call; a charge goes through the
 * ledger like every other. Answers the effects for afterCommit when the console should hear of it.
 */
export async function updateInboundOne(ctx: RecordContext, u: InboundResultUpdate): Promise<ResultEffects | null> {
  const { q, company } = ctx;
  const row = await q.get<{
    id: number;
    number_id: number | null;
    status: 'INBOUND_CALL';
    direction: string;
    started_at: number;
    duration_s: number;
    amount_charged: number;
    transcript: string | null;
    data: string | null;
  }>(
    `select id, number_id, status, direction, started_at, duration_s, amount_charged, transcript, data
     from call_results where id = ? and company_id = ?`,
    [u.resultId, company.id],
  );
  if (!row) throw notFound(`call result ${u.resultId} does not exist`);
  if (row.direction !== 'inbound') throw badInput(`call result ${u.resultId} is not an inbound call`);
  const charge = u.charge?.amount ?? 0;
  if (!Number.isSafeInteger(charge) || charge < 0 || ctx.charges.balance - charge < -MAX_MONEY) {
    throw badInput(`a charge of ${charge} cannot be taken from the wallet of ${company.slug}`);
  }

  const duration = u.durationS ?? row.duration_s;
  let transcript = row.transcript;
  if (u.transcriptLines?.length) transcript = [transcript, ...u.transcriptLines].filter(Boolean).join('\n').slice(0, MAX_TRANSCRIPT);
  const data = u.data ? JSON.stringify({ ...(row.data ? (JSON.parse(row.data) as object) : {}), ...u.data }) : row.data;
  await q.run(
    `update call_results set duration_s = ?, transcript = ?, recording_url = coalesce(?, recording_url), data = ?,
       amount_charged = amount_charged + ? where id = ?`,
    [duration, transcript, u.recordingUrl ?? null, data, charge, row.id],
  );
  if (charge > 0) ctx.charges.charge(charge, row.id, u.charge!.note);
  await adjustRollup(q, {
    companyId: company.id,
    startedAt: row.started_at,
    scenarioId: null,
    outboundLineId: null,
    agentId: null,
    status: row.status,
    durationS: duration - row.duration_s,
    cost: charge,
  });
  if (!u.final && charge === 0) return null;
  return {
    resultId: row.id,
    numberId: row.number_id,
    status: row.status,
    direction: 'inbound',
    startedAt: row.started_at,
    charged: charge,
    dialed: false,
    newStatus: null,
    dialerId: null,
  };
}
