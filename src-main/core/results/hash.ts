import { createHash } from 'node:crypto';
import type { ResultReport } from './types';

/**
 * The fingerprint of what a dialer reported under a call_id. A retry of the same report matches
 * it (key order and "10:00:00Z" vs "10:00:00.000Z" do not matter); any real difference does not.
 */
export function reportHash(r: ResultReport): string {
  const fields = [
    r.callId,
    r.phone ?? null,
    r.numberId ?? null,
    r.batchId ?? null,
    r.scenarioKey,
    r.outboundLineId ?? null,
    r.agentId ?? null,
    r.status,
    r.startedAt,
    r.durationS,
    r.recordingUrl ?? null,
    r.transcript ?? null,
    r.data == null ? null : canonical(r.data),
  ];
  // only when present, so the fingerprints of reports made before callbacks existed stay the same
  if (r.callbackAt != null) fields.push(r.callbackAt);
  return createHash('sha256').update(JSON.stringify(fields)).digest('base64url');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
