import { type Kysely, sql } from 'kysely';

/**
 * Do-not-call lists in two scopes (DESIGN.md §8): the site's (company_id null), which no company
 * dials, and each company's own, which only that company skips. Kept by phone, not by number id: a
 * company's list must not add numbers to the shared pool, and must still hold for a number someone
 * imports later.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dnc_entries')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('company_id', 'integer', (c) => c.references('companies.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('added_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('added_at', 'integer', (c) => c.notNull())
    .execute();
  await sql`create unique index dnc_entries_scope_phone on dnc_entries (coalesce(company_id, 0), phone)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dnc_entries').execute();
}
