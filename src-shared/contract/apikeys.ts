import { z } from 'zod';
import { channel } from './define';
import { Id } from './common';

export const API_SCOPES = ['dialer', 'inbound'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export interface ApiKeyDto {
  id: number;
  name: string;
  /** null: a site-wide key, acting for any company */
  companyId: number | null;
  /** the first characters of the key, to tell keys apart; the key itself is never shown again */
  prefix: string;
  scopes: ApiScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const ApiKeyCreateInput = z
  .object({
    /** null: a site-wide key (superuser only) */
    companyId: Id.nullable(),
    name: z.string().trim().min(1, 'a key needs a name').max(120),
    scopes: z
      .array(z.enum(API_SCOPES))
      .min(1, 'a key needs at least one scope: dialer or inbound')
      .transform((s) => [...new Set(s)]),
  })
  .strict();
export type ApiKeyCreate = z.output<typeof ApiKeyCreateInput>;

export const apikeysChannels = {
  /** a company's keys; the superuser without companyId sees every key, site-wide ones included */
  'apikeys.list': channel<ApiKeyDto[]>()(z.object({ companyId: Id.optional() }).strict()),
  /** answers the key itself once; only its hash is stored */
  'apikeys.create': channel<{ key: string; apiKey: ApiKeyDto }>()(ApiKeyCreateInput),
  'apikeys.revoke': channel<ApiKeyDto>()(z.object({ id: Id }).strict()),
};
