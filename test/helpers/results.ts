import type { Core } from '../../src-main/core/core';
import { exec, first, transaction } from '../../src-main/core/db/connection';
import { appendLedger } from '../../src-main/core/billing/wallet';
import { addToRollup } from '../../src-main/core/stats/rollup';
import type { CallStatus } from '../../src-shared/statuses';

/**
 * Puts call results in the database the way the recorder does — the call_results row, its charge in
 * the ledger and the dashboard rollup, in one transaction — without the dialer's rules in front.
 */
export interface TestResult {
  companyId: number;
  phone: string;
  status: CallStatus;
  startedAt: string | number;
  scenarioId?: number | null;
  outboundLineId?: number | null;
  agentId?: number | null;
  durationS?: number;
  charged?: number;
  direction?: 'outbound' | 'inbound';
  callId?: string;
  transcript?: string | null;
  recordingUrl?: string | null;
  data?: string | null;
}

let seq = 0;

export function recordTestResult(core: Core, r: TestResult): number {
  const db = core.db;
  const startedAt = typeof r.startedAt === 'number' ? r.startedAt : Date.parse(r.startedAt);
  if (Number.isNaN(startedAt)) throw new Error(`bad startedAt ${String(r.startedAt)}`);
  const direction = r.direction ?? (r.status === 'INBOUND_CALL' ? 'inbound' : 'outbound');
  const charged = r.charged ?? 0;
  return transaction(db, () => {
    const known = first(db, db.kysely.selectFrom('numbers').select('id').where('phone', '=', r.phone));
    const numberId =
      known?.id ??
      exec(db, db.kysely.insertInto('numbers').values({ phone: r.phone, imported_at: startedAt, source: 'test' })).lastInsertRowid;
    const id = exec(
      db,
      db.kysely.insertInto('call_results').values({
        company_id: r.companyId,
        number_id: numberId,
        phone: r.phone,
        scenario_id: r.scenarioId ?? null,
        outbound_line_id: r.outboundLineId ?? null,
        agent_id: r.agentId ?? null,
        status: r.status,
        direction,
        started_at: startedAt,
        duration_s: r.durationS ?? 0,
        call_id: r.callId ?? `test-call-${++seq}-${Math.random().toString(36).slice(2, 8)}`,
        request_hash: 'test',
        amount_charged: charged,
        recording_url: r.recordingUrl ?? null,
        transcript: r.transcript ?? null,
        data: r.data ?? null,
        created_at: startedAt,
      }),
    ).lastInsertRowid;
    if (charged > 0) {
      appendLedger(db, { companyId: r.companyId, amount: -charged, kind: 'charge', callResultId: id }, startedAt);
    }
    addToRollup(db, {
      companyId: r.companyId,
      startedAt,
      scenarioId: r.scenarioId ?? null,
      outboundLineId: r.outboundLineId ?? null,
      agentId: r.agentId ?? null,
      status: r.status,
      durationS: r.durationS ?? 0,
      cost: charged,
    });
    return id;
  });
}

/** A scenario, an outbound line and an agent of one company, inserted directly. */
export function seedDimensions(core: Core, companyId: number, tag = 'x') {
  const db = core.db;
  const now = core.clock();
  const scenarioId = exec(
    db,
    db.kysely.insertInto('scenarios').values({ company_id: companyId, key: `sc-${tag}`, name: `Scenario ${tag}`, is_active: 1, created_at: now, updated_at: now }),
  ).lastInsertRowid;
  const lineId = exec(
    db,
    db.kysely.insertInto('outbound_lines').values({ company_id: companyId, phone: `+4930${1000000 + companyId * 100 + tag.charCodeAt(0)}`, name: `Line ${tag}`, created_at: now }),
  ).lastInsertRowid;
  const agentId = exec(
    db,
    db.kysely.insertInto('agents').values({ company_id: companyId, name: `Agent ${tag}`, extension: `10${tag.charCodeAt(0)}`, type: 'outbound', created_at: now }),
  ).lastInsertRowid;
  return { scenarioId, lineId, agentId };
}
