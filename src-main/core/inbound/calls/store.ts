import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../../db/connection';
import type { Queries } from '../../db/engine/queries';
import type { InboundCallsTable } from '../../db/schema';

export type InboundCallRow = Selectable<InboundCallsTable>;

/** What every webhook of a call carries (jambonz-feature-server lib/session/call-info.js toJSON, snake_cased). */
export interface JambonzCallInfo {
  call_sid: string;
  direction: 'inbound' | 'outbound';
  from: string;
  to: string;
  caller_name?: string;
  call_status?: string;
  sip_status?: number;
  sip_reason?: string;
  /** seconds, once the call completed */
  duration?: number;
  /** set on a dial leg: the inbound call it belongs to */
  parent_call_sid?: string;
  account_sid?: string;
  /** what the application put in a `tag` verb (left un-snake-cased by lib/utils/http-requestor.js) */
  customerData?: { recording_url?: string; transcript?: string } & Record<string, unknown>;
}

/** The call's row; inside a transaction pass its tx (the recorder's). */
export function inboundCallOf(q: Queries, callSid: string): Promise<InboundCallRow | undefined> {
  return q.get<InboundCallRow>('select * from inbound_calls where call_sid = ?', [callSid]);
}

type InboundCallPatch = Partial<Omit<InboundCallRow, 'call_result_id' | 'call_sid'>>;

/** Changes the call's row through `q` (the caller's transaction, or the Db); `db` only builds the statement. */
export async function writeInboundCall(q: Queries, db: Pick<Db, 'kysely'>, callSid: string, patch: InboundCallPatch): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await q.execute(db.kysely.updateTable('inbound_calls').set(patch).where('call_sid', '=', callSid));
}

/** The fingerprint of one webhook: which hook, and its body exactly as sent. */
export const hookHash = (kind: string, body: string): string =>
  createHash('sha256').update(kind).update('\n').update(body).digest('base64url');

/**
 * Remembers a webhook of a call inside the caller's transaction; false when this very body was seen
 * already (a retry: Jambonz retries a webhook with the identical body when asked to, lib/utils/
 * http-requestor.js "rc"/"rp"), which then changes nothing.
 */
export async function seenFirstTime(q: Queries, callSid: string, hash: string, now: number): Promise<boolean> {
  return (
    (await q.run('insert into inbound_hooks (call_sid, hash, at) values (?, ?, ?) on conflict do nothing', [callSid, hash, now])) === 1
  );
}

/** Jambonz's call statuses in the order a call goes through them; a late or repeated one never goes back. */
const RANK: Record<string, number> = {
  queued: 0,
  trying: 0,
  ringing: 1,
  'early-media': 1,
  'in-progress': 2,
  completed: 3,
  failed: 3,
  busy: 3,
  'no-answer': 3,
};
export const TERMINAL = new Set(['completed', 'failed', 'busy', 'no-answer']);
export const advances = (from: string | null, to: string): boolean => (RANK[to] ?? -1) > (from === null ? -1 : (RANK[from] ?? -1));
