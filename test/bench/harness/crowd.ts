import { JsonClient } from './http';
import { resultItem, type CrowdPlan, type CrowdSummary } from './load-plan';
import { nowMs, summarize } from './stats';

/**
 * Many dialers asking at once, none pausing: each leases a batch, reports a result for every number,
 * and asks again. The two requests are timed apart, so the lease's latency under a crowd is its own
 * figure; the results stored per second are the crowd's throughput. Against the bare server the same
 * loop reads its plain SELECT and stores through its plain inserts.
 */
export function runCrowd(plan: CrowdPlan): { done: Promise<CrowdSummary>; stop(): void } {
  let stopped = false;
  const lease: number[] = [];
  const report: number[] = [];
  let reported = 0;
  let failures = 0;
  let sent = 0;
  const started = nowMs();
  const until = started + plan.durationS * 1000;
  const paths = plan.bare
    ? { lease: () => `/bare/numbers?size=${plan.batchSize}`, report: '/bare/results' }
    : {
        lease: (company: string, n: number) => `/api/v1/dialer/next-batch?company=${company}&size=${plan.batchSize}&dialer=crowd-${n}`,
        report: '/api/v1/dialer/report-results',
      };

  const dialer = async (n: number) => {
    const company = plan.companies[n % plan.companies.length];
    const client = new JsonClient(plan.base, { authorization: `Bearer ${plan.keys[company]}` });
    while (!stopped && nowMs() < until) {
      let t = nowMs();
      const batch = await client.call<{ numbers: { number_id: number }[] }>('GET', paths.lease(company, n));
      lease.push(nowMs() - t);
      if (batch.status !== 200) {
        failures++;
        continue;
      }
      const results = batch.body.numbers.map((x) =>
        resultItem(x.number_id, `${plan.tag}-${n}-${sent++}`, plan.startedAt, plan.scenario, sent),
      );
      if (results.length === 0) continue;
      t = nowMs();
      const answer = await client.call('POST', paths.report, { company, results });
      report.push(nowMs() - t);
      if (answer.status === 200 || answer.status === 201) reported += results.length;
      else failures++;
    }
    client.close();
  };
  const done = Promise.all(Array.from({ length: plan.dialers }, (_, n) => dialer(n))).then((): CrowdSummary => ({
    durationS: (nowMs() - started) / 1000,
    lease: summarize(lease),
    report: summarize(report),
    reported,
    failures,
  }));
  return { done, stop: () => (stopped = true) };
}
