import type { ChannelName } from '../../../src-shared/contract';
import { createAiAgent, listAiAgents, updateAiAgent } from '../../core/inbound/ai-agents';
import { createInboundNumber, listInboundNumbers, updateInboundNumber } from '../../core/inbound/numbers';
import { getLlmConnection, toLlmSettingsDto, updateLlmSettings } from '../../core/inbound/llm-settings';
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
      previewInbound(ctx.core.db, input.companyId, input.id, input.at ? Date.parse(input.at) : ctx.core.clock(), companyHours),
  },

  // one model key for the whole site: the superuser's, like the HTTP port and the dialing rules
  'inbound.llmSettings': { access: 'site', run: (ctx) => toLlmSettingsDto(getLlmConnection(ctx.core.db)) },
  'inbound.updateLlmSettings': { access: 'site', run: (ctx, input) => updateLlmSettings(ctx.core.db, ctx.actor, input, ctx.core.clock()) },
};
