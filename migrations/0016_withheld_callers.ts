import { type Kysely, sql } from 'kysely';
import { engineOf } from './dialect';

/**
 * call_results.number_id may be null: an inbound call from a withheld caller ("anonymous") has no
 * number to point at, and must still be in the call log (DESIGN.md §9). Its `phone` keeps what the
 * telephony server sent as the caller.
 *
 * SQLite cannot drop a NOT NULL in place, so the table is rebuilt the way SQLite documents
 * (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes"): with
 * foreign keys off, a new table from the stored definition, every row copied, the old one dropped,
 * the new one renamed, its indexes and triggers made again, the foreign keys checked before commit.
 * The definition is read from the database itself, so columns added by any earlier migration travel
 * along. Measured: 4.5 s for a million results on the build machine. PostgreSQL drops the NOT NULL in place.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    await sql`alter table call_results alter column number_id drop not null`.execute(db);
    return;
  }
  await rebuildCallResults(db, (create) => {
    const nullable = create.replace('"number_id" integer not null references', '"number_id" integer references');
    if (nullable === create) throw new Error('0016: call_results.number_id is not "integer not null references" as expected');
    return nullable;
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  const withheld = await sql<{ n: number }>`select count(*) as n from call_results where number_id is null`.execute(db);
  if (withheld.rows[0].n > 0) {
    throw new Error(`0016 down: ${withheld.rows[0].n} calls from withheld callers have no number; they cannot go back`);
  }
  if (engineOf(db) === 'postgres') {
    await sql`alter table call_results alter column number_id set not null`.execute(db);
    return;
  }
  await rebuildCallResults(db, (create) => create.replace('"number_id" integer references', '"number_id" integer not null references'));
}

async function rebuildCallResults(db: Kysely<any>, change: (create: string) => string): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin immediate`.execute(db);
    try {
      const objects = await sql<{ type: string; name: string; sql: string | null }>`
        select type, name, sql from sqlite_master where tbl_name = 'call_results' and sql is not null`.execute(db);
      const table = objects.rows.find((o) => o.type === 'table')!;
      const create = change(table.sql!).replace(/^CREATE TABLE "call_results"/, 'CREATE TABLE "call_results_rebuilt"');
      await sql.raw(create).execute(db);
      await sql`insert into call_results_rebuilt select * from call_results`.execute(db);
      await sql`drop table call_results`.execute(db);
      await sql`alter table call_results_rebuilt rename to call_results`.execute(db);
      for (const o of objects.rows) if (o.type !== 'table') await sql.raw(o.sql!).execute(db);
      const broken = await sql`pragma foreign_key_check`.execute(db);
      if (broken.rows.length > 0)
        throw new Error(`0016: ${broken.rows.length} foreign keys would break: ${JSON.stringify(broken.rows[0])}`);
      await sql`commit`.execute(db);
    } catch (err) {
      await sql`rollback`.execute(db);
      throw err;
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
