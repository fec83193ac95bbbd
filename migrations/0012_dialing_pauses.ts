import { type Kysely, sql } from 'kysely';

/**
 * A pause (DESIGN.md §8): a company's dialing, or the whole site's (company_id null), stopped on
 * purpose, with who did it and why. One row per scope while paused; resuming deletes it (the audit
 * log keeps the story).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dialing_pauses')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('company_id', 'integer', (c) => c.references('companies.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('paused_by', 'text', (c) => c.notNull())
    .addColumn('paused_at', 'integer', (c) => c.notNull())
    .execute();
  await sql`create unique index dialing_pauses_scope on dialing_pauses (coalesce(company_id, 0))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dialing_pauses').execute();
}
