import { z } from 'zod';
import { channel } from './define';
import { Id, Region } from './common';

/**
 * A company's dialing setup: scenarios (what the dialers run), outbound lines (caller IDs / trunks)
 * and agents (the people calls are routed to). Nothing here is ever deleted: it is deactivated, so
 * old call results keep pointing at a row that still says what it was.
 */

export const SCENARIO_KEY_RULES =
  'a scenario key is 1 to 64 lowercase letters, digits, underscores or hyphens, starting with a letter or digit';
/** The dialer's own id for a scenario; unique per company. */
export const ScenarioKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, SCENARIO_KEY_RULES);

const Name = (what: string) => z.string().trim().min(1, `${what} needs a name`).max(120, 'a name is at most 120 characters');
const Description = z.string().trim().max(2000, 'a description is at most 2000 characters');

/** A phone number as typed; the core normalises it to E.164 (+4930...) and refuses what is not one. */
export const PhoneInput = z.string().trim().min(3, 'a phone number is required').max(40, 'a phone number is at most 40 characters');
/** ISO 3166 country of a number written without its country code ("030 1234567" with DE). */
export { Region };

export const EXTENSION_RULES =
  'an extension is a SIP address, extension or phone number without spaces (for example 1001 or sip:anna@pbx.local)';
export const Extension = z
  .string()
  .trim()
  .min(1, 'an agent needs an extension')
  .max(120)
  .regex(/^[A-Za-z0-9+*#@:;=._-]+$/, EXTENSION_RULES);

export const AGENT_TYPES = ['inbound', 'outbound'] as const;
export type AgentType = (typeof AGENT_TYPES)[number];

export interface ScenarioDto {
  id: number;
  companyId: number;
  key: string;
  name: string;
  description: string;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface OutboundLineDto {
  id: number;
  companyId: number;
  /** E.164 */
  phone: string;
  name: string;
  isActive: boolean;
  createdAt: string;
}

export interface AgentDto {
  id: number;
  companyId: number;
  name: string;
  extension: string;
  type: AgentType;
  isActive: boolean;
  createdAt: string;
}

const OneOfCompany = z.object({ companyId: Id, id: Id }).strict();

export const ScenarioCreateInput = z
  .object({
    companyId: Id,
    key: ScenarioKey,
    name: Name('a scenario'),
    description: Description.default(''),
    // a supervisor who types a scenario in wants it dialed; dialer-registered ones start inactive
    isActive: z.boolean().default(true),
  })
  .strict();
export type ScenarioCreate = z.output<typeof ScenarioCreateInput>;

export const ScenarioUpdateInput = z
  .object({
    companyId: Id,
    id: Id,
    name: Name('a scenario').optional(),
    description: Description.optional(),
    isActive: z.boolean().optional(),
  })
  .strict();
export type ScenarioUpdate = z.output<typeof ScenarioUpdateInput>;

export const LineCreateInput = z.object({ companyId: Id, phone: PhoneInput, name: Name('a line'), region: Region.optional() }).strict();
export type LineCreate = z.output<typeof LineCreateInput>;

export const LineUpdateInput = z
  .object({
    companyId: Id,
    id: Id,
    phone: PhoneInput.optional(),
    region: Region.optional(),
    name: Name('a line').optional(),
    isActive: z.boolean().optional(),
  })
  .strict();
export type LineUpdate = z.output<typeof LineUpdateInput>;

export const AgentCreateInput = z
  .object({ companyId: Id, name: Name('an agent'), extension: Extension, type: z.enum(AGENT_TYPES) })
  .strict();
export type AgentCreate = z.output<typeof AgentCreateInput>;

export const AgentUpdateInput = z
  .object({
    companyId: Id,
    id: Id,
    name: Name('an agent').optional(),
    extension: Extension.optional(),
    type: z.enum(AGENT_TYPES).optional(),
    isActive: z.boolean().optional(),
  })
  .strict();
export type AgentUpdate = z.output<typeof AgentUpdateInput>;

export const setupChannels = {
  'scenarios.list': channel<ScenarioDto[]>()(z.object({ companyId: Id }).strict()),
  'scenarios.create': channel<ScenarioDto>()(ScenarioCreateInput),
  'scenarios.update': channel<ScenarioDto>()(ScenarioUpdateInput),
  'scenarios.deactivate': channel<ScenarioDto>()(OneOfCompany),

  'lines.list': channel<OutboundLineDto[]>()(z.object({ companyId: Id }).strict()),
  'lines.create': channel<OutboundLineDto>()(LineCreateInput),
  'lines.update': channel<OutboundLineDto>()(LineUpdateInput),
  'lines.deactivate': channel<OutboundLineDto>()(OneOfCompany),

  'agents.list': channel<AgentDto[]>()(z.object({ companyId: Id, type: z.enum(AGENT_TYPES).optional() }).strict()),
  'agents.create': channel<AgentDto>()(AgentCreateInput),
  'agents.update': channel<AgentDto>()(AgentUpdateInput),
  'agents.deactivate': channel<AgentDto>()(OneOfCompany),
};
