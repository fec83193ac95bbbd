import type { Command } from 'commander';
import type { NextBatchAnswer, ReportResultsAnswer } from '../../../src-shared/contract/dialer';
import type { CallStatus } from '../../../src-shared/statuses';
import { AppError, badInput } from '../../core/errors';
import { intOption, printResult, type GlobalOptions } from '../io';
import { describeInbound, simulateInbound } from './simulate-inbound';

type Opts = GlobalOptions & { url: string; key: string; company: string; dialers: number; duration: number; batch: number; callMs: number };
type InboundOpts = GlobalOptions & {
  url: string;
  key: string;
  inbound?: boolean;
  did?: string;
  calls: number;
  concurrency: number;
  secret?: string;
  jambonzApiPort?: number;
  department?: string;
  withheld: string;
};

/** How often each status comes up on a real outbound campaign, roughly. */
const WEIGHTS: [CallStatus, number][] = [
  ['NO_ANSWER', 30],
  ['ANSWERED', 18],
  ['NOT_INTERESTED', 15],
  ['BUSY', 8],
  ['HANGUP', 6],
  ['INTERESTED', 5],
  ['CALLBACK', 5],
  ['FAILED', 4],
  ['POWER_OFF', 4],
  ['INVALID', 2],
  ['COMPLAINED', 1],
];
const TALKS = new Set<CallStatus>(['ANSWERED', 'NOT_INTERESTED', 'HANGUP', 'INTERESTED', 'CALLBACK', 'COMPLAINED']);

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description(
      'pretend to be on-site dialers (lease numbers, report results), or with --inbound a Jambonz sending inbound calls, against a running DialDesk',
    )
    .requiredOption('--url <url>', 'where DialDesk listens, e.g. http://127.0.0.1:8787')
    .requiredOption('--key <key>', 'an API key with the dialer scope (--inbound: the inbound scope)')
    .option('--company <slug>', 'the company to dial for')
    .option('--inbound', "play Jambonz's webhooks for inbound calls instead of dialers")
    .option('--did <phone>', '--inbound: the number the calls are to')
    .option('--calls <n>', '--inbound: how many calls', intOption('calls'), 10)
    .option('--concurrency <n>', '--inbound: calls at the same time', intOption('concurrency'), 4)
    .option('--secret <secret>', "--inbound: sign the webhooks with this Jambonz account's webhook secret")
    .option(
      '--jambonz-api-port <port>',
      "--inbound: also act as Jambonz's REST API on this loopback port (0: any), carrying out live transfers",
      intOption('jambonz-api-port'),
    )
    .option('--department <name>', '--inbound: the department the caller asks the AI for (default: the first it offers)')
    .option('--withheld <share>', '--inbound: share of callers who withhold their number, 0 to 1', '0.2')
    .option('--dialers <n>', 'dialers running side by side', intOption('dialers'), 3)
    .option('--duration <s>', 'seconds to run', intOption('duration'), 30)
    .option('--batch <n>', 'numbers asked for per batch (1-1000)', intOption('batch'), 50)
    .option('--call-ms <ms>', 'how long one simulated call takes', intOption('call-ms'), 20)
    .action(async (_o, cmd: Command) => {
      if (cmd.optsWithGlobals<InboundOpts>().inbound) return simulateInboundCommand(cmd.optsWithGlobals<InboundOpts>());
      const opts = cmd.optsWithGlobals<Opts>();
      if (!opts.company) throw badInput('--company is required to simulate dialers');
      if (opts.dialers < 1 || opts.dialers > 100) throw badInput('--dialers is 1 to 100');
      if (opts.duration < 1) throw badInput('--duration is at least 1 second');
      if (opts.batch < 1 || opts.batch > 1000) throw badInput('--batch is 1 to 1000');
      if (!/^https?:\/\//.test(opts.url)) throw badInput('--url starts with http:// or https://');
      const summary = await simulate(opts);
      printResult(opts, { summary }, describe(opts, summary));
    });
}

