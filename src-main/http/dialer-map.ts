import type { NextBatchAnswer, ResultItem, ResultOutcome as ResultOutcomeDto } from '../../src-shared/contract/dialer';
import { HTTP_STATUS } from '../../src-shared/errors';
import type { NextBatch } from '../core/dialer/leasing';
import type { ResultOutcome, ResultReport } from '../core/results/types';
import { toIso, toIsoOrNull } from '../core/time';

/** The wire (snake_case) ⇄ core (camelCase) mapping of the dialer API; no rules here. */

export function toNextBatchAnswer(b: NextBatch): NextBatchAnswer {
  return {
    company: b.company.slug,
    batch_id: b.batchId,
    lease_expires_at: toIsoOrNull(b.leaseExpiresAt),
    numbers: b.numbers.map((n) => ({
      number_id: n.numberId,
      phone: n.phone,
      kind: n.kind,
      ...(n.callback && {
        callback: { callback_id: n.callback.callbackId, due_at: toIso(n.callback.dueAt), agent: n.callback.agent },
      }),
    })),
    blocked: b.blocked ? { reason: b.blocked.reason, next_open_at: toIsoOrNull(b.blocked.nextOpenAt) } : null,
    active_scenarios: b.routing.activeScenarios,
    outbound_lines: b.routing.outboundLines,
    inbound_agents: b.routing.inboundAgents,
    outbound_agents: b.routing.outboundAgents,
    wallet: {
      balance: b.company.wallet_balance,
      currency: b.company.currency,
      cost_per_billable: b.company.cost_per_billable,
      billing_mode: b.company.billing_mode,
      cost_per_minute: b.company.cost_per_minute,
    },
  };
}

export function toReport(item: ResultItem): ResultReport {
  return {
    callId: item.call_id,
    phone: item.phone,
    numberId: item.number_id,
    batchId: item.batch_id ?? null,
    scenarioKey: item.scenario,
    outboundLineId: item.outbound_line_id ?? null,
    agentId: item.agent_id ?? null,
    status: item.status,
    startedAt: Date.parse(item.started_at),
    durationS: item.duration_s,
    recordingUrl: item.recording_url ?? null,
    transcript: item.transcript ?? null,
    data: item.data ?? null,
    callbackAt: item.callback_at == null ? null : Date.parse(item.callback_at),
  };
}

export function toOutcomeDto(o: ResultOutcome, index: number, callId: string): ResultOutcomeDto {
  if (!o.ok) {
    return {
      index,
      call_id: callId,
      outcome: 'rejected',
      http_status: HTTP_STATUS[o.error.code],
      result_id: null,
      charged: null,
      wallet_balance: null,
      error: { code: o.error.code, message: o.error.message },
    };
  }
  return {
    index,
    call_id: callId,
    outcome: o.replayed ? 'replayed' : 'created',
    http_status: o.replayed ? 200 : 201,
    result_id: o.resultId,
    charged: o.charged,
    wallet_balance: o.walletBalance,
    error: null,
  };
}
