import { type Kysely, sql } from 'kysely';

/**
 * Recycling (DESIGN.md §8): a company's rule per status retries a number it called after a delay, up
 * to a number of retries.
 * - recycle_rules: per company and status; own_attempt = 1 when the retry is the company's own attempt,
 *   so the global cooldown its own call started does not hold it back (only the delay does).
 * - company_calls gains the per-company attempt count, the last status and time of the company's
 *   calls to the number, and whether it ever answered: what the rules and the list counts read.
 * - recycles: the retries waiting, by when they are due (the lease walks them from the front).
 * - attempt_stats: re-attempts (recycled, callback) per 15-minute bucket, beside the status rollups,
 *   so the dashboard tells first attempts from the others without reading the call log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('recycle_rules')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('delay_minutes', 'integer', (c) => c.notNull().check(sql`delay_minutes > 0`))
    .addColumn('max_retries', 'integer', (c) => c.notNull().check(sql`max_retries > 0`))
    .addColumn('own_attempt', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('recycle_rules_pk', ['company_id', 'status'])
    .execute();

  await db.schema
    .alterTable('company_calls')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('company_calls').addColumn('last_status', 'text').execute();
  await db.schema.alterTable('company_calls').addColumn('last_called_at', 'integer').execute();
  await db.schema
    .alterTable('company_calls')
    .addColumn('answered', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('recycles')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('number_id', 'integer', (c) => c.notNull().references('numbers.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('recycles_pk', ['company_id', 'number_id'])
    .modifyEnd(sql`without rowid`)
    .execute();
  await db.schema.createIndex('recycles_due').on('recycles').columns(['company_id', 'due_at']).execute();

  await db.schema
    .createTable('attempt_stats')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('bucket', 'integer', (c) => c.notNull()) // epoch ms, start of the 15-minute UTC bucket
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('recycled', 'callback')`))
    .addColumn('calls', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('attempt_stats_pk', ['company_id', 'bucket', 'kind'])
    .modifyEnd(sql`without rowid`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attempt_stats').execute();
  await db.schema.dropTable('recycles').execute();
  for (const column of ['answered', 'last_called_at', 'last_status', 'attempts']) {
    await db.schema.alterTable('company_calls').dropColumn(column).execute();
  }
  await db.schema.dropTable('recycle_rules').execute();
}
