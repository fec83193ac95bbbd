import { Session } from 'node:inspector/promises';

/** The parts of the V8 CPU profile this file reads. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a stretch of the server's thread went, by kind of work: ms and share of the busy time. */
export interface Breakdown {
  title: string;
  /** busy time on the thread, ms (idle excluded) */
  busyMs: number;
  parts: { label: string; ms: number; share: number }[];
}

/** the bench's own frames: left out of the server's busy time */
const BENCH = 'the bench';

/**
 * Kinds of work, by the innermost frame that names one (a better-sqlite3 statement's time shows in the
 * JS function that ran it, so SQL is split by the core function that issued it). First match wins.
 */
const KINDS: [label: string, match: (fn: string, url: string) => boolean][] = [
  [BENCH, (_f, u) => u.includes('/test/bench/')],
  ['SQLite: BEGIN / COMMIT (WAL writes)', (_f, u) => u.includes('better-sqlite3/lib/methods/transaction')],
  // the engine layer runs BEGIN / COMMIT of the async transactions, and the statements of the code converted to it
  ['database layer: transactions and converted statements (db/engine)', (_f, u) => u.includes('/core/db/engine/')],
  // V8 inlines insertLeases into the transaction's closure, so the lease rows are told by their file
  ['leasing: the lease rows and the batch (leasing.ts)', (_f, u) => u.endsWith('/core/dialer/leasing.ts')],
  ['leasing: releasing and sweeping leases', (_f, u) => u.endsWith('/core/dialer/release.ts')],
  ['leasing: picking numbers (SQL and bitsets)', (_f, u) => /\/core\/dialer\/(lease-|bitset|pool-cache|list-cache|eligible)/.test(u)],
  ['leasing: the dialer registry and live state', (_f, u) => /\/core\/dialer\/(registry|state)\.ts$/.test(u)],
  ['leasing: company rules (schedule, pause, wallet, routing)', (_f, u) => /\/core\/(dialer|schedule|pause|settings|companies)\//.test(u)],
  ['recording: results and company calls', (_f, u) => /\/core\/(results|numbers|recycling|callbacks)\//.test(u)],
  ['recording: ledger and wallet', (_f, u) => u.includes('/core/billing/')],
  ['recording: dashboard rollup', (_f, u) => u.includes('/core/stats/')],
  ['events to the console', (_f, u) => u.includes('/core/events') || u.includes('/core/alerts/')],
  ['validation (zod)', (_f, u) => u.includes('node_modules/zod/')],
  ['JSON parse / stringify', (f, u) => u === '' && (f === 'parse' || f === 'stringify')],
  ['DialDesk HTTP layer (auth, limits, mapping)', (_f, u) => u.includes('/src-main/http/')],
  [
    'fastify and its plugins',
    (_f, u) => /node_modules\/(fastify|@fastify|find-my-way|light-my-request|avvio|fast-json-stringify|secure-json-parse)/.test(u),
  ],
  ['Node HTTP and sockets', (_f, u) => /node:(_http|http|net|stream|internal\/(http|streams|net|stream_base))/.test(u)],
  ['other core code', (_f, u) => u.includes('/src-main/core/')],
  ['garbage collection', (f) => f === '(garbage collector)'],
];

/**
 * Runs `fn` under V8's sampling profiler (every 100 µs) and answers its time by kind of work. Node's
 * HTTP work includes an in-process client's side where the bench calls the port from this process.
 */
export async function profileWhile(title: string, fn: () => Promise<void>): Promise<Breakdown> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    const failure = await fn().then(
      () => null,
      (err: unknown) => ({ err }),
    );
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    if (failure) throw failure.err;
    return classify(title, profile);
  } finally {
    session.disconnect();
  }
}

function classify(title: string, profile: CpuProfile): Breakdown {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const kindOf = new Map<number, string | null>();
  const kind = (id: number): string | null => {
    if (kindOf.has(id)) return kindOf.get(id)!;
    const { functionName, url } = byId.get(id)!.callFrame;
    if (functionName === '(idle)' || functionName === '(program)' || functionName === '(root)') return null;
    const own = KINDS.find(([, match]) => match(functionName, url))?.[0];
    const up = parent.get(id);
    const found = own ?? (up === undefined ? 'other (Node internals, timers)' : kind(up));
    kindOf.set(id, found);
    return found;
  };
  const ms = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const k = kind(id);
    if (k) ms.set(k, (ms.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  ms.delete(BENCH);
  const busyMs = [...ms.values()].reduce((a, b) => a + b, 0);
  const parts = [...ms].map(([label, t]) => ({ label, ms: t, share: t / busyMs })).sort((a, b) => b.ms - a.ms);
  return { title, busyMs, parts };
}
