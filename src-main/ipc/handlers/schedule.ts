import type { ChannelName } from '../../../src-shared/contract';
import { getSchedule, setSchedule } from '../../core/schedule/schedule';
import type { Handlers } from '../types';

type ScheduleChannel = Extract<ChannelName, `schedule.${string}`>;

export const scheduleHandlers: Handlers<ScheduleChannel> = {
  'schedule.get': { access: 'read', run: (ctx, input) => getSchedule(ctx.core.db, input.companyId, ctx.core.clock()) },
  'schedule.set': {
    access: 'operate',
    run(ctx, input) {
      const schedule = setSchedule(ctx.core.db, ctx.actor, input, ctx.core.clock());
      ctx.core.events.emit('company.changed', { companyId: input.companyId });
      return schedule;
    },
  },
};
