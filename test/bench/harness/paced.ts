import { JsonClient } from './http';
import { resultItem, type LoadSummary, type PacedDialersPlan } from './load-plan';
import { nowMs, summarize } from './stats';

/** One dialer per company, each leasing, reporting and pausing in turn until stopped or out of time. */
export function runPaced(plan: PacedDialersPlan): { done: Promise<LoadSummary>; stop(): void } {
  let stopped = false;
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  let sent = 0;
  const started = nowMs();
  const until = started + plan.durationS * 1000;
  const timed = async <T>(fn: () => Promise<{ status: number; body: T }>): Promise<{ status: number; body: T } | null> => {
    const t = nowMs();
    try {
      const res = await fn();
      latencies.push(nowMs() - t);
      statusCodes[res.status] = (statusCodes[res.status] ?? 0) + 1;
      return res;
    } catch {
      errors++;
      return null;
    }
  };
  const dialer = async (company: string, n: number) => {
    const client = new JsonClient(plan.base, { authorization: `Bearer ${plan.keys[company]}` });
    // dialers do not start in step
    await sleep(Math.random() * plan.pauseMs);
    while (!stopped && nowMs() < until) {
      const batch = await timed(() =>
        client.call<{ numbers: { number_id: number }[] }>(
          'GET',
          `/api/v1/dialer/next-batch?company=${company}&size=${plan.batchSize}&dialer=paced-${n}`,
        ),
      );
      const numbers = batch?.status === 200 ? batch.body.numbers.map((x) => x.number_id) : [];
      if (numbers.length) {
        const results = numbers.map((id) => resultItem(id, `${plan.tag}-${n}-${sent++}`, plan.startedAt, plan.scenario, sent));
        await timed(() => client.call('POST', '/api/v1/dialer/report-results', { company, results }));
      }
      await sleep(plan.pauseMs * (0.5 + Math.random()));
    }
    client.close();
  };
  const done = Promise.all(plan.companies.map((c, i) => dialer(c, i))).then((): LoadSummary => {
    const s = summarize(latencies);
    const durationS = (nowMs() - started) / 1000;
    const ok = Object.entries(statusCodes)
      .filter(([c]) => c.startsWith('2'))
      .reduce((a, [, v]) => a + v, 0);
    return {
      durationS,
      requests: latencies.length + errors,
      ok,
      non2xx: latencies.length - ok,
      errors,
      timeouts: 0,
      rps: latencies.length / durationS,
      statusCodes,
      latency: { p50: s.p50, p99: s.p99, max: s.max, mean: s.mean },
    };
  });
  return { done, stop: () => (stopped = true) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
