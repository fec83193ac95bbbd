import Fastify from 'fastify';
import type { Db } from '../../src-main/core/db/connection';
import { nowMs } from './harness/stats';

/**
 * The floors each figure is compared with, measured in the same run on the same file: what fastify
 * and SQLite cost with none of the engine's rules (no auth, validation, leases, dedup, billing or rollup).
 */
export interface BareServer {
  url: string;
  close(): Promise<void>;
}

/** A result row as the bare routes take it. */
export interface BareResult {
  call_id: string;
  number_id: number;
  status: string;
  started_at: string;
  duration_s: number;
}

export async function startBareServer(db: Db): Promise<BareServer> {
  const s = db.sqlite;
  const companies = new Map(
    (s.prepare('select slug, id from companies').all() as { slug: string; id: number }[]).map((c) => [c.slug, c.id]),
  );
  const select = s.prepare(`select id, phone from numbers where global_status = 'active' limit ?`);
  const insert = s.prepare(
    `insert into call_results (company_id, number_id, phone, status, direction, started_at, duration_s, call_id, request_hash, created_at)
     values (?, ?, '', ?, 'outbound', ?, ?, ?, '', ?)`,
  );
  const insertOne = (companyId: number, r: BareResult) =>
    Number(
      insert.run(companyId, r.number_id, r.status, Date.parse(r.started_at), r.duration_s, `bare-${r.call_id}`, Date.now()).lastInsertRowid,
    );
  const insertMany = s.transaction((companyId: number, results: BareResult[]) => results.map((r) => insertOne(companyId, r)));

  // the atomic lease's own floor: the SELECT, skipping live leases, and one lease row a number, in one
  // IMMEDIATE transaction, with none of the rules (no cooldown, dedup, lists, schedule, wallet)
  const pickFree = s.prepare(
    `select id, phone from numbers n where global_status = 'active'
       and not exists (select 1 from leases l where l.number_id = n.id) limit ?`,
  );
  const insertLease = s.prepare(
    `insert into leases (number_id, company_id, batch_id, dialer_id, leased_at, expires_at) values (?, ?, ?, 'bare', ?, ?)`,
  );
  const firstCompany = [...companies.values()][0] ?? 1;
  let bareBatches = 0;
  const leaseMany = s.transaction((size: number) => {
    const rows = pickFree.all(size) as { id: number; phone: string }[];
    const batch = `bare-${++bareBatches}`;
    const now = Date.now();
    for (const r of rows) insertLease.run(r.id, firstCompany, batch, now, now + 600_000);
    return { batch, rows };
  });
  const dropBatch = s.prepare('delete from leases where batch_id = ?');

  // the rows a result must write, with none of the checks: its call, the company's dedup row, the
  // number's cooldown, the lease it ends, and for a billable call its ledger entry and the wallet
  const dedup = s.prepare(
    `insert into company_calls (company_id, number_id, first_called_at, last_status, last_called_at) values (?, ?, ?, ?, ?)
     on conflict (company_id, number_id) do update set attempts = attempts + 1, last_status = excluded.last_status, last_called_at = excluded.last_called_at`,
  );
  const cooldown = s.prepare('update numbers set last_called_at = ?, last_called_company_id = ? where id = ?');
  const endLease = s.prepare('delete from leases where number_id = ?');
  const ledger = s.prepare(
    `insert into ledger_entries (company_id, amount, kind, call_result_id, note, balance_after, created_at) values (?, ?, 'charge', ?, '', 0, ?)`,
  );
  const wallet = s.prepare('update companies set wallet_balance = wallet_balance - ? where id = ?');
  const writeAll = s.transaction((companyId: number, results: BareResult[]) => {
    const now = Date.now();
    let charged = 0;
    for (const r of results) {
      const id = insertOne(companyId, r);
      const at = Date.parse(r.started_at);
      dedup.run(companyId, r.number_id, at, r.status, at);
      cooldown.run(at, companyId, r.number_id);
      endLease.run(r.number_id);
      if (r.duration_s > 0) {
        ledger.run(companyId, -50, id, now);
        charged += 50;
      }
    }
    wallet.run(charged, companyId);
    return results.length;
  });

  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  app.get<{ Querystring: { size?: string } }>('/bare/lease', async (req) => {
    const { batch, rows } = leaseMany.immediate(Number(req.query.size ?? 500));
    return { batch_id: batch, numbers: rows.map((r) => ({ number_id: r.id, phone: r.phone })) };
  });
  app.post<{ Body: { batch_id: string } }>('/bare/release', async (req) => {
    return { released: dropBatch.run(req.body.batch_id).changes };
  });
  app.get<{ Querystring: { size?: string } }>('/bare/numbers', async (req) => {
    const rows = select.all(Number(req.query.size ?? 500)) as { id: number; phone: string }[];
    return { numbers: rows.map((r) => ({ number_id: r.id, phone: r.phone })) };
  });
  app.post<{ Body: BareResult & { company: string } }>('/bare/result', async (req, reply) => {
    reply.code(201);
    return { result_id: insertOne(companies.get(req.body.company) ?? 0, req.body) };
  });
  app.post<{ Body: { company: string; results: BareResult[] } }>('/bare/results', async (req) => {
    const ids = insertMany(companies.get(req.body.company) ?? 0, req.body.results);
    return { created: ids.length };
  });
  app.post<{ Body: { company: string; results: BareResult[] } }>('/bare/results-rows', async (req) => {
    return { created: writeAll.immediate(companies.get(req.body.company) ?? 0, req.body.results) };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** How long a bare count of a company's results over [start, end) takes: the index range scan any raw query pays. */
export function bareCount(db: Db, companyId: number, start: number, end: number): { ms: number; count: number } {
  const stmt = db.sqlite.prepare('select count(*) n from call_results where company_id = ? and started_at >= ? and started_at < ?');
  const t = nowMs();
  const { n } = stmt.get(companyId, start, end) as { n: number };
  return { ms: nowMs() - t, count: n };
}

/**
 * The import's writes without its rules, in the shape the rules impose: the same phones in phone order,
 * one prepared insert each, in transactions sized to ~6 ms like the app's (a longer one holds the
 * serving thread, and the dialers behind it, for longer), into the same copy of the pool as bareImport.
 */
export function bareImportInSlices(db: Db, phones: string[], at: number, writeMs = 6): { ms: number; added: number; transactions: number } {
  const s = db.sqlite;
  const sorted = [...phones].sort();
  const insert = copyOfPool(s);
  const write = s.transaction((part: string[]) => {
    let n = 0;
    for (const phone of part) n += insert.run(phone, at).changes;
    return n;
  });
  let added = 0;
  let transactions = 0;
  let rows = 500;
  const t = nowMs();
  for (let i = 0; i < sorted.length;) {
    const part = sorted.slice(i, i + rows);
    const started = nowMs();
    added += write.immediate(part);
    transactions++;
    rows = Math.min(2000, Math.max(100, Math.round((rows * writeMs) / Math.max(nowMs() - started, 0.5))));
    i += part.length;
  }
  const ms = nowMs() - t;
  s.exec('drop table bench_numbers');
  return { ms, added, transactions };
}

/**
 * The import's baseline (DESIGN §7): the same phones inserted with one prepared statement in one
 * transaction, into a copy of the pool with the same rows and indexes (so the unique index is as deep
 * as the real one's).
 */
export function bareImport(db: Db, phones: string[], at: number): { ms: number; added: number } {
  const s = db.sqlite;
  const insert = copyOfPool(s);
  const t = nowMs();
  const added = s.transaction(() => {
    let n = 0;
    for (const phone of phones) n += insert.run(phone, at).changes;
    return n;
  })();
  const ms = nowMs() - t;
  s.exec('drop table bench_numbers');
  return { ms, added };
}

/** bench_numbers: a copy of the pool's phones with the pool's unique and status indexes, and its insert */
function copyOfPool(s: Db['sqlite']) {
  s.exec('drop table if exists bench_numbers');
  s.exec(`create table bench_numbers (id integer primary key, phone text not null unique, global_status text not null default 'active',
    last_called_at integer, last_called_company_id integer, imported_at integer not null, source text not null default '')`);
  s.exec(
    'insert into bench_numbers select id, phone, global_status, last_called_at, last_called_company_id, imported_at, source from numbers',
  );
  s.exec('create index bench_numbers_status on bench_numbers (global_status)');
  const insert = s.prepare(`insert or ignore into bench_numbers (phone, imported_at, source) values (?, ?, 'bench.csv')`);
  return insert;
}
