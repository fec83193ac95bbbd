import type { ClosedReason, InboundLookup } from '../../../src-shared/contract/inbound';
import type { Queries } from '../db/engine/queries';
import type { InboundNumberRow } from '../db/schema';
import { companyOf, countryOf } from '../companies/companies';
import { badInput, notFound } from '../errors';
import { toIsoOrNull } from '../time';
import { cleanPhone, wireNumber } from '../phone/phone';
import { aiAgentOf } from './ai-agents';
import { departmentOpen, type OpeningHours } from './opening-hours';
import { inboundByPhone, parseDepartments, parseVoiceSettings } from './numbers';

/**
 * A DID as the telephony server writes it in a URL: "+4930...", "%2B4930...", "4930..." or
 * "004930...". International here: which country a national "030..." belongs to depends on the
 * company, which findDid works out.
 */
export function normaliseDid(raw: string): string {
  const did = wireNumber(raw);
  if (!did) throw badInput(`did: "${raw}" is not a phone number`);
  return did;
}

/**
 * The DID's row whoever owns it, as a carrier sends it: international (with or without "+"), or in
 * national format ("0301234567") when a company with that default country has that number. Two
 * companies in different countries could both match one national string; then it matches neither,
 * rather than ring at the wrong company. Undefined when no company has the number.
 */
export async function findDid(q: Queries, raw: string): Promise<{ row: InboundNumberRow | undefined; did: string | null }> {
  const international = wireNumber(raw);
  if (international) return { row: await inboundByPhone(q, international), did: international };
  if (!cleanPhone(raw.replace(/^tel:/i, '')).startsWith('0')) return { row: undefined, did: null };
  const countries = await q.column<string>(COUNTRIES_WITH_NUMBERS);
  const matches = new Map<number, InboundNumberRow>();
  for (const country of countries) {
    const did = wireNumber(raw, country);
    const row = did ? await inboundByPhone(q, did) : undefined;
    if (row && (await countryOf(q, row.company_id)) === country) matches.set(row.id, row);
  }
  const [row] = matches.values();
  return matches.size === 1 ? { row, did: row.phone } : { row: undefined, did: null };
}

// the default countries of the companies that have inbound numbers: where a national DID may belong
const COUNTRIES_WITH_NUMBERS = `select distinct c.default_country from companies c
  where c.default_country is not null and exists (select 1 from inbound_numbers n where n.company_id = c.id)`;

/** The active DID's row, or NOT_FOUND: a deactivated number is not configured for calls. */
export async function findActiveDid(q: Queries, rawDid: string): Promise<InboundNumberRow> {
  const found = await findDid(q, rawDid);
  // BAD_INPUT for what is no phone number at all; a national number nobody has is NOT_FOUND
  if (!found.did && !/^\+?\d{4,20}$/.test(cleanPhone(rawDid))) normaliseDid(rawDid);
  const row = found.row;
  if (!row || row.is_active !== 1) throw notFound(`the number ${found.did ?? rawDid} is not set up for inbound calls`);
  return row;
}

/** Everything the telephony server needs to answer a call to this DID at `at`. */
export async function buildLookup(q: Queries, row: InboundNumberRow, at: number, hours: OpeningHours): Promise<InboundLookup> {
  const company = await companyOf(q, row.company_id);
  const agentRow = row.ai_agent_id === null ? undefined : await aiAgentOf(q, row.company_id, row.ai_agent_id);
  // a deactivated agent is an agent taken off the phones: the number then acts as one without an agent
  const agent = agentRow && agentRow.is_active === 1 ? agentRow : null;
  const voiceOverride = parseVoiceSettings(row.voice_settings);

  let open = false;
  let closedReason: ClosedReason | null = null;
  let nextOpenAt: number | null = null;
  if (company.is_active !== 1) {
    closedReason = 'company_inactive';
  } else {
    const state = await hours(q, company, at);
    open = state.open;
    nextOpenAt = state.open ? null : state.nextOpenAt;
    if (!open) closedReason = 'outside_schedule';
  }

  const displayName = row.display_name || company.name;
  // an agent's voice names one of its model's voices; it means nothing to another speech vendor
  const voice = {
    vendor: voiceOverride.vendor ?? null,
    voice: voiceOverride.voice ?? (voiceOverride.vendor ? null : agent?.voice || null),
    language: voiceOverride.language ?? agent?.language ?? 'en-US',
  };
  return {
    did: row.phone,
    display_name: displayName,
    company: { slug: company.slug, name: company.name, timezone: company.timezone },
    open,
    closed_reason: closedReason,
    next_open_at: toIsoOrNull(nextOpenAt),
    ai_agent: agent
      ? {
          id: agent.id,
          name: agent.name,
          system_prompt: agent.system_prompt,
          greeting: agent.greeting,
          language: agent.language,
          voice: agent.voice,
          temperature: agent.temperature,
        }
      : null,
    departments: parseDepartments(row.departments).map((d) => ({
      name: d.name,
      transfer_number: d.transferNumber,
      description: d.description,
      open: open && departmentOpen(d.hours, company.timezone, at),
    })),
    support_number: row.support_number,
    voice,
    closed_message: voiceOverride.closedMessage ?? closedMessage(displayName, nextOpenAt, company.timezone, row.support_number !== null),
  };
}

/** "Thank you for calling Acme. We are closed right now and open again Monday at 09:00. ..." */
export function closedMessage(name: string, nextOpenAt: number | null, timeZone: string, hasSupport: boolean): string {
  const when =
    nextOpenAt === null
      ? ''
      : ` and open again ${new Intl.DateTimeFormat('en-GB', {
          weekday: 'long',
          hour: '2-digit',
          minute: '2-digit',
          hour12: false,
          timeZone,
        })
          .format(nextOpenAt)
          .replace(/^(\w+),? /, '$1 at ')}`;
  const next = hasSupport ? 'Please hold, we are connecting you to our support line.' : 'Please call again later. Goodbye.';
  return `Thank you for calling ${name}. We are closed right now${when}. ${next}`;
}
