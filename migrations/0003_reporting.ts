import { type Kysely, sql } from 'kysely';
import { createRowTrigger, dropRowTrigger } from './dialect';

/**
 * Coarser dashboard rollups, kept by the database itself from call_stats (15-minute buckets, one row
 * per scenario x line x agent x status):
 * - call_stats_hourly / call_stats_daily: per UTC hour / UTC day, one dimension at a time
 *   (dim = 'scenario' | 'line' | 'agent', dim_id 0 = none). The matrix groups by one dimension, so a
 *   month of it reads ~30 days x (ids x statuses) rows plus the partial hours and quarters at its
 *   edges — not the cross product of every dimension over ~3,000 quarters.
 * - call_stats_by_status: 15-minute buckets without dimensions, for the volume charts (local hours
 *   and days of any zone, +03:30 and +05:45 included, are whole numbers of quarters).
 * Triggers on call_stats keep them equal to it whoever writes call_stats (the result recorder through
 * addToRollup, a bulk load, a repair), so nothing else has to know they exist.
 *
 * Also indexes the statement export and a result's money detail need on ledger_entries.
 */
const GRAINS = [
  ['call_stats_hourly', 3_600_000],
  ['call_stats_daily', 86_400_000],
] as const;
const DIMS = [
  ['scenario', 'scenario_id'],
  ['line', 'outbound_line_id'],
  ['agent', 'agent_id'],
] as const;
const KEY = ['company_id', 'bucket', 'scenario_id', 'outbound_line_id', 'agent_id', 'status'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table] of GRAINS) {
    await db.schema
      .createTable(table)
      .addColumn('company_id', 'integer', (c) => c.notNull())
      .addColumn('dim', 'text', (c) => c.notNull())
      .addColumn('bucket', 'integer', (c) => c.notNull())
      .addColumn('dim_id', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('calls', 'integer', (c) => c.notNull())
      .addColumn('duration_s', 'integer', (c) => c.notNull())
      .addColumn('cost', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['company_id', 'dim', 'bucket', 'dim_id', 'status'])
      .modifyEnd(sql`without rowid`)
      .execute();
  }
  await db.schema
    .createTable('call_stats_by_status')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('bucket', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('calls', 'integer', (c) => c.notNull())
    .addColumn('duration_s', 'integer', (c) => c.notNull())
    .addColumn('cost', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('call_stats_by_status_pk', ['company_id', 'bucket', 'status'])
    .modifyEnd(sql`without rowid`)
    .execute();

  // the counters named by their table: PostgreSQL finds a bare name ambiguous beside `excluded`
  const upsert = (table: string) =>
    `do update set calls = ${table}.calls + excluded.calls, duration_s = ${table}.duration_s + excluded.duration_s, cost = ${table}.cost + excluded.cost;`;
  /** Statements that add (delta = new.x) or take away (delta = -old.x) one call_stats row at its key. */
  const apply = (row: 'new' | 'old', delta: (col: string) => string) => {
    const counters = `${delta('calls')}, ${delta('duration_s')}, ${delta('cost')}`;
    const statements = GRAINS.flatMap(([table, unit]) =>
      DIMS.map(
        ([dim, column]) => `
        insert into ${table} (company_id, dim, bucket, dim_id, status, calls, duration_s, cost)
        values (${row}.company_id, '${dim}', ${row}.bucket - ${row}.bucket % ${unit}, ${row}.${column}, ${row}.status, ${counters})
        on conflict (company_id, dim, bucket, dim_id, status) ${upsert(table)}`,
      ),
    );
    statements.push(`
      insert into call_stats_by_status (company_id, bucket, status, calls, duration_s, cost)
      values (${row}.company_id, ${row}.bucket, ${row}.status, ${counters})
      on conflict (company_id, bucket, status) ${upsert('call_stats_by_status')}`);
    return statements.join('\n');
  };
  const sameKey = KEY.map((c) => `new.${c} = old.${c}`).join(' and ');

  const on = { timing: 'after', table: 'call_stats' } as const;
  await createRowTrigger(db, { ...on, name: 'call_stats_rollup_insert', event: 'insert', body: apply('new', (c) => `new.${c}`) });
  // the usual case: addToRollup bumps the counters of an existing key
  await createRowTrigger(db, {
    ...on,
    name: 'call_stats_rollup_update',
    event: 'update',
    when: sameKey,
    body: apply('new', (c) => `new.${c} - old.${c}`),
  });
  await createRowTrigger(db, {
    ...on,
    name: 'call_stats_rollup_rekey',
    event: 'update',
    when: `not (${sameKey})`,
    body: `${apply('old', (c) => `-old.${c}`)} ${apply('new', (c) => `new.${c}`)}`,
  });
  await createRowTrigger(db, { ...on, name: 'call_stats_rollup_delete', event: 'delete', body: apply('old', (c) => `-old.${c}`) });

  // whatever call_stats already holds
  for (const [table, unit] of GRAINS) {
    for (const [dim, column] of DIMS) {
      await sql
        .raw(
          `insert into ${table} (company_id, dim, bucket, dim_id, status, calls, duration_s, cost)
           select company_id, '${dim}', bucket - bucket % ${unit}, ${column}, status, sum(calls), sum(duration_s), sum(cost)
           from call_stats group by 1, 3, 4, 5`,
        )
        .execute(db);
    }
  }
  await sql`insert into call_stats_by_status (company_id, bucket, status, calls, duration_s, cost)
    select company_id, bucket, status, sum(calls), sum(duration_s), sum(cost) from call_stats group by 1, 2, 3`.execute(db);

  // a result's charge and refunds; a month of one company's ledger
  await db.schema
    .createIndex('ledger_call_result')
    .on('ledger_entries')
    .column('call_result_id')
    .where(sql.ref('call_result_id'), 'is not', null)
    .execute();
  await db.schema.createIndex('ledger_company_time').on('ledger_entries').columns(['company_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ledger_company_time').execute();
  await db.schema.dropIndex('ledger_call_result').execute();
  for (const trigger of ['call_stats_rollup_insert', 'call_stats_rollup_update', 'call_stats_rollup_rekey', 'call_stats_rollup_delete']) {
    await dropRowTrigger(db, trigger, 'call_stats');
  }
  for (const table of ['call_stats_by_status', 'call_stats_daily', 'call_stats_hourly']) {
    await db.schema.dropTable(table).execute();
  }
}
