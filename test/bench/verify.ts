import BetterSqlite3 from 'better-sqlite3';
import { ensureDataset } from './generate';
import { FULL, QUICK } from './gen/params';

/**
 * `npx tsx test/bench/verify.ts [--quick]`: checks that a generated data set is consistent the way the
 * engine keeps it consistent: company_calls, numbers.last_called_at and global_status agree with the
 * results, balance = Σ ledger, the rollups agree with the results, and SQLite finds nothing wrong.
 * Each check prints how many rows disagree (0 expected).
 */
const CHECKS: [string, string][] = [
  [
    'company_calls pairs without a dialing result',
    `select count(*) from company_calls c where not exists (select 1 from call_results r indexed by call_results_number
       where r.number_id = c.number_id and r.company_id = c.company_id and r.direction = 'outbound' and r.status <> 'FAILED')`,
  ],
  [
    'dialing results whose pair is missing from company_calls',
    `select count(*) from call_results r where r.direction = 'outbound' and r.status <> 'FAILED'
       and not exists (select 1 from company_calls c where c.company_id = r.company_id and c.number_id = r.number_id)`,
  ],
  [
    "company_calls.first_called_at after the pair's first dialing result",
    `select count(*) from company_calls c where c.first_called_at > (select min(started_at) from call_results r indexed by call_results_number
       where r.number_id = c.number_id and r.company_id = c.company_id and r.direction = 'outbound' and r.status <> 'FAILED')`,
  ],
  [
    'numbers whose last_called_at is not their last dialing result',
    `select count(*) from numbers n where coalesce(n.last_called_at, 0) is not coalesce((select max(started_at) from call_results r
       where r.number_id = n.id and r.direction = 'outbound' and r.status <> 'FAILED'), 0)`,
  ],
  [
    'numbers out of the pool without a result that took them out',
    `select count(*) from numbers n where n.global_status <> 'active' and not exists (select 1 from call_results r
       where r.number_id = n.id and r.status = case n.global_status when 'complained' then 'COMPLAINED'
       when 'power_off' then 'POWER_OFF' else 'INVALID' end)`,
  ],
  [
    'companies whose balance is not the sum of their ledger',
    `select count(*) from companies c where c.wallet_balance <> (select coalesce(sum(amount), 0) from ledger_entries l where l.company_id = c.id)`,
  ],
  [
    'charged results without their ledger charge',
    `select count(*) from call_results r where r.amount_charged > 0 and not exists
       (select 1 from ledger_entries l where l.call_result_id = r.id and l.amount = -r.amount_charged)`,
  ],
  [
    '(company, status) counts where call_stats disagrees with call_results',
    `select count(*) from (select company_id, status, count(*) n from call_results group by 1, 2) r
       full join (select company_id, status, sum(calls) n from call_stats group by 1, 2) s using (company_id, status)
       where r.n is not s.n`,
  ],
];

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const dataset = await ensureDataset(quick ? QUICK : FULL);
  const db = new BetterSqlite3(dataset.file, { readonly: true });
  db.pragma('cache_size = -1048576');
  let bad = 0;
  for (const [name, sql] of CHECKS) {
    const t = Date.now();
    const n = db.prepare(sql).pluck().get() as number;
    bad += n;
    console.log(`${n === 0 ? 'ok  ' : 'FAIL'} ${name}: ${n} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
  if (quick) {
    const fk = db.pragma('foreign_key_check') as unknown[];
    const integrity = db.pragma('integrity_check', { simple: true });
    console.log(`${fk.length === 0 ? 'ok  ' : 'FAIL'} foreign_key_check: ${fk.length} rows`);
    console.log(`${integrity === 'ok' ? 'ok  ' : 'FAIL'} integrity_check: ${integrity}`);
    bad += fk.length + (integrity === 'ok' ? 0 : 1);
  }
  db.close();
  process.exitCode = bad ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
