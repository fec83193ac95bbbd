import { z } from 'zod';
import { channel } from './define';
import { Money, Slug } from './common';
import { CompanyFields, type CompanyDto } from './companies';
import { PhoneInput, Region, ScenarioKey } from './setup';
import { API_SCOPES } from './apikeys';
import { ClockTime } from './schedule';
import { LocalDate } from './stats';

/**
 * The new-company wizard sends everything it gathered in one call; the company, its hours, prices,
 * opening balance, lines, scenarios and (optionally) a dialer API key are created in one transaction,
 * so a refusal anywhere leaves nothing behind.
 */

export const WizardWindow = z
  .object({
    /** 0 = Monday ... 6 = Sunday */
    weekday: z.number().int().min(0).max(6),
    start: ClockTime,
    end: ClockTime,
  })
  .strict()
  .refine((w) => w.start < w.end, { message: 'a window ends after it starts', path: ['end'] });

export const WizardException = z
  .object({
    date: LocalDate,
    /** closed all day; otherwise open start..end that day instead of the weekly hours */
    closed: z.boolean(),
    start: ClockTime.optional(),
    end: ClockTime.optional(),
    note: z.string().trim().max(200).default(''),
  })
  .strict()
  .refine((e) => (e.closed ? !e.start && !e.end : !!e.start && !!e.end && e.start < e.end), {
    message: 'an exception is either closed all day (no times) or open from start to a later end',
    path: ['start'],
  });

export const WizardCreateCompanyInput = z
  .object({
    company: z
      .object({ slug: Slug, name: CompanyFields.name, timezone: CompanyFields.timezone, currency: CompanyFields.currency })
      .strict(),
    schedule: z
      .object({
        /** open around the clock; `windows` must then be empty */
        open24x7: z.boolean().default(false),
        windows: z.array(WizardWindow).max(100).default([]),
        exceptions: z.array(WizardException).max(400).default([]),
      })
      .strict()
      .refine((s) => !(s.open24x7 && s.windows.length > 0), {
        message: 'choose either open 24x7 or weekly windows',
        path: ['windows'],
      }),
    billing: z
      .object({
        billingMode: CompanyFields.billingMode.default('per_call'),
        costPerBillable: CompanyFields.costPerBillable.default(0),
        costPerMinute: CompanyFields.costPerMinute.default(0),
        lowBalanceThreshold: CompanyFields.lowBalanceThreshold.default(0),
        /** a real top-up in the ledger, minor units */
        openingBalance: Money.nonnegative().default(0),
      })
      .strict(),
    outboundLines: z
      .array(z.object({ phone: PhoneInput, name: z.string().trim().min(1).max(120), region: Region.optional() }).strict())
      .max(200)
      .default([]),
    scenarios: z
      .array(
        z
          .object({
            key: ScenarioKey,
            name: z.string().trim().min(1).max(120),
            description: z.string().trim().max(2000).default(''),
            isActive: z.boolean().default(true),
          })
          .strict(),
      )
      .max(200)
      .default([]),
    /** a company API key for the dialers, shown once in the answer; null for none */
    apiKey: z
      .object({
        name: z.string().trim().min(1).max(80).default('dialers'),
        scopes: z.array(z.enum(API_SCOPES)).min(1, 'a key needs at least one scope: dialer or inbound').default(['dialer']),
      })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();
export type WizardCreateCompany = z.output<typeof WizardCreateCompanyInput>;

export interface WizardCreatedKey {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  /** the whole key: shown once, never stored */
  key: string;
}

export interface WizardCreateCompanyAnswer {
  company: CompanyDto;
  apiKey: WizardCreatedKey | null;
}

export const wizardChannels = {
  'wizard.createCompany': channel<WizardCreateCompanyAnswer>()(WizardCreateCompanyInput),
};
