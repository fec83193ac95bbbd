import type { z } from 'zod';
import type { ChannelDef } from './define';
import { authChannels, usersChannels } from './auth';
import { companiesChannels } from './companies';
import { settingsChannels } from './settings';
import { setupChannels } from './setup';
import { inboundChannels } from './inbound';
import { statsChannels } from './stats';
import { callsChannels } from './calls';
import { exportsChannels } from './exports';
import { auditChannels } from './audit';
import { transferChannels } from './transfer';
import { backupChannels } from './backup';
import { wizardChannels } from './wizard';
import { numbersChannels } from './numbers';
import { scheduleChannels } from './schedule';
import { apikeysChannels } from './apikeys';
import { billingChannels } from './billing';
import { dialersChannels } from './dialer';
import { filesChannels } from './files';
import { lifecycleChannels } from './lifecycle';
import { alertsChannels } from './alerts';

/**
 * The console's whole contract: the union of each domain's channel map. A domain adds its map here
 * and the compiler then demands a handler for every channel in src-main/ipc.
 */
export const CHANNELS = {
  ...authChannels,
  ...usersChannels,
  ...companiesChannels,
  ...settingsChannels,
  ...setupChannels,
  ...inboundChannels,
  ...statsChannels,
  ...callsChannels,
  ...exportsChannels,
  ...auditChannels,
  ...transferChannels,
  ...backupChannels,
  ...wizardChannels,
  ...numbersChannels,
  ...scheduleChannels,
  ...apikeysChannels,
  ...billingChannels,
  ...dialersChannels,
  ...filesChannels,
  ...lifecycleChannels,
  ...alertsChannels,
} satisfies Record<string, ChannelDef>;

export type Channels = typeof CHANNELS;
export type ChannelName = keyof Channels;
/** What the caller passes (defaults may be omitted). */
export type Input<C extends ChannelName> = z.input<Channels[C]['input']>;
/** What the handler receives after validation (defaults filled in). */
export type ParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type Output<C extends ChannelName> = Exclude<Channels[C]['output'], undefined>;

export const CHANNEL_NAMES = Object.keys(CHANNELS) as ChannelName[];
export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(CHANNELS, name);

export * from './define';
export * from './common';
export * from './auth';
export * from './companies';
export * from './settings';
export * from './setup';
export * from './inbound';
export * from './stats';
export * from './calls';
export * from './exports';
export * from './audit';
export * from './transfer';
export * from './backup';
export * from './wizard';
export * from './numbers';
export * from './schedule';
export * from './apikeys';
export * from './billing';
export * from './dialer';
export * from './files';
export * from './lifecycle';
export * from './alerts';
