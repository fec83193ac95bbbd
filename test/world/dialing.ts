import { CLI_ACTOR } from '../../src-main/core/audit/audit';
import { createApiKey } from '../../src-main/core/apikeys/apikeys';
import { topUp } from '../../src-main/core/billing/wallet';
import { setSchedule, OPEN_24X7 } from '../../src-main/core/schedule/schedule';
import { startPort, type PortOptions, type RunningPort } from '../../src-main/http/port';
import type { ApiScope } from '../../src-shared/contract/apikeys';
import { makeTestCore, manualClock, seedCompanies, seedWorld, type TestCore, type World } from './core';

/** Monday 2 March 2026, 10:00 UTC: inside office hours in Berlin and New York alike. */
export const MONDAY_10Z = Date.parse('2026-03-02T10:00:00Z');

export interface DialerWorld {
  core: TestCore;
  /** the companies; users (superuser, admin/supervisor/viewer of acme) only with `users: true` */
  w: Pick<World, 'companyA' | 'companyB'> & Partial<World>;
  clock: ReturnType<typeof manualClock>;
  port: RunningPort;
  /** dialer keys of acme and globex, and a site-wide one */
  keys: { a: string; b: string; site: string };
  /** ids of numbers added to the pool, in order */
  numberIds: number[];
  phones: string[];
  api(method: 'GET' | 'POST', path: string, body?: unknown, key?: string | null): Promise<{ status: number; body: any }>;
  /** the same request, with the answer's headers */
  exchange(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    key?: string | null,
  ): Promise<{ status: number; body: any; headers: Headers }>;
  /** rows of `table` where `where` holds (SQL both engines take) */
  count(table: string, where?: string): Promise<number>;
  close(): Promise<void>;
}

/** A valid US number per index: +1 212 555 0000 + i, then other exchanges. */
export const phoneOf = (i: number): string => `+1212${String(2000000 + i).padStart(7, '0')}`;

/**
 * Two companies open 24x7 with an active scenario "sales" and money in the wallet, dialer keys for
 * each, `numbers` numbers in the pool, and the real HTTP port on an ephemeral loopback port.
 */
export async function dialerWorld(
  options: {
    numbers?: number;
    balance?: number;
    start?: number;
    users?: boolean;
    /** more port options: a logger, timeouts, the console (which needs the core) */
    port?: Partial<PortOptions> | ((core: TestCore) => Partial<PortOptions>);
  } = {},
): Promise<DialerWorld> {
  const clock = manualClock(options.start ?? MONDAY_10Z);
  const core = await makeTestCore({ clock: clock.clock });
  // seedWorld's companies, without hashing four passwords when a test needs no user
  const w: DialerWorld['w'] = options.users ? await seedWorld(core) : await seedCompanies(core);
  const now = clock.clock();
  for (const companyId of [w.companyA, w.companyB]) {
    await setSchedule(core.db, CLI_ACTOR, { companyId, windows: OPEN_24X7, exceptions: [] }, now);
    await core.db.run(
      "insert into scenarios (company_id, key, name, is_active, created_at, updated_at) values (?, 'sales', 'Sales', 1, ?, ?)",
      [companyId, now, now],
    );
    if ((options.balance ?? 100_000) > 0) await topUp(core.db, CLI_ACTOR, { companyId, amount: options.balance ?? 100_000 }, now);
  }
  const key = async (companyId: number | null, scopes: ApiScope[] = ['dialer']) =>
    (await createApiKey(core.db, CLI_ACTOR, { companyId, name: 'test', scopes }, now)).key;
  const keys = { a: await key(w.companyA), b: await key(w.companyB), site: await key(null, ['dialer', 'inbound']) };
  const phones = Array.from({ length: options.numbers ?? 20 }, (_, i) => phoneOf(i));
  const numberIds = await core.db.transaction(async (tx) => {
    const ids: number[] = [];
    for (const p of phones) {
      ids.push(
        Number(await tx.value<number>("insert into numbers (phone, imported_at, source) values (?, ?, 'test') returning id", [p, now])),
      );
    }
    return ids;
  });
  const more = typeof options.port === 'function' ? options.port(core) : options.port;
  const port = await startPort(core, { host: '127.0.0.1', port: 0, ...more });
  const exchange: DialerWorld['exchange'] = async (method, path, body, k = keys.a) => {
    const res = await fetch(port.url + path, {
      method,
      headers: { ...(k ? { authorization: `Bearer ${k}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as any, headers: res.headers };
  };
  return {
    core,
    w,
    clock,
    port,
    keys,
    numberIds,
    phones,
    exchange,
    async api(method, path, body, key) {
      const { status, body: answer } = await exchange(method, path, body, key);
      return { status, body: answer };
    },
    async count(table, where = '1 = 1') {
      return Number(await core.db.value<number>(`select count(*) from ${table} where ${where}`));
    },
    async close() {
      await port.close();
      await core.dispose();
    },
  };
}

/** A report-result body with sensible defaults. */
export function report(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    company: 'acme',
    call_id: `call-${Math.random().toString(36).slice(2)}`,
    scenario: 'sales',
    status: 'ANSWERED',
    started_at: '2026-03-02T09:59:00Z',
    duration_s: 42,
    ...over,
  };
}
