import { sql, type Kysely } from 'kysely';
import { nowMs } from './dialect';

/**
 * Failed sign-ins move out of `users` into a table keyed by the name that was typed, so a made-up
 * username is counted and locked exactly like a real one (no difference in answer or timing tells
 * them apart), and the count can be taken before the password is checked, in one transaction with
 * the lock check: concurrent attempts can no longer all be checked before the first failure lands.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sign_in_attempts')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'integer')
    .addColumn('last_failure_at', 'integer', (c) => c.notNull())
    .modifyEnd(sql`without rowid`)
    .execute();
  await db.schema.createIndex('sign_in_attempts_age').on('sign_in_attempts').column('last_failure_at').execute();
  // a lock or a count in progress survives the move; last_failure_at is unknown, so it counts from now
  await sql`
    insert into sign_in_attempts (username, failures, locked_until, last_failure_at)
    select username, failed_logins, locked_until, ${sql.raw(nowMs(db))} from users
    where failed_logins > 0 or locked_until is not null`.execute(db);
  await db.schema.alterTable('users').dropColumn('failed_logins').execute();
  await db.schema.alterTable('users').dropColumn('locked_until').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('users').addColumn('locked_until', 'integer').execute();
  await sql`
    update users set
      failed_logins = coalesce((select failures from sign_in_attempts a where a.username = users.username), 0),
      locked_until = (select locked_until from sign_in_attempts a where a.username = users.username)`.execute(db);
  await db.schema.dropTable('sign_in_attempts').execute();
}
