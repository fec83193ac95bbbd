import { type Kysely, sql } from 'kysely';
import { createRowTrigger, dropRowTrigger } from './dialect';
import * as m0003 from './0003_reporting';

/**
 * The dashboard's coarse rollup, cheaper to keep: 0003's hourly and daily per-dimension tables cost
 * six upserts per recorded result (measured: the report path's largest extra cost). They become one
 * table of 6-hour UTC blocks, one dimension per row (dim = 'scenario' | 'line' | 'agent', dim_id 0 =
 * none), written by one three-row upsert. A local day of any zone is 4 blocks plus exactly 0 or 24
 * quarter-hours of call_stats at its edges (+03:30 and +05:45 included), so a 90-day matrix reads
 * ~360 blocks per id and status and at most 24 quarters of the full cross product.
 * call_stats_by_status (15-minute, no dimensions, for the charts) stays as 0003 made it.
 * As before, triggers on call_stats keep both equal to it whoever writes call_stats.
 */
const BLOCK_MS = 6 * 3_600_000;
const DIMS = [
  ['scenario', 'scenario_id'],
  ['line', 'outbound_line_id'],
  ['agent', 'agent_id'],
] as const;
const KEY = ['company_id', 'bucket', 'scenario_id', 'outbound_line_id', 'agent_id', 'status'];
const TRIGGERS = ['call_stats_blocks_insert', 'call_stats_blocks_update', 'call_stats_blocks_rekey', 'call_stats_blocks_delete'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const trigger of ['call_stats_rollup_insert', 'call_stats_rollup_update', 'call_stats_rollup_rekey', 'call_stats_rollup_delete']) {
    await dropRowTrigger(db, trigger, 'call_stats');
  }
  await db.schema.dropTable('call_stats_hourly').execute();
  await db.schema.dropTable('call_stats_daily').execute();

  await db.schema
    .createTable('call_stats_blocks')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('bucket', 'integer', (c) => c.notNull()) // epoch ms, start of the 6-hour UTC block
    .addColumn('dim_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('calls', 'integer', (c) => c.notNull())
    .addColumn('duration_s', 'integer', (c) => c.notNull())
    .addColumn('cost', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('call_stats_blocks_pk', ['company_id', 'dim', 'bucket', 'dim_id', 'status'])
    .modifyEnd(sql`without rowid`)
    .execute();

  // the counters named by their table: PostgreSQL finds a bare name ambiguous beside `excluded`
  const upsert = (table: string) =>
    `do update set calls = ${table}.calls + excluded.calls, duration_s = ${table}.duration_s + excluded.duration_s, cost = ${table}.cost + excluded.cost;`;
  /** Adds (delta new.x) or takes away (delta -old.x) one call_stats row's counters at its key. */
  const apply = (row: 'new' | 'old', delta: (col: string) => string) => {
    const counters = `${delta('calls')}, ${delta('duration_s')}, ${delta('cost')}`;
    const rows = DIMS.map(
      ([dim, column]) =>
        `(${row}.company_id, '${dim}', ${row}.bucket - ${row}.bucket % ${BLOCK_MS}, ${row}.${column}, ${row}.status, ${counters})`,
    );
    return `
      insert into call_stats_blocks (company_id, dim, bucket, dim_id, status, calls, duration_s, cost)
      values ${rows.join(', ')}
      on conflict (company_id, dim, bucket, dim_id, status) ${upsert('call_stats_blocks')}
      insert into call_stats_by_status (company_id, bucket, status, calls, duration_s, cost)
      values (${row}.company_id, ${row}.bucket, ${row}.status, ${counters})
      on conflict (company_id, bucket, status) ${upsert('call_stats_by_status')}`;
  };
  const sameKey = KEY.map((c) => `new.${c} = old.${c}`).join(' and ');
  const [insert, update, rekey, remove] = TRIGGERS;
  const on = { timing: 'after', table: 'call_stats' } as const;
  await createRowTrigger(db, { ...on, name: insert, event: 'insert', body: apply('new', (c) => `new.${c}`) });
  // the usual case: addToRollup bumps the counters of an existing key
  await createRowTrigger(db, { ...on, name: update, event: 'update', when: sameKey, body: apply('new', (c) => `new.${c} - old.${c}`) });
  await createRowTrigger(db, {
    ...on,
    name: rekey,
    event: 'update',
    when: `not (${sameKey})`,
    body: `${apply('old', (c) => `-old.${c}`)} ${apply('new', (c) => `new.${c}`)}`,
  });
  await createRowTrigger(db, { ...on, name: remove, event: 'delete', body: apply('old', (c) => `-old.${c}`) });

  for (const [dim, column] of DIMS) {
    await sql
      .raw(
        `insert into call_stats_blocks (company_id, dim, bucket, dim_id, status, calls, duration_s, cost)
         select company_id, '${dim}', bucket - bucket % ${BLOCK_MS}, ${column}, status, sum(calls), sum(duration_s), sum(cost)
         from call_stats group by 1, 3, 4, 5`,
      )
      .execute(db);
  }
}

/** Back to 0003 exactly: take away what this migration made and what 0003 left, then run 0003 again. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of TRIGGERS) await dropRowTrigger(db, trigger, 'call_stats');
  await db.schema.dropTable('call_stats_blocks').execute();
  await db.schema.dropTable('call_stats_by_status').execute();
  await db.schema.dropIndex('ledger_company_time').execute();
  await db.schema.dropIndex('ledger_call_result').execute();
  await m0003.up(db);
}
