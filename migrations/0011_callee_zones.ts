import { type Kysely, sql } from 'kysely';

/**
 * Callee-local hours (DESIGN.md §8). A number's time zones come from Google's libphonenumber metadata
 * by its country and area; they are a property of the number, found once and kept:
 * - phone_zones: each distinct answer ("Europe/Berlin", or several zones joined by '&' where the
 *   number's area spans them), a few hundred rows at most;
 * - numbers.zone_id: the number's answer (null: not looked up yet, dialed on the company's own hours).
 * - company_dialing: per company, whether it dials only inside its window on the callee's clock, and
 *   what a number with several zones follows: all of them ('strictest') or the company's own zone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('phone_zones')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('zones', 'text', (c) => c.notNull().unique())
    .execute();
  // no REFERENCES on an added column: SQLite cannot drop a column a foreign key names (down)
  await db.schema.alterTable('numbers').addColumn('zone_id', 'integer').execute();
  await db.schema
    .createTable('company_dialing')
    .addColumn('company_id', 'integer', (c) => c.primaryKey().references('companies.id'))
    .addColumn('callee_local_hours', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ambiguous_zones', 'text', (c) =>
      c
        .notNull()
        .defaultTo('strictest')
        .check(sql`ambiguous_zones in ('strictest', 'company')`),
    )
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('company_dialing').execute();
  await db.schema.alterTable('numbers').dropColumn('zone_id').execute();
  await db.schema.dropTable('phone_zones').execute();
}
