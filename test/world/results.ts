import type { Core } from '../../src-main/core/core';
import { recordResult } from '../../src-main/core/results/record';
import type { ResultReport } from '../../src-main/core/results/types';
import type { CallStatus } from '../../src-shared/statuses';

/**
 * Records a call result through the one recorder the dialer port and the inbound webhook use
 * (results/record.ts): the row, its charge at the company's own price, the number's state, the
 * rollup and the events. The test says when the call started; it is recorded as of the moment the
 * call ended (the recorder reads that time from the core's clock), so results can be placed on any
 * past day. A phone the pool does not know is added first, as an import would have.
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
  callId?: string;
  transcript?: string | null;
  recordingUrl?: string | null;
  data?: Record<string, unknown> | null;
}

let seq = 0;

export async function recordTestResult(core: Core, r: TestResult): Promise<number> {
  const db = core.db;
  const startedAt = typeof r.startedAt === 'number' ? r.startedAt : Date.parse(r.startedAt);
  if (Number.isNaN(startedAt)) throw new Error(`bad startedAt ${String(r.startedAt)}`);
  const durationS = r.durationS ?? 0;
  const inbound = r.status === 'INBOUND_CALL';
  if (!inbound && !(await db.value<number>('select id from numbers where phone = ?', [r.phone]))) {
    await db.run("insert into numbers (phone, imported_at, source) values (?, ?, 'test')", [r.phone, startedAt]);
  }
  const scenarioKey = r.scenarioId == null ? null : (await db.value<string>('select key from scenarios where id = ?', [r.scenarioId]))!;
  const report: ResultReport = {
    callId: r.callId ?? `test-call-${++seq}-${Math.random().toString(36).slice(2, 8)}`,
    phone: r.phone,
    scenarioKey,
    outboundLineId: r.outboundLineId ?? null,
    agentId: r.agentId ?? null,
    status: r.status,
    startedAt,
    durationS,
    recordingUrl: r.recordingUrl ?? null,
    transcript: r.transcript ?? null,
    data: r.data ?? null,
  };
  const endedAt = startedAt + durationS * 1000;
  return (await recordResult({ ...core, clock: () => endedAt }, r.companyId, report)).resultId;
}

/** A scenario, an outbound line and an agent of one company, inserted directly. */
export async function seedDimensions(core: Core, companyId: number, tag = 'x') {
  const db = core.db;
  const now = core.clock();
  const scenarioId = (await db.value<number>(
    'insert into scenarios (company_id, key, name, is_active, created_at, updated_at) values (?, ?, ?, 1, ?, ?) returning id',
    [companyId, `sc-${tag}`, `Scenario ${tag}`, now, now],
  ))!;
  const lineId = (await db.value<number>(
    'insert into outbound_lines (company_id, phone, name, created_at) values (?, ?, ?, ?) returning id',
    [companyId, `+4930${1000000 + companyId * 100 + tag.charCodeAt(0)}`, `Line ${tag}`, now],
  ))!;
  const agentId = (await db.value<number>(
    "insert into agents (company_id, name, extension, type, created_at) values (?, ?, ?, 'outbound', ?) returning id",
    [companyId, `Agent ${tag}`, `10${tag.charCodeAt(0)}`, now],
  ))!;
  return { scenarioId, lineId, agentId };
}
