import { sql, type Kysely } from 'kysely';

/**
 * A user may work for several companies (a supervisor who runs two campaigns): membership moves to a
 * join table, and every check of "the user's company" asks it. users.company_id stays as the user's
 * home company (where they land after signing in), always one of their memberships; every existing
 * company user becomes a member of the company they had.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_companies')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addPrimaryKeyConstraint('user_companies_pk', ['user_id', 'company_id'])
    .modifyEnd(sql`without rowid`)
    .execute();
  // "who works for this company" (the Users page, a company's events)
  await db.schema.createIndex('user_companies_company').on('user_companies').columns(['company_id', 'user_id']).execute();
  await sql`insert into user_companies (user_id, company_id) select id, company_id from users where company_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('user_companies').execute();
}
