import type { Db } from '../../../src-main/core/db/connection';
import { topUp } from '../../../src-main/core/billing/wallet';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import type { CompanySetup } from './history';
import type { CompanyProfile } from './params';

const SCENARIOS = ['sales', 'renewal', 'survey', 'winback', 'upsell'];
/** more than any history spends, so no company is blocked for money in the bench */
export const OPENING_BALANCE = 10_000_000_000;

/**
 * Companies, on the schema of the first migration (the later ones run after the bulk load, as on a
 * user's database, so the app's own services, written for the latest schema, cannot insert them
 * yet), then their opening balance through the real ledger, scenarios, outbound lines, agents, a
 * 24x7 schedule, an AI agent and an inbound number.
 */
export async function setUpCompanies(db: Db, profiles: CompanyProfile[], at: number): Promise<CompanySetup[]> {
  // one after another: a company's raw inserts must not land in another's top-up transaction
  const out: CompanySetup[] = [];
  for (const p of profiles) {
    const company = {
      id: Number(
        db.sqlite
          .prepare(
            `insert into companies (slug, name, timezone, currency, is_active, billing_mode, cost_per_billable, cost_per_minute,
               low_balance_threshold, wallet_balance, created_at, updated_at) values (?, ?, ?, 'USD', 1, ?, ?, ?, 10000, 0, ?, ?)`,
          )
          .run(p.slug, p.name, p.timezone, p.billingMode, p.costPerBillable, p.costPerMinute, at, at).lastInsertRowid,
      ),
    };
    const { balance } = await topUp(db, CLI_ACTOR, { companyId: company.id, amount: OPENING_BALANCE, note: 'opening balance' }, at);
    const s = db.sqlite;
    const insert = (sql: string, ...args: unknown[]) => Number(s.prepare(sql).run(...args).lastInsertRowid);
    const scenarios = SCENARIOS.map((key) =>
      insert(
        'insert into scenarios (company_id, key, name, description, is_active, created_at, updated_at) values (?, ?, ?, ?, 1, ?, ?)',
        company.id,
        key,
        `${p.name} ${key}`,
        `the ${key} campaign`,
        at,
        at,
      ),
    );
    const lines = [1, 2, 3].map((n) =>
      insert(
        'insert into outbound_lines (company_id, phone, name, created_at) values (?, ?, ?, ?)',
        company.id,
        `+9821${company.id}00${n}000`,
        `Trunk ${n}`,
        at,
      ),
    );
    const agent = (type: 'inbound' | 'outbound', n: number) =>
      insert(
        'insert into agents (company_id, name, extension, type, created_at) values (?, ?, ?, ?, ?)',
        company.id,
        `${type} agent ${n}`,
        `${type === 'inbound' ? 2 : 1}${company.id}${n}`,
        type,
        at,
      );
    const outboundAgents = [1, 2, 3, 4].map((n) => agent('outbound', n));
    const inboundAgents = [1, 2].map((n) => agent('inbound', n));
    for (let weekday = 0; weekday < 7; weekday++) {
      insert('insert into schedule_windows (company_id, weekday, start_minute, end_minute) values (?, ?, 0, 1440)', company.id, weekday);
    }
    const aiAgent = insert(
      `insert into ai_agents (company_id, name, system_prompt, greeting, language, voice, created_at, updated_at)
       values (?, ?, ?, ?, 'fa-IR', 'alloy', ?, ?)`,
      company.id,
      `${p.name} assistant`,
      'You answer questions about our plans politely.',
      'Hello!',
      at,
      at,
    );
    insert(
      `insert into inbound_numbers (company_id, phone, display_name, ai_agent_id, support_number, departments, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
      company.id,
      `+9821${company.id}99000`,
      `${p.name} hotline`,
      aiAgent,
      `+9821${company.id}99001`,
      JSON.stringify([{ name: 'sales', transfer_number: `+9821${company.id}99002`, description: 'buy' }]),
      at,
      at,
    );
    out.push({ id: company.id, profile: p, scenarios, lines, outboundAgents, inboundAgents, balance });
  }
  return out;
}
