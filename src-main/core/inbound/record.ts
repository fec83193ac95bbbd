import { createHash } from 'node:crypto';
import type { InboundNumberRow } from '../db/schema';
import type { Core } from '../core';
import { companyCountry } from '../companies/companies';
import { wireNumber } from '../phone/phone';
import { recordResult } from '../results/record';

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

export type RecordOutcome = { recorded: true; resultId: number; replay: boolean } | { recorded: false; reason: string };

/**
 * Records one INBOUND_CALL for the company that owns the DID (DESIGN.md §3) through the one recorder
 * every result goes through (results/record.ts): never charged, direction inbound, the caller added to
 * the pool (source "inbound") when the pool does not know them yet, counted in the dashboard rollup and
 * told to the console once it is durable. The same call_sid again with the same report answers the
 * first answer and writes nothing; with a different report it is a conflict.
 */
export function recordInboundCallAndNotify(core: Core, did: InboundNumberRow, report: InboundCallReport): RecordOutcome {
  const caller = wireNumber(report.from, companyCountry(core.db, did.company_id));
  if (!caller)
    return { recorded: false, reason: `the caller "${report.from}" is withheld or not a phone number; nothing to record it against` };
  const answer = recordResult(core, did.company_id, {
    callId: report.callSid,
    phone: caller,
    scenarioKey: null,
    status: 'INBOUND_CALL',
    // a status hook says how long the call lasted, not when it began
    startedAt: core.clock() - report.durationS * 1000,
    durationS: report.durationS,
    recordingUrl: report.recordingUrl,
    transcript: report.transcript,
    data: {
      did: did.phone,
      call_status: report.callStatus,
      sip_status: report.sipStatus,
      sip_reason: report.sipReason,
      caller_name: report.callerName,
    },
    fingerprint: fingerprint(did.phone, caller, report),
  });
  return { recorded: true, resultId: answer.resultId, replay: answer.replayed };
}

/** What makes two reports of one call "the same": every recorded field, not the arrival time. */
function fingerprint(did: string, caller: string, r: InboundCallReport): string {
  const canonical = [did, caller, r.callStatus, r.durationS, r.sipStatus, r.sipReason, r.callerName, r.recordingUrl, r.transcript];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
