import { WEEKDAYS } from '../../../src-shared/contract/schedule';
import type { WizardCreateCompany, WizardCreateCompanyAnswer } from '../../../src-shared/contract/wizard';
import type { Db } from '../db/connection';
import type { Actor } from '../audit/audit';
import { companyOf, createCompanyIn, toCompanyDto } from '../companies/companies';
import { topUpIn } from '../billing/wallet';
import { OPEN_24X7, setScheduleIn } from '../schedule/schedule';
import { createLineIn } from '../setup/lines';
import { createScenarioIn } from '../setup/scenarios';
import { createApiKeyIn } from '../apikeys/apikeys';
import { AppError } from '../errors';

/**
 * Everything the new-company wizard gathered, made in one transaction through each domain's own
 * service (the form of it that runs in its caller's transaction): the company and its prices, its hours, the
 * opening balance as a real top-up, its outbound lines and scenarios, and a dialer key shown once.
 * Any refusal undoes all of it, and names the wizard field it came from.
 */
export function createCompanyFromWizard(db: Db, actor: Actor, input: WizardCreateCompany, now: number): Promise<WizardCreateCompanyAnswer> {
  return db.transaction(async (tx) => {
    const { company: c, billing, schedule } = input;
    const created = await step('company', () =>
      createCompanyIn(
        tx,
        actor,
        {
          slug: c.slug,
          name: c.name,
          timezone: c.timezone,
          currency: c.currency,
          billingMode: billing.billingMode,
          costPerBillable: billing.costPerBillable,
          costPerMinute: billing.costPerMinute,
          lowBalanceThreshold: billing.lowBalanceThreshold,
        },
        now,
      ),
    );
    const companyId = created.id;
    await step('schedule', () =>
      setScheduleIn(
        tx,
        actor,
        {
          companyId,
          windows: schedule.open24x7 ? OPEN_24X7 : schedule.windows.map((w) => ({ day: WEEKDAYS[w.weekday]!, start: w.start, end: w.end })),
          exceptions: schedule.exceptions.map((e) => ({
            date: e.date,
            closed: e.closed,
            start: e.start,
            end: e.end,
            ...(e.note && { note: e.note }),
          })),
        },
        now,
      ),
    );
    for (const [i, l] of input.outboundLines.entries()) {
      await step(`outboundLines.${i}`, () => createLineIn(tx, actor, { companyId, phone: l.phone, name: l.name, region: l.region }, now));
    }
    for (const [i, s] of input.scenarios.entries()) {
      await step(`scenarios.${i}`, () =>
        createScenarioIn(tx, actor, { companyId, key: s.key, name: s.name, description: s.description, isActive: s.isActive }, now),
      );
    }
    if (billing.openingBalance > 0) {
      const opening = { companyId, amount: billing.openingBalance, note: 'opening balance' };
      await step('billing.openingBalance', () => topUpIn(tx, actor, opening, now));
    }
    const key = input.apiKey
      ? await step('apiKey', () =>
          createApiKeyIn(tx, actor, { companyId, name: input.apiKey!.name, scopes: [...new Set(input.apiKey!.scopes)] }, now),
        )
      : null;
    return {
      company: toCompanyDto(await companyOf(tx, companyId)),
      apiKey: key && { id: key.apiKey.id, name: key.apiKey.name, prefix: key.apiKey.prefix, scopes: key.apiKey.scopes, key: key.key },
    };
  });
}

/**
 * Runs one part of the wizard; a refusal is re-thrown with the wizard's field in front ("scenarios.1: ..."),
 * joined to the field the service named, if any ("company.slug: ...", "scenarios.1.key: ...").
 */
async function step<T>(field: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const named = /^([A-Za-z_][\w]*(?:\.[\w]+)*): (.*)$/s.exec(err.message);
    throw new AppError(err.code, named ? `${field}.${named[1]}: ${named[2]}` : `${field}: ${err.message}`);
  }
}
