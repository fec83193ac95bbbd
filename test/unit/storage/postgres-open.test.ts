import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../migrations';
import { closeDatabase, openPostgresDatabase } from '../../../src-main/core/db/connection';
import { safeUrl } from '../../../src-main/core/db/postgres-url';
import { EventBus } from '../../../src-main/core/events';
import { pack, shareEvents } from '../../../src-main/core/shared-events';
import { silentLog } from '../../../src-main/core/log/log';
import type { EventMap } from '../../../src-shared/events';
import { postgresBin, startPostgres, type TestPostgres } from '../../world/postgres';

/**
 * A desk pointed at a PostgreSQL (DESIGN.md §10) checks it before writing anything: a wrong URL, a
 * database of another app and a schema from a newer DialDesk are clear errors that leave it as it was.
 * Live events cross from one desk to the others through NOTIFY.
 */
const available = postgresBin() !== null;
if (!available && process.env.CI) throw new Error('PostgreSQL is not installed, and CI must run the PostgreSQL tests');
if (!available) console.log('opening PostgreSQL: skipped, no PostgreSQL installed here (.ci/run installs it)');

let server: TestPostgres;
let n = 0;
const freshDatabase = () => {
  const name = `open_${++n}`;
  server.createDatabase(name);
  return server.url(name);
};
const tablesIn = async (url: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ t: string }>(
      "select table_name as t from information_schema.tables where table_schema = 'public'",
    );
    return rows.map((r) => r.t).sort();
  } finally {
    await client.end();
  }
};
const sqlOn = async (url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
};

beforeAll(async () => {
  if (available) server = await startPostgres();
}, 60_000);
afterAll(() => server?.stop());

describe.skipIf(!available)('opening a shared PostgreSQL', () => {
  it('migrates an empty database, and opens it again as it is', async () => {
    const url = freshDatabase();
    const db = await openPostgresDatabase(url);
    expect(db.engine).toBe('postgres');
    expect(await db.value<number>('select count(*) from kysely_migration')).toBe(Object.keys(MIGRATIONS).length);
    await closeDatabase(db);
    const again = await openPostgresDatabase(url);
    expect(await again.value<number>('select count(*) from companies')).toBe(0);
    await closeDatabase(again);
  });

  it('two desks starting at once on an empty database migrate it once', async () => {
    const url = freshDatabase();
    const [a, b] = await Promise.all([openPostgresDatabase(url), openPostgresDatabase(url)]);
    expect(await a.value<number>('select count(*) from kysely_migration')).toBe(Object.keys(MIGRATIONS).length);
    await Promise.all([closeDatabase(a), closeDatabase(b)]);
  });

  it('refuses what is not a postgres:// URL, naming the setting', async () => {
    await expect(openPostgresDatabase('mysql://x@localhost/db')).rejects.toThrow(
      /--database: "mysql:\/\/x@localhost\/db" is not a postgres:\/\/ URL/,
    );
    await expect(openPostgresDatabase('postgres://', 'desk setting')).rejects.toThrow(/desk setting/);
  });

  it('says why it cannot reach the server, without the password', async () => {
    // a port where nothing listens: the server's own port plus one is not one it opened
    const wrongPort = `postgres://postgres:s3cret@127.0.0.1:${server.port + 1}/x`;
    const err = await openPostgresDatabase(wrongPort).catch((e: Error) => e);
    expect(String(err)).toMatch(/cannot open postgres:\/\/postgres@127\.0\.0\.1:\d+\/x: nothing answers there/);
    expect(String(err)).not.toContain('s3cret');
    await expect(openPostgresDatabase(server.url('no_such_database'))).rejects.toThrow(/that database does not exist/);
  });

  it("refuses another application's database and writes nothing into it", async () => {
    const url = freshDatabase();
    await sqlOn(url, 'create table invoices (id int primary key)');
    await expect(openPostgresDatabase(url)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/another application's tables \(invoices\)/),
    });
    expect(await tablesIn(url)).toEqual(['invoices']);
  });

  it('refuses a schema a newer DialDesk wrote, and writes nothing', async () => {
    const url = freshDatabase();
    await closeDatabase(await openPostgresDatabase(url));
    await sqlOn(url, "insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01')");
    const before = await sqlOn(url, 'select count(*)::int as n from kysely_migration');
    await expect(openPostgresDatabase(url)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/newer DialDesk \(9999_from_the_future\)/),
    });
    expect(await sqlOn(url, 'select count(*)::int as n from kysely_migration')).toEqual(before);
  });

  it('hides the password of a URL it shows', () => {
    expect(safeUrl('postgres://desk:pw@db.example:5432/dialdesk')).toBe('postgres://desk@db.example:5432/dialdesk');
    expect(safeUrl('postgres://db.example/dialdesk')).toBe('postgres://db.example/dialdesk');
  });
});

describe.skipIf(!available)('live events between desks', () => {
  it("a desk's events reach the other desks once, and never come back to the one that sent them", async () => {
    const url = freshDatabase();
    const logger = silentLog().logger;
    const pools = [new pg.Pool({ connectionString: url, max: 2 }), new pg.Pool({ connectionString: url, max: 2 })];
    const buses = [new EventBus(), new EventBus()];
    const seen: [string, unknown][][] = [[], []];
    buses.forEach((bus, i) => bus.subscribe((event, payload) => seen[i]!.push([event, payload])));
    const shared = await Promise.all(buses.map((bus, i) => shareEvents(bus, pools[i]!, url, logger)));
    try {
      const wallet: EventMap['wallet.changed'] = { companyId: 7, balance: 1234, currency: 'EUR' };
      buses[0]!.emit('wallet.changed', wallet);
      for (let i = 0; i < 300; i++) buses[0]!.emit('company.changed', { companyId: i });
      buses[0]!.emit('upload.progress', { name: 'a.csv', sent: 1, total: 2 });
      await expect.poll(() => seen[1]!.length, { timeout: 5_000 }).toBe(301);
      expect(seen[1]![0]).toEqual(['wallet.changed', wallet]);
      expect(seen[1]!.at(-1)).toEqual(['company.changed', { companyId: 299 }]);
      // an upload's progress is the page's own, and desk A heard each of its events once, from itself
      expect(seen[1]!.some(([e]) => e === 'upload.progress')).toBe(false);
      await new Promise((r) => setTimeout(r, 200));
      expect(seen[0]!.length).toBe(302);
    } finally {
      await Promise.all(shared.map((s) => s.stop()));
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('packs a burst into notifications under the 8,000-byte limit, in order', () => {
    const events = Array.from({ length: 500 }, (_, i) => ['company.changed', { companyId: i }] as ['company.changed', unknown]);
    const out = pack('desk', events);
    expect(out.length).toBeGreaterThan(1);
    for (const p of out) expect(Buffer.byteLength(p)).toBeLessThan(8_000);
    expect(out.flatMap((p) => (JSON.parse(p) as { e: [string, { companyId: number }][] }).e.map(([, x]) => x.companyId))).toEqual(
      events.map(([, x]) => (x as { companyId: number }).companyId),
    );
  });
});
