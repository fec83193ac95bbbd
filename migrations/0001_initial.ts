import { type Kysely, sql } from 'kysely';
import { createRowTrigger, dropRowTrigger, refuse } from './dialect';

/**
 * The whole data model of DESIGN.md §3. Frozen once landed: later changes are new migrations.
 * Times are epoch milliseconds (UTC) everywhere; money is integer minor units.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('companies')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('USD'))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('billing_mode', 'text', (c) =>
      c
        .notNull()
        .defaultTo('per_call')
        .check(sql`billing_mode in ('per_call','per_minute')`),
    )
    .addColumn('cost_per_billable', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cost_per_minute', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('low_balance_threshold', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('wallet_balance', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('superuser','admin','supervisor','viewer')`))
    .addColumn('company_id', 'integer', (c) => c.references('companies.id'))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'integer')
    .addColumn('last_login_at', 'integer')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    // a superuser belongs to no company; everyone else to exactly one
    .addCheckConstraint('users_company_by_role', sql`(role = 'superuser') = (company_id is null)`)
    .execute();

  await db.schema
    .createTable('agents')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('extension', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('inbound','outbound')`))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agents_company').on('agents').columns(['company_id', 'type']).execute();

  await db.schema
    .createTable('scenarios')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addUniqueConstraint('scenarios_company_key', ['company_id', 'key'])
    .execute();

  await db.schema
    .createTable('outbound_lines')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addUniqueConstraint('outbound_lines_company_phone', ['company_id', 'phone'])
    .execute();

  await db.schema
    .createTable('numbers')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('phone', 'text', (c) => c.notNull().unique())
    .addColumn('global_status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`global_status in ('active','complained','power_off','invalid')`),
    )
    .addColumn('last_called_at', 'integer')
    .addColumn('last_called_company_id', 'integer', (c) => c.references('companies.id'))
    .addColumn('imported_at', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('numbers_status').on('numbers').columns(['global_status']).execute();

  // a live lease per number at most: the primary key is the number
  await db.schema
    .createTable('leases')
    .addColumn('number_id', 'integer', (c) => c.primaryKey().references('numbers.id'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('dialer_id', 'text', (c) => c.notNull())
    .addColumn('leased_at', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('leases_batch').on('leases').columns(['batch_id']).execute();
  await db.schema.createIndex('leases_expiry').on('leases').columns(['expires_at']).execute();
  await db.schema.createIndex('leases_company').on('leases').columns(['company_id', 'dialer_id']).execute();

  await db.schema
    .createTable('company_calls')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('number_id', 'integer', (c) => c.notNull().references('numbers.id'))
    .addColumn('first_called_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('company_calls_pk', ['company_id', 'number_id'])
    .modifyEnd(sql`without rowid`)
    .execute();

  await db.schema
    .createTable('call_results')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('number_id', 'integer', (c) => c.notNull().references('numbers.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('scenario_id', 'integer', (c) => c.references('scenarios.id'))
    .addColumn('outbound_line_id', 'integer', (c) => c.references('outbound_lines.id'))
    .addColumn('agent_id', 'integer', (c) => c.references('agents.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('outbound','inbound')`))
    .addColumn('started_at', 'integer', (c) => c.notNull())
    .addColumn('duration_s', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('call_id', 'text', (c) => c.notNull())
    // hash of the reported body: a replay with the same hash answers the first answer, another is a 409
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('amount_charged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recording_url', 'text')
    .addColumn('transcript', 'text')
    .addColumn('data', 'text')
    .addColumn('dialer_id', 'text')
    .addColumn('batch_id', 'text')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addUniqueConstraint('call_results_company_call', ['company_id', 'call_id'])
    .execute();
  // call log: newest first per company, keyset on (started_at, id)
  await db.schema.createIndex('call_results_log').on('call_results').columns(['company_id', 'started_at', 'id']).execute();
  await db.schema.createIndex('call_results_number').on('call_results').columns(['number_id', 'started_at']).execute();
  await db.schema.createIndex('call_results_status').on('call_results').columns(['company_id', 'status', 'started_at']).execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('topup','charge','refund','adjustment')`))
    .addColumn('call_result_id', 'integer', (c) => c.references('call_results.id'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('balance_after', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_company').on('ledger_entries').columns(['company_id', 'id']).execute();
  // append-only, enforced by the database itself
  for (const event of ['update', 'delete'] as const) {
    await createRowTrigger(db, {
      name: `ledger_no_${event}`,
      timing: 'before',
      event,
      table: 'ledger_entries',
      body: refuse('ledger_entries is append-only'),
    });
  }

  await db.schema
    .createTable('schedule_windows')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday between 0 and 6`)) // 0 = Monday
    .addColumn('start_minute', 'integer', (c) => c.notNull().check(sql`start_minute between 0 and 1439`))
    .addColumn('end_minute', 'integer', (c) => c.notNull().check(sql`end_minute between 1 and 1440`))
    .addCheckConstraint('schedule_windows_order', sql`start_minute < end_minute`)
    .execute();
  await db.schema.createIndex('schedule_windows_company').on('schedule_windows').columns(['company_id', 'weekday']).execute();

  // a date exception: closed all day (no minutes), or one special window; several rows give several windows
  await db.schema
    .createTable('schedule_exceptions')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('date', 'text', (c) => c.notNull()) // YYYY-MM-DD in the company's time zone
    .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('start_minute', 'integer')
    .addColumn('end_minute', 'integer')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addCheckConstraint(
      'schedule_exceptions_shape',
      sql`(closed = 1 and start_minute is null and end_minute is null) or (closed = 0 and start_minute < end_minute)`,
    )
    .execute();
  await db.schema.createIndex('schedule_exceptions_company').on('schedule_exceptions').columns(['company_id', 'date']).execute();

  await db.schema
    .createTable('ai_agents')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('system_prompt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('greeting', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en-US'))
    .addColumn('voice', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('temperature', 'real', (c) => c.notNull().defaultTo(0.7))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('inbound_numbers')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('phone', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ai_agent_id', 'integer', (c) => c.references('ai_agents.id'))
    .addColumn('support_number', 'text')
    .addColumn('departments', 'text', (c) => c.notNull().defaultTo('[]')) // JSON [{name, transfer_number, description}]
    .addColumn('voice_settings', 'text', (c) => c.notNull().defaultTo('{}')) // JSON voice override
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('company_id', 'integer', (c) => c.references('companies.id')) // null: site-wide
    .addColumn('key_hash', 'text', (c) => c.notNull().unique()) // SHA-256 hex of the whole key
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull()) // comma-separated: dialer,inbound
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('last_used_at', 'integer')
    .addColumn('revoked_at', 'integer')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('actor', 'text', (c) => c.notNull()) // username, "cli", "api-key:<prefix>"
    .addColumn('company_id', 'integer', (c) => c.references('companies.id'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema.createIndex('audit_company').on('audit_log').columns(['company_id', 'id']).execute();

  // site-wide rules the dialer engine reads (cooldown days, lease minutes)
  await db.schema
    .createTable('site_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  // Rollup for the dashboard: one row per company, 15-minute UTC bucket and dimension tuple.
  // Every real time zone offset is a multiple of 15 minutes, so "today" in any zone is a whole
  // number of buckets. Dimension ids are 0 where the result had none.
  await db.schema
    .createTable('call_stats')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('bucket', 'integer', (c) => c.notNull()) // epoch ms, start of the 15-minute bucket
    .addColumn('scenario_id', 'integer', (c) => c.notNull())
    .addColumn('outbound_line_id', 'integer', (c) => c.notNull())
    .addColumn('agent_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('calls', 'integer', (c) => c.notNull())
    .addColumn('duration_s', 'integer', (c) => c.notNull())
    .addColumn('cost', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('call_stats_pk', ['company_id', 'bucket', 'scenario_id', 'outbound_line_id', 'agent_id', 'status'])
    .modifyEnd(sql`without rowid`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const event of ['update', 'delete']) await dropRowTrigger(db, `ledger_no_${event}`, 'ledger_entries');
  for (const table of [
    'call_stats',
    'site_settings',
    'audit_log',
    'api_keys',
    'inbound_numbers',
    'ai_agents',
    'schedule_exceptions',
    'schedule_windows',
    'ledger_entries',
    'call_results',
    'company_calls',
    'leases',
    'numbers',
    'outbound_lines',
    'scenarios',
    'agents',
    'users',
    'companies',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
