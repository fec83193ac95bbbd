import { createHash } from 'node:crypto';
import { exec, first, transaction, type Db } from '../db/connection';
import type { InboundNumberRow } from '../db/schema';
import { conflict } from '../errors';
import { addToRollup } from '../stats/rollup';
import { toIso } from '../time';
import type { Core } from '../core';
import { wireNumber } from '../phone/phone';

/** A finished inbound call as the telephony server reports it (see http/inbound/schemas.ts). */
export interface InboundCallReport {
  /** the telephony server's id of the call: the idempotency key (call_results.call_id) */
  callSid: string;
  from: string;
  callStatus: string;
  durationS: number;
  sipStatus: number | null;
  sipReason: string | null;
  callerName: string | null;
  recordingUrl: string | null;
  transcript: string | null;
}

export type RecordOutcome =
  | { recorded: true; resultId: number; replay: boolean }
  | { recorded: false; reason: string };

/**
 * Records one INBOUND_CALL for the company that owns the DID (DESIGN.md §3): never charged, direction
 * inbound, the caller added to the pool (source "inbound") when the pool does not know them yet, and
 * counted in the dashboard rollup in the same transaction. The same call_sid again with the same
 * report answers the first answer and writes nothing; with a different report it is a conflict.
 */
export function recordInboundCall(db: Db, did: InboundNumberRow, report: InboundCallReport, now: number): RecordOutcome {
  const caller = wireNumber(report.from);
  if (!caller) return { recorded: false, reason: `the caller "${report.from}" is withheld or not a phone number; nothing to record it against` };
  const hash = requestHash(did.phone, caller, report);
  return transaction(db, () => {
    const existing = first(
      db,
      db.kysely.selectFrom('call_results').select(['id', 'request_hash']).where('company_id', '=', did.company_id).where('call_id', '=', report.callSid),
    );
    if (existing) {
      if (existing.request_hash !== hash) {
        throw conflict(`call_sid: the call ${report.callSid} was already recorded with different details`);
      }
      return { recorded: true, resultId: existing.id, replay: true };
    }
    const numberId = poolNumberFor(db, caller, now);
    const startedAt = now - report.durationS * 1000;
    const resultId = exec(
      db,
      db.kysely.insertInto('call_results').values({
        company_id: did.company_id,
        number_id: numberId,
        phone: caller,
        scenario_id: null,
        outbound_line_id: null,
        agent_id: null,
        status: 'INBOUND_CALL',
        direction: 'inbound',
        started_at: startedAt,
        duration_s: report.durationS,
        call_id: report.callSid,
        request_hash: hash,
        amount_charged: 0,
        recording_url: report.recordingUrl,
        transcript: report.transcript,
        data: JSON.stringify({
          did: did.phone,
          call_status: report.callStatus,
          sip_status: report.sipStatus,
          sip_reason: report.sipReason,
          caller_name: report.callerName,
        }),
        dialer_id: null,
        batch_id: null,
        created_at: now,
      }),
    ).lastInsertRowid;
    addToRollup(db, {
      companyId: did.company_id,
      startedAt,
      scenarioId: null,
      outboundLineId: null,
      agentId: null,
      status: 'INBOUND_CALL',
      durationS: report.durationS,
      cost: 0,
    });
    return { recorded: true, resultId, replay: false };
  });
}

/** recordInboundCall, then tells the console (after the commit, and only for a new row). */
export function recordInboundCallAndNotify(core: Core, did: InboundNumberRow, report: InboundCallReport): RecordOutcome {
  const now = core.clock();
  const outcome = recordInboundCall(core.db, did, report, now);
  if (outcome.recorded && !outcome.replay) {
    core.events.emit('result.reported', {
      companyId: did.company_id,
      resultId: outcome.resultId,
      status: 'INBOUND_CALL',
      direction: 'inbound',
      charged: 0,
      at: toIso(now),
    });
  }
  return outcome;
}

/** The caller's pool row, added (source "inbound") when the pool does not know them. */
function poolNumberFor(db: Db, phone: string, now: number): number {
  const known = first(db, db.kysely.selectFrom('numbers').select('id').where('phone', '=', phone));
  if (known) return known.id;
  return exec(db, db.kysely.insertInto('numbers').values({ phone, imported_at: now, source: 'inbound' })).lastInsertRowid;
}

/** What makes two reports of one call "the same": every recorded field, not the arrival time. */
function requestHash(did: string, caller: string, r: InboundCallReport): string {
  const canonical = [did, caller, r.callStatus, r.durationS, r.sipStatus, r.sipReason, r.callerName, r.recordingUrl, r.transcript];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