async function simulateInboundCommand(opts: InboundOpts): Promise<void> {
  if (!opts.did) throw badInput('--inbound needs --did: the number the calls are to');
  if (opts.calls < 1 || opts.calls > 10_000) throw badInput('--calls is 1 to 10000');
  if (opts.concurrency < 1 || opts.concurrency > 100) throw badInput('--concurrency is 1 to 100');
  if (!/^https?:\/\//.test(opts.url)) throw badInput('--url starts with http:// or https://');
  const withheld = Number(opts.withheld);
  if (!(withheld >= 0 && withheld <= 1)) throw badInput('--withheld is a share from 0 to 1, such as 0.2');
  const options = {
    url: opts.url,
    key: opts.key,
    did: opts.did,
    calls: opts.calls,
    concurrency: opts.concurrency,
    secret: opts.secret,
    restPort: opts.jambonzApiPort,
    department: opts.department,
    withheld,
  };
  const summary = await simulateInbound(options);
  printResult(opts, { summary }, describeInbound(options, summary));
}

export interface SimulationSummary {
  seconds: number;
  batches: number;
  leased: number;
  reported: number;
  released: number;
  byStatus: Partial<Record<CallStatus, number>>;
  charged: number;
  walletBalance: number | null;
  blocked: Record<string, number>;
  errors: number;
  latencyMs: { nextBatchP50: number; nextBatchP99: number; reportP50: number; reportP99: number };
}

export async function simulate(
  opts: Pick<Opts, 'url' | 'key' | 'company' | 'dialers' | 'duration' | 'batch' | 'callMs'>,
): Promise<SimulationSummary> {
  const base = opts.url.replace(/\/+$/, '');
  const s: SimulationSummary = {
    seconds: 0,
    batches: 0,
    leased: 0,
    reported: 0,
    released: 0,
    byStatus: {},
    charged: 0,
    walletBalance: null,
    blocked: {},
    errors: 0,
    latencyMs: { nextBatchP50: 0, nextBatchP99: 0, reportP50: 0, reportP99: 0 },
  };
  const lat = { next: [] as number[], report: [] as number[] };
  const started = Date.now();
  const deadline = started + opts.duration * 1000;

  async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown, times?: number[]): Promise<T> {
    const t = performance.now();
    const res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${opts.key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    }).catch((err: unknown) => {
      throw new AppError(
        'INTERNAL',
        `cannot reach ${base}: ${err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err)}`,
      );
    });
    times?.push(performance.now() - t);
    const answer = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
    if (res.status === 401 || res.status === 403)
      throw new AppError(res.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN', answer.error?.message ?? `HTTP ${res.status}`);
    if (res.status >= 400) throw new Error(`${path}: HTTP ${res.status} ${answer.error?.message ?? ''}`);
    return answer as T;
  }

  await api('POST', '/api/v1/dialer/register-scenarios', {
    company: opts.company,
    scenarios: [{ key: 'sim-outbound', name: 'Simulated outbound', description: 'registered by dialdesk simulate' }],
  });

  async function dialer(n: number): Promise<void> {
    const dialerId = `sim-${n}`;
    let round = 0;
    while (Date.now() < deadline) {
      let batch: NextBatchAnswer;
      try {
        batch = await api<NextBatchAnswer>(
          'GET',
          `/api/v1/dialer/next-batch?company=${encodeURIComponent(opts.company)}&size=${opts.batch}&dialer=${dialerId}`,
          undefined,
          lat.next,
        );
      } catch (err) {
        if (err instanceof AppError) throw err;
        s.errors++;
        await sleep(500);
        continue;
      }
      s.walletBalance = batch.wallet.balance;
      if (batch.blocked) {
        s.blocked[batch.blocked.reason] = (s.blocked[batch.blocked.reason] ?? 0) + 1;
        await sleep(Math.min(1000, deadline - Date.now()));
        continue;
      }
      s.batches++;
      s.leased += batch.numbers.length;
      // a dialer sometimes stops early (shift change, trunk trouble) and hands the rest back
      const stopAt = Math.random() < 0.1 ? Math.floor(batch.numbers.length / 2) : batch.numbers.length;
      const calls = batch.numbers.slice(0, stopAt);
      await sleep(opts.callMs * Math.max(1, Math.ceil(calls.length / 10)));
      const scenario = pick(batch.active_scenarios)?.key ?? 'sim-outbound';
      const results = calls.map((num, i) => {
        const status = weighted();
        return {
          call_id: `${dialerId}-${started}-${round}-${i}`,
          number_id: num.number_id,
          batch_id: batch.batch_id ?? undefined,
          scenario,
          outbound_line_id: pick(batch.outbound_lines)?.id ?? null,
          agent_id: TALKS.has(status) ? (pick(batch.outbound_agents)?.id ?? null) : null,
          status,
          started_at: new Date(Date.now() - 60_000).toISOString(),
          duration_s: TALKS.has(status) ? 5 + Math.floor(Math.random() * 300) : 0,
          ...(status === 'INTERESTED' && { data: { lead: { interest: 'high', note: 'wants a call back with prices' } } }),
          ...(TALKS.has(status) && { transcript: 'agent: Hello, this is a simulated call.\ncustomer: Hello.' }),
        };
      });
      round++;
      try {
        if (results.length) {
          const answer = await api<ReportResultsAnswer>(
            'POST',
            '/api/v1/dialer/report-results',
            { company: opts.company, results },
            lat.report,
          );
          for (const [i, r] of answer.results.entries()) {
            if (r.outcome === 'rejected') s.errors++;
            else {
              s.reported++;
              s.charged += r.charged ?? 0;
              s.byStatus[results[i].status] = (s.byStatus[results[i].status] ?? 0) + 1;
            }
          }
          s.walletBalance = answer.wallet_balance;
        }
        if (stopAt < batch.numbers.length && batch.batch_id) {
          s.released += (
            await api<{ released: number }>('POST', '/api/v1/dialer/release', { company: opts.company, batch_id: batch.batch_id })
          ).released;
        }
      } catch (err) {
        if (err instanceof AppError) throw err;
        s.errors++;
      }
    }
  }

  await Promise.all(Array.from({ length: opts.dialers }, (_, i) => dialer(i + 1)));
  s.seconds = Math.round((Date.now() - started) / 100) / 10;
  s.latencyMs = {
    nextBatchP50: pct(lat.next, 50),
    nextBatchP99: pct(lat.next, 99),
    reportP50: pct(lat.report, 50),
    reportP99: pct(lat.report, 99),
  };
  return s;
}

