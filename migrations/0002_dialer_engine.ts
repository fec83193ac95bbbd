import type { Kysely } from 'kysely';

/**
 * call_results.wallet_balance_after: the wallet balance a result's first answer reported, so a replayed
 * call_id answers exactly the first answer, also for results that charged nothing (no ledger entry).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('call_results').addColumn('wallet_balance_after', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('call_results').dropColumn('wallet_balance_after').execute();
}
