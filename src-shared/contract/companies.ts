import { z } from 'zod';
import { channel } from './define';
import type { DialingBlock } from './dialer';
import { CurrencyCode, Empty, Id, Money, Price, Region, Slug, TimeZone } from './common';

export const BILLING_MODES = ['per_call', 'per_minute'] as const;
export type BillingMode = (typeof BILLING_MODES)[number];

export interface CompanyDto {
  id: number;
  slug: string;
  name: string;
  timezone: string;
  currency: string;
  isActive: boolean;
  billingMode: BillingMode;
  costPerBillable: number;
  costPerMinute: number;
  lowBalanceThreshold: number;
  /** how national numbers are read for this company (searches, DIDs, lines); null: with country code only */
  defaultCountry: string | null;
  walletBalance: number;
  createdAt: string;
}

export const CompanyFields = {
  name: z.string().trim().min(1, 'a company needs a name').max(120),
  timezone: TimeZone,
  currency: CurrencyCode,
  billingMode: z.enum(BILLING_MODES),
  costPerBillable: Price,
  costPerMinute: Price,
  lowBalanceThreshold: Money.nonnegative(),
  defaultCountry: Region.nullable(),
};

export const CompanyCreateInput = z
  .object({
    slug: Slug,
    name: CompanyFields.name,
    timezone: CompanyFields.timezone.default('UTC'),
    currency: CompanyFields.currency.default('USD'),
    billingMode: CompanyFields.billingMode.default('per_call'),
    costPerBillable: CompanyFields.costPerBillable.default(0),
    costPerMinute: CompanyFields.costPerMinute.default(0),
    lowBalanceThreshold: CompanyFields.lowBalanceThreshold.default(0),
    defaultCountry: CompanyFields.defaultCountry.default(null),
  })
  .strict();
export type CompanyCreate = z.output<typeof CompanyCreateInput>;

export const CompanyUpdateInput = z
  .object({
    companyId: Id,
    name: CompanyFields.name.optional(),
    timezone: CompanyFields.timezone.optional(),
    currency: CompanyFields.currency.optional(),
    billingMode: CompanyFields.billingMode.optional(),
    costPerBillable: CompanyFields.costPerBillable.optional(),
    costPerMinute: CompanyFields.costPerMinute.optional(),
    lowBalanceThreshold: CompanyFields.lowBalanceThreshold.optional(),
    defaultCountry: CompanyFields.defaultCountry.optional(),
    isActive: z.boolean().optional(),
  })
  .strict();
export type CompanyUpdate = z.output<typeof CompanyUpdateInput>;

/** One company on the owner's overview (companies.overview). */
export interface CompanyOverview {
  companyId: number;
  name: string;
  slug: string;
  isActive: boolean;
  timezone: string;
  currency: string;
  walletBalance: number;
  /** today on the company's own calendar */
  today: { calls: number; billable: number; answerRate: number | null; cost: number };
  /** why its dialers get no numbers now (next-batch's rules), null when they do */
  blocked: DialingBlock | null;
  /** dialers heard from in the last two minutes */
  dialersAtWork: number;
  alerts: number;
}

export const companiesChannels = {
  /** every company the user works for at a glance: today, wallet, blocked reason, dialers, alerts */
  'companies.overview': channel<CompanyOverview[]>()(Empty),
  /** every company the signed-in user may see (all for the superuser, their own otherwise) */
  'companies.list': channel<CompanyDto[]>()(Empty),
  'companies.get': channel<CompanyDto>()(z.object({ companyId: Id }).strict()),
  'companies.create': channel<CompanyDto>()(CompanyCreateInput),
  'companies.update': channel<CompanyDto>()(CompanyUpdateInput),
};
