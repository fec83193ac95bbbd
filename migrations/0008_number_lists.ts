import { type Kysely, sql } from 'kysely';

/**
 * Named lists of numbers (DESIGN.md §8): every import is a list, of one company or of the site pool.
 * - number_lists: the list, its owner (company_id null: the site pool's, dialed by every company) and
 *   its name, unique per owner.
 * - numbers.list_id: the list a number first came in on. Most numbers are on one list only, so the
 *   relation's common case lives on the row the import writes anyway and the lease already reads:
 *   a second table written for every imported number would double the import's writes, and a join
 *   per candidate would be the lease's costliest check.
 * - list_members: the other lists a number is on (imported again under another name, or by a second
 *   company).
 * - list_switches: a list a company switched off for itself (no row: on).
 * Numbers already in the pool become site lists named after their source; callers that came in
 * (source `inbound`) stay on no list, as before: the pool's, for everyone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('number_lists')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('company_id', 'integer', (c) => c.references('companies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`create unique index number_lists_owner_name on number_lists (coalesce(company_id, 0), name)`.execute(db);

  // no REFERENCES on an added column: SQLite cannot drop a column a foreign key names (down)
  await db.schema.alterTable('numbers').addColumn('list_id', 'integer').execute();

  await db.schema
    .createTable('list_members')
    .addColumn('number_id', 'integer', (c) => c.notNull().references('numbers.id'))
    .addColumn('list_id', 'integer', (c) => c.notNull().references('number_lists.id'))
    .addPrimaryKeyConstraint('list_members_pk', ['number_id', 'list_id'])
    .modifyEnd(sql`without rowid`)
    .execute();
  await db.schema.createIndex('list_members_list').on('list_members').columns(['list_id', 'number_id']).execute();

  await db.schema
    .createTable('list_switches')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('list_id', 'integer', (c) => c.notNull().references('number_lists.id'))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('list_switches_pk', ['company_id', 'list_id'])
    .modifyEnd(sql`without rowid`)
    .execute();

  await sql`insert into number_lists (company_id, name, created_at, created_by)
    select null, case when source = '' then 'earlier imports' else source end, min(imported_at), 'migration'
    from numbers where source <> 'inbound'
    group by case when source = '' then 'earlier imports' else source end`.execute(db);
  await sql`update numbers set list_id = (
      select l.id from number_lists l
      where coalesce(l.company_id, 0) = 0 and l.name = case when numbers.source = '' then 'earlier imports' else numbers.source end)
    where source <> 'inbound'`.execute(db);
  // a list's members read in id order: the lease's list sets are built from it, a page's counts walk it
  await sql`create index numbers_list on numbers (list_id, id) where list_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('numbers_list').execute();
  await db.schema.dropTable('list_switches').execute();
  await db.schema.dropTable('list_members').execute();
  await db.schema.alterTable('numbers').dropColumn('list_id').execute();
  await db.schema.dropTable('number_lists').execute();
}
