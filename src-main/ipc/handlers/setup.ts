import type { ChannelName } from '../../../src-shared/contract';
import { createScenario, listScenarios, updateScenario } from '../../core/setup/scenarios';
import { createLine, listLines, updateLine } from '../../core/setup/lines';
import { createAgent, listAgents, updateAgent } from '../../core/setup/agents';
import type { Handlers } from '../types';

type SetupChannel = Extract<ChannelName, `scenarios.${string}` | `lines.${string}` | `agents.${string}`>;

/** Everyone of the company may look; supervisors and up change (DESIGN.md §1, src-shared/roles.ts). */
export const setupHandlers: Handlers<SetupChannel> = {
  'scenarios.list': { access: 'read', run: (ctx, input) => listScenarios(ctx.core.db, input.companyId) },
  'scenarios.create': { access: 'operate', run: (ctx, input) => createScenario(ctx.core.db, ctx.actor, input, ctx.core.clock()) },
  'scenarios.update': { access: 'operate', run: (ctx, input) => updateScenario(ctx.core.db, ctx.actor, input, ctx.core.clock()) },
  'scenarios.deactivate': {
    access: 'operate',
    run: (ctx, input) => updateScenario(ctx.core.db, ctx.actor, { ...input, isActive: false }, ctx.core.clock()),
  },

  'lines.list': { access: 'read', run: (ctx, input) => listLines(ctx.core.db, input.companyId) },
  'lines.create': { access: 'operate', run: (ctx, input) => createLine(ctx.core.db, ctx.actor, input, ctx.core.clock()) },
  'lines.update': { access: 'operate', run: (ctx, input) => updateLine(ctx.core.db, ctx.actor, input, ctx.core.clock()) },
  'lines.deactivate': {
    access: 'operate',
    run: (ctx, input) => updateLine(ctx.core.db, ctx.actor, { ...input, isActive: false }, ctx.core.clock()),
  },

  'agents.list': { access: 'read', run: (ctx, input) => listAgents(ctx.core.db, input.companyId, input.type) },
  'agents.create': { access: 'operate', run: (ctx, input) => createAgent(ctx.core.db, ctx.actor, input, ctx.core.clock()) },
  'agents.update': { access: 'operate', run: (ctx, input) => updateAgent(ctx.core.db, ctx.actor, input, ctx.core.clock()) },
  'agents.deactivate': {
    access: 'operate',
    run: (ctx, input) => updateAgent(ctx.core.db, ctx.actor, { ...input, isActive: false }, ctx.core.clock()),
  },
};
