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
export async function releaseBatch(core: Core, req: ReleaseRequest): Promise<{ released: number }> {
  const { db } = core;
  const now = core.clock();
  // the batch's own index, as the hot paths were tuned (test/bench/RESULTS.md); PostgreSQL's planner picks its own
  const byBatch = db.engine === 'sqlite' ? 'indexed by leases_batch' : '';
  const { released, dialerId } = await db.transaction(async (tx) => {
    const dialer = await tx.value<string>(`select dialer_id from leases ${byBatch} where batch_id = ? and company_id = ? limit 1`, [
      req.batchId,
      req.companyId,
    ]);
    let changes = 0;
    if (req.numberIds) {
      for (const id of new Set(req.numberIds)) {
        changes += await tx.run('delete from leases where number_id = ? and batch_id = ? and company_id = ? and expires_at > ?', [
          id,
          req.batchId,
          req.companyId,
          now,
        ]);
      }
    } else {
      changes = await tx.run(`delete from leases ${byBatch} where batch_id = ? and company_id = ? and expires_at > ?`, [
        req.batchId,
        req.companyId,
        now,
      ]);
    }
    return { released: changes, dialerId: dialer };
  });
  if (released > 0) poolWritten(db, { poolGrew: true });
  if (dialerId) dialerRegistry(core).sawRelease(req.companyId, dialerId, req.address ?? 'local');
  return { released };
}
