import { z } from 'zod';
import { channel } from './define';
import { Id, type Page } from './common';

/**
 * The audit log, newest first. A company admin sees their company's entries. The superuser sees one
 * company's entries when `companyId` is given, only the site-wide ones (users, settings, backups: no
 * company) with `siteWide: true`, and everything otherwise.
 */
export interface AuditEntryDto {
  id: number;
  /** UTC ISO */
  at: string;
  userId: number | null;
  /** username, "cli" or "api-key:<prefix>" */
  actor: string;
  companyId: number | null;
  entity: string;
  entityId: string | null;
  action: string;
  /** the row before / after the change, as recorded (secrets redacted); null when not recorded */
  before: unknown;
  after: unknown;
}

export const AUDIT_PAGE_MAX = 200;

export const AuditListInput = z
  .object({
    companyId: Id.optional(),
    siteWide: z.boolean().optional(),
    entity: z.string().trim().min(1).max(60).optional(),
    cursor: z.string().max(40).optional(),
    limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
  })
  .strict()
  .refine((i) => !(i.siteWide && i.companyId !== undefined), {
    message: 'choose either a company or the site-wide entries',
    path: ['siteWide'],
  });
export type AuditListParsed = z.output<typeof AuditListInput>;

export const auditChannels = {
  'audit.list': channel<Page<AuditEntryDto>>()(AuditListInput),
};
