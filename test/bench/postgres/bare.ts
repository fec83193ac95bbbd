import Fastify from 'fastify';
import pg from 'pg';
import type { BareResult, BareServer } from '../baselines';

/**
 * The PostgreSQL floors, on the same database as the core under test and through the same fastify and
 * `pg` driver: the plain SELECT … LIMIT, the atomic lease with none of the rules, and the results
 * inserted with no checks. Its own pool of connections, as many as the core's.
 */
export async function startBarePostgres(url: string): Promise<BareServer> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => undefined);
  const companies = new Map(
    (await pool.query<{ slug: string; id: number }>('select slug, id from companies')).rows.map((c) => [c.slug, c.id]),
  );
  const firstCompany = [...companies.values()][0] ?? 1;
  let bareBatches = 0;
  const query = <R extends pg.QueryResultRow>(client: pg.Pool | pg.PoolClient, name: string, text: string, values: unknown[]) =>
    client.query<R>({ name, text, values });

  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  app.get<{ Querystring: { size?: string } }>('/bare/numbers', async (req) => {
    const { rows } = await query<{ id: string; phone: string }>(
      pool,
      'bare-select',
      `select id, phone from numbers where global_status = 'active' limit $1`,
      [Number(req.query.size ?? 500)],
    );
    return { numbers: rows.map((r) => ({ number_id: Number(r.id), phone: r.phone })) };
  });
  // the atomic lease's own floor: the free rows held (skipping other leases' rows) and one lease row each, one transaction
  app.get<{ Querystring: { size?: string } }>('/bare/lease', async (req) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const { rows } = await query<{ id: string; phone: string }>(
        client,
        'bare-pick',
        `select id, phone from numbers n where global_status = 'active'
           and not exists (select 1 from leases l where l.number_id = n.id) limit $1 for no key update skip locked`,
        [Number(req.query.size ?? 500)],
      );
      const batch = `bare-${process.pid}-${++bareBatches}`;
      const now = Date.now();
      await query(
        client,
        'bare-leases',
        `insert into leases (number_id, company_id, batch_id, dialer_id, leased_at, expires_at)
         select unnest($1::bigint[]), $2, $3, 'bare', $4, $5`,
        [rows.map((r) => r.id), firstCompany, batch, now, now + 600_000],
      );
      await client.query('commit');
      return { batch_id: batch, numbers: rows.map((r) => ({ number_id: Number(r.id), phone: r.phone })) };
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  });
  app.post<{ Body: { batch_id: string } }>('/bare/release', async (req) => {
    const r = await query(pool, 'bare-release', 'delete from leases where batch_id = $1', [req.body.batch_id]);
    return { released: r.rowCount };
  });
  // the results as rows of call_results, one multi-row insert (one statement, one transaction) a request
  const insertMany = async (company: string, results: BareResult[]) => {
    const now = Date.now();
    const r = await query(
      pool,
      'bare-results',
      `insert into call_results (company_id, number_id, phone, status, direction, started_at, duration_s, call_id, request_hash, created_at)
       select $1, n, '', s, 'outbound', a, d, c, '', $2
       from unnest($3::bigint[], $4::text[], $5::bigint[], $6::int[], $7::text[]) as t(n, s, a, d, c)`,
      [
        companies.get(company) ?? 0,
        now,
        results.map((x) => x.number_id),
        results.map((x) => x.status),
        results.map((x) => Date.parse(x.started_at)),
        results.map((x) => x.duration_s),
        results.map((x) => `bare-${x.call_id}`),
      ],
    );
    return r.rowCount ?? 0;
  };
  app.post<{ Body: BareResult & { company: string } }>('/bare/result', async (req, reply) => {
    reply.code(201);
    return { created: await insertMany(req.body.company, [req.body]) };
  });
  app.post<{ Body: { company: string; results: BareResult[] } }>('/bare/results', async (req) => {
    return { created: await insertMany(req.body.company, req.body.results) };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await pool.end();
    },
  };
}
