import { z } from 'zod';
import { channel } from './define';
import { Id, Slug } from './common';
import { CompanyFields, type CompanyDto } from './companies';
import type { SavedFileAnswer } from './exports';

/**
 * Moving a company's setup between consoles: a versioned JSON file ("dialdesk.company", version 1)
 * with the company's settings, scenarios, outbound lines, agents, schedule, AI agents and inbound
 * numbers. It carries no numbers, results, ledger, wallet balance, users or API keys.
 * The format is described in src-main/core/transfer/format.ts.
 */
export interface TransferCounts {
  scenarios: number;
  outboundLines: number;
  agents: number;
  scheduleWindows: number;
  scheduleExceptions: number;
  aiAgents: number;
  inboundNumbers: number;
}

export interface CompanyExportAnswer extends SavedFileAnswer {
  counts: TransferCounts;
}

export interface CompanyImportAnswer {
  company: CompanyDto;
  counts: TransferCounts;
}

/** A company file is small (setup only); this bounds what the console sends over the bridge. */
export const MAX_COMPANY_FILE_CHARS = 8 * 1024 * 1024;

export const CompanyImportInput = z
  .object({
    /** the file's text, as the page read it (File.text()) */
    content: z.string().min(1, 'the company file is empty').max(MAX_COMPANY_FILE_CHARS, 'a company file is at most 8 MB'),
    /** import under this slug instead of the file's (needed when the file's slug is taken here) */
    slug: Slug.optional(),
    /** import under this name instead of the file's (needed when a company here has that name) */
    name: CompanyFields.name.optional(),
  })
  .strict();

export const transferChannels = {
  'transfer.exportCompany': channel<CompanyExportAnswer>()(z.object({ companyId: Id }).strict()),
  'transfer.importCompany': channel<CompanyImportAnswer>()(CompanyImportInput),
};
