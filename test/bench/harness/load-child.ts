import autocannon from 'autocannon';
import { resultItem, type CrowdSummary, type LoadPlan, type LoadSummary, type ReportPlan } from './load-plan';
import { runCrowd } from './crowd';
import { runPaced } from './paced';

/**
 * The HTTP load generator, in its own process so that building requests and parsing answers does
 * not run on the server's event loop (whose stalls the bench measures) and gets its own core.
 */
let current: { stop(): void } | null = null;

process.on('message', (message: LoadPlan | 'stop') => {
  if (message === 'stop') {
    current?.stop();
    return;
  }
  run(message).then(
    (summary) => process.send?.({ ok: true, summary }, () => process.exit(0)),
    (err: unknown) => process.send?.({ ok: false, error: String((err as Error)?.stack ?? err) }, () => process.exit(1)),
  );
});

async function run(plan: LoadPlan): Promise<LoadSummary | CrowdSummary> {
  if (plan.kind === 'paced-dialers' || plan.kind === 'crowd') {
    const running = plan.kind === 'crowd' ? runCrowd(plan) : runPaced(plan);
    current = running;
    return running.done;
  }
  const requests = reportRequests(plan);
  const instance = autocannon({
    url: plan.base,
    connections: plan.connections,
    duration: plan.durationS,
    requests,
    timeout: 30,
  });
  current = instance;
  const result = await instance;
  const statusCodes: Record<string, number> = {};
  for (const [code, v] of Object.entries((result as any).statusCodeStats ?? {})) statusCodes[code] = Number((v as any).count);
  const ok = Object.entries(statusCodes)
    .filter(([c]) => c.startsWith('2'))
    .reduce((a, [, n]) => a + n, 0);
  return {
    durationS: result.duration,
    requests: result.requests.total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    rps: result.requests.average,
    statusCodes,
    latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max, mean: result.latency.average },
  };
}

function reportRequests(plan: ReportPlan): any[] {
  let next = 0;
  let sent = 0;
  const auth = { authorization: `Bearer ${plan.keys[plan.company]}`, 'content-type': 'application/json' };
  return [
    {
      method: 'POST',
      path: plan.path,
      setupRequest(req: any) {
        const items = [];
        for (let i = 0; i < plan.perRequest; i++) {
          const id = plan.numbers[next++ % plan.numbers.length];
          items.push(resultItem(id, `${plan.tag}-${sent++}`, plan.startedAt, plan.scenario, sent));
        }
        const body = plan.perRequest === 1 ? { company: plan.company, ...items[0] } : { company: plan.company, results: items };
        return { ...req, headers: auth, body: JSON.stringify(body) };
      },
    },
  ];
}
