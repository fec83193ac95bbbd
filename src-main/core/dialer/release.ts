import { prepare, transaction } from '../db/connection';
import type { Core } from '../core';
import { poolWritten } from './pool-cache';
import { dialerRegistry } from './registry';

export interface ReleaseRequest {
  companyId: number;
  batchId: string;
  /** only these numbers of the batch; all of its unused leases when absent */
  numberIds?: number[];
  address?: string;
}

/**
 * Gives a batch's unused numbers back to the pool. Leases already ended by a result are gone, so
 * releasing twice (a retry) simply releases nothing the second time.
 */
export function releaseBatch(core: Core, req: ReleaseRequest): { released: number } {
  const { db } = core;
  const now = core.clock();
  const { released, dialerId } = transaction(db, () => {
    const dialer = prepare(db.sqlite, 'select dialer_id from leases indexed by leases_batch where batch_id = ? and company_id = ? limit 1')
      .pluck()
      .get(req.batchId, req.companyId) as string | undefined;
    let changes = 0;
    if (req.numberIds) {
      const stmt = prepare(db.sqlite, 'delete from leases where number_id = ? and batch_id = ? and company_id = ? and expires_at > ?');
      for (const id of new Set(req.numberIds)) changes += stmt.run(id, req.batchId, req.companyId, now).changes;
    } else {
      changes = prepare(
        db.sqlite,
        'delete from leases indexed by leases_batch where batch_id = ? and company_id = ? and expires_at > ?',
      ).run(req.batchId, req.companyId, now).changes;
    }
    return { released: changes, dialerId: dialer };
  });
  if (released > 0) poolWritten(db, { poolGrew: true });
  if (dialerId) dialerRegistry(core).sawRelease(req.companyId, dialerId, req.address ?? 'local');
  return { released };
}
