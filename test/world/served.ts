import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Queries } from '../../src-main/core/db/engine/queries';
import { cliProcess, ROOT, spawnServe } from './process';
import { freshTestDatabase, testEngine } from './engine';
import { databaseReader } from './reader';

/**
 * A real `dialdesk serve` child process on a free loopback port, and the clients an on-site
 * integrator has: the CLI (on the same data dir), the HTTP API with a bearer key, and — for setup
 * steps the CLI does not offer (activating scenarios, lines, agents) — the console's RPC bridge, as
 * the headless console in a browser would use it.
 */

export interface CliAnswer {
  exitCode: number | null;
  [key: string]: any;
}

export interface ApiAnswer {
  status: number;
  contentType: string;
  /** parsed JSON, or undefined when the body is not JSON */
  body: any;
  text: string;
  /** the answer's id (x-request-id), which its log lines carry too */
  requestId?: string | null;
}

export interface Serve {
  url: string;
  dataDir: string;
  /** `dialdesk <args> --data-dir <this dir> --json`, parsed; fails unless it exits 0 */
  cli(args: string[]): Promise<CliAnswer>;
  /** one HTTP request; a body that is a string is sent as is (content-type still JSON unless given) */
  api(
    method: string,
    path: string,
    options?: { key?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiAnswer>;
  /** a console channel through the headless RPC bridge, signed in as the site owner; throws unless ok */
  rpc(channel: string, arg?: unknown): Promise<any>;
  /** writes a file in the data dir's scratch area and answers its path */
  file(name: string, text: string): string;
  /** what the server wrote on stderr so far (its log) */
  stderr(): string;
  /** SIGTERM and wait for the exit (idempotent) */
  stop(): Promise<void>;
  /** the console's live event stream (/rpc/events), signed in as the site owner, collected as it comes */
  follow(): Promise<{ seen: { event: string; data: any }[]; close(): void }>;
  /** SIGKILL, as the OOM killer or a pulled plug would end it, and wait for the exit */
  crash(): Promise<void>;
  /** the SQLite file, read-only (call after stop); SQLite only: read() works on both engines */
  openDb(): Database.Database;
  /**
   * What the desk wrote, read through the engine layer while it runs or after it stopped: its SQLite
   * file (read-only; WAL lets a reader look beside the server) or its PostgreSQL database.
   */
  read<T>(fn: (q: Queries) => Promise<T>): Promise<T>;
  /** stop and remove the data dir */
  dispose(): Promise<void>;
}

/**
 * One HTTP/1.1 request on a plain socket, for what fetch hides. `waitBeforeBody` sends the headers,
 * then waits that long for an early answer (413 judged on Content-Length) before sending the body:
 * a server that closes with an unread body resets the connection, and the answer can be lost.
 * `cutAfter` writes that many bytes of the body and then destroys the socket: a client that goes
 * away mid-request (answers null).
 */
export function rawRequest(
  url: string,
  request: { method: string; path: string; key?: string; body: string | Buffer; waitBeforeBody?: number; cutAfter?: number },
): Promise<ApiAnswer | null> {
  const { hostname, port, host } = new URL(url);
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body);
  return new Promise((resolveRaw, reject) => {
    const socket = connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    socket.on('error', () => undefined); // EPIPE/ECONNRESET once the server has answered early
    socket.setTimeout(30_000, () => socket.destroy(new Error('no answer in 30 s')));
    socket.on('data', (d) => (received = Buffer.concat([received, d])));
    const head = [
      `${request.method} ${request.path} HTTP/1.1`,
      `Host: ${host}`,
      'Content-Type: application/json',
      `Content-Length: ${body.length}`,
      'Connection: close',
      ...(request.key ? [`Authorization: Bearer ${request.key}`] : []),
    ].join('\r\n');
    socket.write(`${head}\r\n\r\n`);
    if (request.cutAfter !== undefined) {
      socket.write(body.subarray(0, request.cutAfter), () => {
        socket.destroy();
        resolveRaw(null);
      });
      return;
    }
    if (request.waitBeforeBody === undefined) socket.write(body);
    else setTimeout(() => received.length === 0 && !socket.destroyed && socket.write(body), request.waitBeforeBody);
    socket.on('close', () => {
      const text = received.toString('utf8');
      const match = /^HTTP\/1\.1 (\d{3})[^\r]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(text);
      if (!match) return reject(new Error(`no HTTP answer: ${text.slice(0, 200)}`));
      const contentType = /^content-type:\s*(.*)$/im.exec(match[2])?.[1].trim() ?? '';
      resolveRaw({ status: Number(match[1]), contentType, body: parseJson(match[3]), text: match[3] });
    });
  });
}

/** `dialdesk <args> --data-dir <dir> --json`; fails unless it exits 0 with one JSON object. */
export function runCli(dataDir: string, args: string[]): Promise<CliAnswer> {
  return new Promise((resolveRun, reject) => {
    const cli = cliProcess([...args, '--data-dir', dataDir, '--json']);
    const child = spawn(cli.command, cli.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.once('exit', (code) => {
      const answer = parseJson(out.trim().split('\n').pop() ?? '');
      if (code === 0 && answer) resolveRun({ exitCode: code, ...answer });
      else reject(new Error(`dialdesk ${args.join(' ')} exited ${code}: ${out} ${err}`));
    });
  });
}

function parseJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * `database`: a PostgreSQL URL the desk runs on (several desks may share it); in the `postgres` test
 * project each serve gets a fresh database of its own unless one is given, dropped by dispose().
 */
export async function startServe(options: { database?: string } = {}): Promise<Serve> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dialdesk-contract-'));
  const own = !options.database && testEngine() === 'postgres' ? await freshTestDatabase() : null;
  const database = options.database ?? own?.url;
  const onDatabase = database ? ['--database', database] : [];
  let stderr = '';
  const { child, url } = await spawnServe(dataDir, ['--host', '127.0.0.1', '--quiet', ...onDatabase], {
    timeoutMs: 40_000,
    onStderr: (chunk) => (stderr += chunk),
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const written = databaseReader({ url: database, file: join(dataDir, 'dialdesk.sqlite') });
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`serve is not on loopback: ${url}`);

  let session: string | null = null;
  const invoke = async (channel: string, arg: unknown) => {
    const res = await fetch(`${url}/rpc/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(session ? { 'x-dialdesk-session': session } : {}) },
      body: JSON.stringify({ channel, arg }),
    });
    const issued = res.headers.get('x-dialdesk-session');
    if (issued) session = issued;
    return (await res.json()) as { ok: boolean; value?: any; error?: { code: string; message: string } };
  };

  const serve: Serve = {
    url,
    dataDir,
    cli: (args) => runCli(dataDir, [...args, ...onDatabase]),
    async api(method, path, options = {}) {
      const headers: Record<string, string> = {};
      if (options.key) headers.authorization = `Bearer ${options.key}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      Object.assign(headers, options.headers ?? {});
      const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      const res = await fetch(url + path, { method, headers, body });
      const text = await res.text();
      return {
        status: res.status,
        contentType: res.headers.get('content-type') ?? '',
        body: parseJson(text),
        text,
        requestId: res.headers.get('x-request-id'),
      };
    },
    async rpc(channel, arg = {}) {
      if (!session) {
        const setup = await invoke('auth.setup', { username: 'siteowner', password: 'contract-pass-1' });
        if (!setup.ok) {
          const login = await invoke('auth.login', { username: 'siteowner', password: 'contract-pass-1' });
          if (!login.ok) throw new Error(`console sign-in failed: ${JSON.stringify(login.error)}`);
        }
      }
      const answer = await invoke(channel, arg);
      if (!answer.ok) throw new Error(`${channel} failed: ${JSON.stringify(answer.error)}`);
      return answer.value;
    },
    stderr: () => stderr,
    async follow() {
      await serve.rpc('app.state'); // signs in
      const stop = new AbortController();
      const res = await fetch(`${url}/rpc/events`, { headers: { 'x-dialdesk-session': session! }, signal: stop.signal });
      const seen: { event: string; data: any }[] = [];
      void (async () => {
        const reader = res.body!.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return;
            buffer += decoder.decode(value, { stream: true });
            for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const event = /^event: (.*)$/m.exec(block)?.[1];
              const data = /^data: (.*)$/m.exec(block)?.[1];
              if (event && data) seen.push({ event, data: JSON.parse(data) });
            }
          }
        } catch {
          // closed
        }
      })();
      return { seen, close: () => stop.abort() };
    },
    file(name, text) {
      const path = join(dataDir, `input-${name}`);
      writeFileSync(path, text);
      return path;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
    async crash() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
    openDb() {
      return new Database(join(dataDir, 'dialdesk.sqlite'), { readonly: true, fileMustExist: true });
    },
    read: (fn) => written.read(fn),
    async dispose() {
      await serve.stop();
      await written.close();
      await own?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return serve;
}

// ---------------------------------------------------------------------------------------------
// A dialing world set up the way a site owner would: companies, wallets, hours, scenarios and
// keys through the console; numbers imported as a file written without the country code.

export interface CompanySpec {
  slug: string;
  currency?: string;
  timezone?: string;
  costPerBillable?: number;
  /** opening top-up, minor units (none when 0) */
  balance?: number;
  /** active scenarios to create (default ['sales']) */
  scenarios?: string[];
  /** open every day all day (default true) */
  open24x7?: boolean;
}

export interface ServedWorld {
  s: Serve;
  /** company slug -> id */
  ids: Record<string, number>;
  /** company slug -> a dialer key for it; 'site' -> a site-wide dialer key */
  keys: Record<string, string>;
  /** every imported number, E.164, in file order */
  phones: string[];
}

export const ALL_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => ({ day, start: '00:00', end: '24:00' }));

/** Berlin numbers as a person writes them ("030 5550 0007"), and their E.164 form. */
export function berlinNumbers(count: number, from = 0): { lines: string[]; phones: string[] } {
  const digits = Array.from({ length: count }, (_, i) => String(from + i).padStart(4, '0'));
  return { lines: digits.map((d) => `030 5550 ${d}`), phones: digits.map((d) => `+49305550${d}`) };
}

export async function addCompany(s: Serve, spec: CompanySpec): Promise<{ id: number; key: string }> {
  const company = await s.rpc('companies.create', {
    slug: spec.slug,
    name: spec.slug.toUpperCase(),
    currency: spec.currency ?? 'EUR',
    timezone: spec.timezone ?? 'UTC',
    costPerBillable: spec.costPerBillable ?? 50,
  });
  const id = company.id as number;
  await Promise.all([
    spec.balance ? s.rpc('billing.topup', { companyId: id, amount: spec.balance }) : null,
    spec.open24x7 === false ? null : s.rpc('schedule.set', { companyId: id, windows: ALL_DAY }),
    ...(spec.scenarios ?? ['sales']).map((key) => s.rpc('scenarios.create', { companyId: id, key, name: `Scenario ${key}` })),
  ]);
  const { key } = await s.rpc('apikeys.create', { companyId: id, name: `${spec.slug} dialer`, scopes: ['dialer'] });
  return { id, key };
}

export async function importNumbers(s: Serve, count: number, from = 0): Promise<string[]> {
  const { lines, phones } = berlinNumbers(count, from);
  const report = await s.rpc('numbers.import', { content: lines.join('\n') + '\n', region: 'DE', source: `contract-${from}` });
  if (report.added !== count) throw new Error(`import added ${report.added} of ${count}: ${JSON.stringify(report).slice(0, 500)}`);
  return phones;
}

export async function servedWorld(options: { companies: CompanySpec[]; numbers: number }): Promise<ServedWorld> {
  const s = await startServe();
  const ids: Record<string, number> = {};
  const keys: Record<string, string> = {};
  for (const spec of options.companies) {
    const { id, key } = await addCompany(s, spec);
    ids[spec.slug] = id;
    keys[spec.slug] = key;
  }
  keys.site = (await s.rpc('apikeys.create', { companyId: null, name: 'site dialer', scopes: ['dialer'] })).key;
  const phones = options.numbers > 0 ? await importNumbers(s, options.numbers) : [];
  return { s, ids, keys, phones };
}

/** What the dialer API writes, on either engine (see Serve.read). */
export function snapshot(s: Serve): Promise<Record<string, unknown>> {
  return s.read(async (q) => {
    const one = (sql: string) => q.value<number>(sql);
    // rows as text in a fixed order, so two snapshots compare equal exactly when nothing changed
    const rows = async (sql: string) => (await q.all<Record<string, unknown>>(sql)).map((r) => Object.values(r).join(':')).join(',');
    return {
      results: await one('select count(*) from call_results'),
      ledger: await rows('select count(*), coalesce(sum(amount), 0) from ledger_entries'),
      balances: await rows('select slug, wallet_balance from companies order by id'),
      leases: await one('select count(*) from leases'),
      companyCalls: await one('select count(*) from company_calls'),
      numbers: await rows('select global_status, count(*) from numbers group by global_status order by global_status'),
      lastCalled: await rows('select coalesce(sum(last_called_at), 0), coalesce(sum(last_called_company_id), 0) from numbers'),
      scenarios: await rows('select key, name, is_active from scenarios order by id'),
    };
  });
}