function weighted(): CallStatus {
  const total = WEIGHTS.reduce((a, [, w]) => a + w, 0);
  let r = Math.random() * total;
  for (const [status, w] of WEIGHTS) if ((r -= w) < 0) return status;
  return 'NO_ANSWER';
}
const pick = <T>(list: T[]): T | undefined => list[Math.floor(Math.random() * list.length)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
function pct(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
}

function describe(opts: Opts, s: SimulationSummary): string {
  const rate = s.seconds ? Math.round(s.reported / s.seconds) : 0;
  const lines = [
    `${opts.dialers} dialers for ${s.seconds} s against ${opts.url} (${opts.company})`,
    `  batches ${s.batches}, numbers leased ${s.leased}, results reported ${s.reported} (${rate}/s), released ${s.released}, errors ${s.errors}`,
    `  by status: ${
      Object.entries(s.byStatus)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none'
    }`,
    `  charged ${s.charged}; wallet now ${s.walletBalance ?? '?'}`,
    `  next-batch p50 ${s.latencyMs.nextBatchP50} ms, p99 ${s.latencyMs.nextBatchP99} ms; report p50 ${s.latencyMs.reportP50} ms, p99 ${s.latencyMs.reportP99} ms`,
  ];
  if (Object.keys(s.blocked).length)
    lines.push(
      `  blocked answers: ${Object.entries(s.blocked)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  const hints: Record<string, string> = {
    no_active_scenarios: 'no scenario is active: the simulator registered "sim-outbound"; a supervisor activates it on the Scenarios page',
    outside_schedule: 'the company is outside its hours: `dialdesk schedule set --company ... --open-24x7` for a test company',
    insufficient_balance: 'the wallet cannot pay for a call: `dialdesk wallet topup --company ... --amount N`',
    pool_exhausted: 'no number left to dial: `dialdesk numbers import FILE`',
    company_inactive: 'the company is switched off in the console',
  };
  for (const reason of Object.keys(s.blocked)) if (hints[reason]) lines.push(`  hint: ${hints[reason]}`);
  return lines.join('\n');
}
