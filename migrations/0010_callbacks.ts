import { type Kysely, sql } from 'kysely';

/**
 * Callbacks (DESIGN.md §8): a callee asked to be called back at a time, by a company (and perhaps by
 * one of its agents). A pending callback is offered to that company first once due; the lease that
 * hands it out names it (leases.callback_id), and is the claim: one live lease per number, so one dialer.
 * At most one pending callback per company and number: asking again moves it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('callbacks')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('number_id', 'integer', (c) => c.notNull().references('numbers.id'))
    .addColumn('due_at', 'integer', (c) => c.notNull())
    .addColumn('agent_id', 'integer', (c) => c.references('agents.id'))
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`state in ('pending', 'done', 'cancelled')`),
    )
    .addColumn('asked_in_result_id', 'integer', (c) => c.references('call_results.id'))
    .addColumn('done_result_id', 'integer', (c) => c.references('call_results.id'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`create unique index callbacks_pending on callbacks (company_id, number_id) where state = 'pending'`.execute(db);
  await sql`create index callbacks_due on callbacks (company_id, due_at) where state = 'pending'`.execute(db);
  await sql`create index callbacks_company on callbacks (company_id, state, due_at)`.execute(db);
  // no REFERENCES on an added column: SQLite cannot drop a column a foreign key names (down)
  await db.schema.alterTable('leases').addColumn('callback_id', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('leases').dropColumn('callback_id').execute();
  await db.schema.dropTable('callbacks').execute();
}
