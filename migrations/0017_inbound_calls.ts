import { type Kysely, sql } from 'kysely';

/**
 * inbound_calls: the Jambonz side of an inbound call, beside its one result in call_results (which
 * the call log reads). Recorded at the call's first webhook and brought up to date by the later
 * ones: the status Jambonz last reported, whether the AI answered, the transfer the AI asked for and
 * the dial leg that carried it, when the call was closed and by whom ('jambonz': its final status
 * came; 'sweep': it never did), and when its AI minutes were charged (once).
 *
 * inbound_hooks: a fingerprint of every webhook body that changed a call, so a retry with the
 * identical body changes nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inbound_calls')
    .addColumn('call_result_id', 'integer', (c) => c.primaryKey().references('call_results.id'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('call_sid', 'text', (c) => c.notNull().unique())
    .addColumn('inbound_number_id', 'integer', (c) => c.references('inbound_numbers.id'))
    .addColumn('did', 'text', (c) => c.notNull())
    .addColumn('caller', 'text', (c) => c.notNull())
    .addColumn('caller_name', 'text')
    .addColumn('account_sid', 'text')
    .addColumn('call_status', 'text', (c) => c.notNull())
    .addColumn('answered_by_ai', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'integer', (c) => c.notNull())
    .addColumn('ai_ended_at', 'integer')
    .addColumn('ended_at', 'integer')
    .addColumn('closed_by', 'text', (c) => c.check(sql`closed_by in ('jambonz', 'sweep')`))
    .addColumn('last_hook_at', 'integer', (c) => c.notNull())
    .addColumn('transfer_department', 'text')
    .addColumn('transfer_target', 'text')
    .addColumn('transfer_state', 'text')
    .addColumn('leg_call_sid', 'text')
    .addColumn('leg_status', 'text')
    .addColumn('leg_duration_s', 'integer')
    .addColumn('ai_seconds', 'integer')
    .addColumn('charged_at', 'integer')
    .execute();
  // the sweep looks for open calls gone quiet
  await sql`create index inbound_calls_open on inbound_calls (last_hook_at) where closed_by is null`.execute(db);
  await db.schema.createIndex('inbound_calls_company').on('inbound_calls').columns(['company_id', 'started_at']).execute();

  await db.schema
    .createTable('inbound_hooks')
    .addColumn('call_sid', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('inbound_hooks_pk', ['call_sid', 'hash'])
    .modifyEnd(sql`without rowid`)
    .execute();
  await db.schema.createIndex('inbound_hooks_at').on('inbound_hooks').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inbound_hooks').execute();
  await db.schema.dropTable('inbound_calls').execute();
}
