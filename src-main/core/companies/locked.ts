import type { Queries } from '../db/engine/queries';
import type { CompanyRow } from '../db/schema';
import { notFound } from '../errors';

/**
 * The company's row, held for the rest of the caller's transaction. On a PostgreSQL several desks share,
 * this is what serialises a company's leases and charges across desks (DESIGN.md §10): a second desk's
 * lease or charge for the same company waits for this commit, and then reads what it left, so two desks
 * never pick the same numbers for one company, and the wallet a batch of charges counts from is the
 * wallet at its commit. Other companies go on in parallel. On SQLite the IMMEDIATE transaction holds
 * the whole file already, and this is a plain read.
 */
export async function lockedCompany(tx: Queries, companyId: number): Promise<CompanyRow> {
  const row = await tx.get<CompanyRow>(
    tx.engine === 'postgres' ? 'select * from companies where id = ? for update' : 'select * from companies where id = ?',
    [companyId],
  );
  if (!row) throw notFound(`company ${companyId} does not exist`);
  return row;
}
