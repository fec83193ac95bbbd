import type { ChannelName } from '../../../src-shared/contract';
import { createAiAgent, listAiAgents, updateAiAgent } from '../../core/inbound/ai-agents';
import { createInboundNumber, listInboundNumbers, updateInboundNumber } from '../../core/inbound/numbers';
import { siteLlmSettings, updateLlmSettings } from '../../core/inbound/llm-settings';
import { inboundSettingsDto, updateInboundSettings } from '../../core/inbound/settings';
import { inboundWarnings } from '../../core/inbound/warnings';
import { fetchRecording } from '../../core/inbound/recording';
import { previewInbound } from '../../core/inbound/preview';
import { companyHours } from '../../core/inbound/opening-hours';
import type { Handlers } from '../types';

type InboundChannel = Extract<ChannelName, `aiAgents.${string}` | `inbound.${string}`>;

export const inboundHandlers: Handlers<InboundChannel> = {
  'aiAgents.list': { access: 'read', run: (ctx, input) => listAiAgents(ctx.core.db, input.companyId) },
  'aiAgents.create': { access: 'operate', run: (ctx, input) => createAiAgent(ctx.core.db, ctx.actor, input, ctx.core.clock()) },
  'aiAgents.update': { access: 'operate', run: (ctx, input) => updateAiAgent(ctx.core.db, ctx.actor, input, ctx.core.clock()) },
  'aiAgents.deactivate': {
    access: 'operate',
    run: (ctx, input) => updateAiAgent(ctx.core.db, ctx.actor, { ...input, isActive: false }, ctx.core.clock()),
  },

  'inbound.list': { access: 'read', run: (ctx, input) => listInboundNumbers(ctx.core.db, input.companyId) },
  'inbound.create': { access: 'operate', run: (ctx, input) => createInboundNumber(ctx.core.db, ctx.actor, input, ctx.core.clock()) },
  'inbound.update': { access: 'operate', run: (ctx, input) => updateInboundNumber(ctx.core.db, ctx.actor, input, ctx.core.clock()) },
  'inbound.deactivate': {
    access: 'operate',
    run: (ctx, input) => updateInboundNumber(ctx.core.db, ctx.actor, { ...input, isActive: false }, ctx.core.clock()),
  },
  'inbound.preview': {
    access: 'read',
    run: (ctx, input) =>
      previewInbound(ctx.core, input.companyId, input.id, input.at ? Date.parse(input.at) : ctx.core.clock(), companyHours),
  },

  // one model key for the whole site: the superuser's, like the HTTP port and the dialing rules
  'inbound.llmSettings': { access: 'site', run: (ctx) => siteLlmSettings(ctx.core.db, ctx.core.secrets) },
  'inbound.updateLlmSettings': {
    access: 'site',
    run: (ctx, input) => updateLlmSettings(ctx.core.db, ctx.core.secrets, ctx.actor, input, ctx.core.clock()),
  },

  // a company's own model key, Jambonz secrets and the price of AI minutes: money and keys, like API keys
  'inbound.settings': { access: 'manage', run: (ctx, input) => inboundSettingsDto(ctx.core, input.companyId) },
  'inbound.updateSettings': { access: 'manage', run: (ctx, input) => updateInboundSettings(ctx.core, ctx.actor, input, ctx.core.clock()) },
  'inbound.warnings': { access: 'read', run: (ctx, input) => inboundWarnings(ctx.core, input.companyId) },
  // whoever sees the company's calls hears them; the Jambonz key stays on the desk (core/inbound/recording.ts)
  'inbound.recording': { access: 'read', run: (ctx, input) => fetchRecording(ctx.core, input) },
};
