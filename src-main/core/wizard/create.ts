import { WEEKDAYS } from '../../../src-shared/contract/schedule';
import type { WizardCreateCompany, WizardCreateCompanyAnswer } from '../../../src-shared/contract/wizard';
import { transaction, type Db } from '../db/connection';
import type { Actor } from '../audit/audit';
import { createCompany, getCompany, toCompanyDto } from '../companies/companies';
import { topUp } from '../billing/wallet';
import { OPEN_24X7, setSchedule } from '../schedule/schedule';
import { createLine } from '../setup/lines';
import { createScenario } from '../setup/scenarios';
import { createApiKey } from '../apikeys/apikeys';
import { AppError } from '../errors';

/**
 * Everything the new-company wizard gathered, made in one transaction through each domain's own
 * service (their transactions nest as savepoints): the company and its prices, its hours, the
 * opening balance as a real top-up, its outbound lines and scenarios, and a dialer key shown once.
 * Any refusal undoes all of it, and names the wizard field it came from.
 */
export function createCompanyFromWizard(db: Db, actor: Actor, input: WizardCreateCompany, now: number): WizardCreateCompanyAnswer {
  return transaction(db, () => {
    const { company: c, billing, schedule } = input;
    const created = step('company', () =>
      createCompany(
        db,
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
    step('schedule', () =>
      setSchedule(
        db,
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
    input.outboundLines.forEach((l, i) =>
      step(`outboundLines.${i}`, () => createLine(db, actor, { companyId, phone: l.phone, name: l.name, region: l.region }, now)),
    );
    input.scenarios.forEach((s, i) =>
      step(`scenarios.${i}`, () =>
        createScenario(db, actor, { companyId, key: s.key, name: s.name, description: s.description, isActive: s.isActive }, now),
      ),
    );
    if (billing.openingBalance > 0) {
      step('billing.openingBalance', () => topUp(db, actor, { companyId, amount: billing.openingBalance, note: 'opening balance' }, now));
    }
    const key = input.apiKey
      ? step('apiKey', () =>
          createApiKey(db, actor, { companyId, name: input.apiKey!.name, scopes: [...new Set(input.apiKey!.scopes)] }, now),
        )
      : null;
    return {
      company: toCompanyDto(getCompany(db, companyId)),
      apiKey: key && { id: key.apiKey.id, name: key.apiKey.name, prefix: key.apiKey.prefix, scopes: key.apiKey.scopes, key: key.key },
    };
  });
}

/**
 * Runs one part of the wizard; a refusal is re-thrown with the wizard's field in front ("scenarios.1: ..."),
 * joined to the field the service named, if any ("company.slug: ...", "scenarios.1.key: ...").
 */
function step<T>(field: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const named = /^([A-Za-z_][\w]*(?:\.[\w]+)*): (.*)$/s.exec(err.message);
    throw new AppError(err.code, named ? `${field}.${named[1]}: ${named[2]}` : `${field}: ${err.message}`);
  }
}
