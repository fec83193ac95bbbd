import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../../src-main/core/db/connection';
import { writeHistory, GLOBAL, type CompanySetup, type HistoryTotals, type PoolState } from './history';
import { DAY_MS, type DatasetParams } from './params';
import { phoneAt } from './random';
import { RollupAccumulator } from './rollup';
import type { CallStatus } from '../../../src-shared/statuses';

/**
 * Inserts rows `rows` at a time through one multi-row prepared statement: binding is the same work,
 * but SQLite parses, plans and steps once per batch instead of once per row (about twice as fast).
 */
class BatchInsert {
  private readonly many: Statement;
  private readonly one: Statement;
  private readonly values: unknown[];
  private filled = 0;

  constructor(
    sqlite: Sqlite,
    head: string,
    private readonly columns: number,
    tail = '',
    private readonly rows = 64,
  ) {
    const tuple = `(${new Array(columns).fill('?').join(',')})`;
    this.many = sqlite.prepare(`${head} values ${new Array(rows).fill(tuple).join(',')} ${tail}`);
    this.one = sqlite.prepare(`${head} values ${tuple} ${tail}`);
    this.values = new Array(columns * rows);
  }

  put(row: readonly unknown[]): void {
    const base = this.filled * this.columns;
    for (let i = 0; i < this.columns; i++) this.values[base + i] = row[i];
    if (++this.filled === this.rows) {
      this.many.run(this.values);
      this.filled = 0;
    }
  }

  flush(): void {
    for (let r = 0; r < this.filled; r++) this.one.run(this.values.slice(r * this.columns, (r + 1) * this.columns));
    this.filled = 0;
  }
}

/** Tables the bulk load fills; their secondary indexes are dropped first and rebuilt once at the end. */
const BULK_TABLES = ['numbers', 'call_results', 'ledger_entries', 'company_calls'];

/** Drops the secondary (non-constraint) indexes of the bulk tables and answers how to make them again. */
export function dropSecondaryIndexes(sqlite: Sqlite): string[] {
  const rows = sqlite
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null
       and tbl_name in (${BULK_TABLES.map(() => '?').join(',')})`,
    )
    .all(...BULK_TABLES) as { name: string; sql: string }[];
  for (const r of rows) sqlite.exec(`drop index "${r.name}"`);
  return rows.map((r) => r.sql);
}

/**
 * Writes the history (results, company_calls, ledger charges, the call_stats rollup) and then the pool, with prepared
 * statements in one transaction per simulated day. The caller has turned journaling and foreign
 * keys off for the load; results reference numbers that are written afterwards.
 */
export function loadHistory(sqlite: Sqlite, params: DatasetParams, companies: CompanySetup[], log: (line: string) => void): HistoryTotals {
  const results = new BatchInsert(
    sqlite,
    `insert into call_results (id, company_id, number_id, phone, scenario_id, outbound_line_id, agent_id, status,
       direction, started_at, duration_s, call_id, request_hash, amount_charged, recording_url, data, dialer_id,
       batch_id, created_at)`,
    19,
  );
  const companyCalls = new BatchInsert(sqlite, 'insert into company_calls (company_id, number_id, first_called_at)', 3);
  const pair: unknown[] = [0, 0, 0];
  const charges = new BatchInsert(
    sqlite,
    `insert into ledger_entries (company_id, amount, kind, call_result_id, note, user_id, balance_after, created_at)`,
    8,
  );
  const charge: unknown[] = [0, 0, 'charge', 0, '', null, 0, 0];
  const rollup = new RollupAccumulator();
  const stats = new BatchInsert(
    sqlite,
    'insert into call_stats (company_id, bucket, scenario_id, outbound_line_id, agent_id, status, calls, duration_s, cost)',
    9,
    `on conflict (company_id, bucket, scenario_id, outbound_line_id, agent_id, status) do update set
       calls = calls + excluded.calls, duration_s = duration_s + excluded.duration_s, cost = cost + excluded.cost`,
  );
  const N = params.numbers;
  const pool: PoolState = {
    lastCalledAt: new Float64Array(N),
    lastCompany: new Int32Array(N),
    globalStatus: new Uint8Array(N),
  };
  const started = Date.now();
  sqlite.exec('begin');
  const totals = writeHistory(
    params,
    companies,
    {
      result(row) {
        results.put(row);
        rollup.add(
          row[1] as number,
          row[9] as number,
          row[4] as number | null,
          row[5] as number | null,
          row[6] as number | null,
          row[7] as CallStatus,
          row[10] as number,
          row[13] as number,
        );
      },
      companyCall(companyId, numberId, at) {
        pair[0] = companyId;
        pair[1] = numberId;
        pair[2] = at;
        companyCalls.put(pair);
      },
      charge(row) {
        charge[0] = row[0];
        charge[1] = row[1];
        charge[3] = row[2];
        charge[6] = row[3];
        charge[7] = row[4];
        charges.put(charge);
      },
      dayDone(day) {
        rollup.drain((row) => stats.put(row));
        stats.flush();
        results.flush();
        companyCalls.flush();
        charges.flush();
        sqlite.exec('commit');
        if ((day + 1) % 10 === 0) log(`  day ${day + 1}/${params.days} written (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        sqlite.exec('begin');
      },
    },
    pool,
  );
  sqlite.exec('commit');

  // the pool: imported in ten files before the history starts; last call and status from the history
  const numbers = new BatchInsert(
    sqlite,
    'insert into numbers (id, phone, global_status, last_called_at, last_called_company_id, imported_at, source)',
    7,
  );
  const historyStart = Date.parse(params.anchor) - params.days * DAY_MS;
  const number: unknown[] = new Array(7);
  sqlite.exec('begin');
  for (let i = 0; i < N; i++) {
    const part = Math.floor((i * 10) / N);
    number[0] = i + 1;
    number[1] = phoneAt(i);
    number[2] = GLOBAL[pool.globalStatus[i]];
    number[3] = pool.lastCalledAt[i] || null;
    number[4] = pool.lastCompany[i] || null;
    number[5] = historyStart - (10 - part) * DAY_MS;
    number[6] = `pool-part-${part + 1}.csv`;
    numbers.put(number);
  }
  numbers.flush();
  sqlite.exec('commit');

  const setBalance = sqlite.prepare('update companies set wallet_balance = ? where id = ?');
  for (const c of companies) setBalance.run(c.balance, c.id);
  return totals;
}
