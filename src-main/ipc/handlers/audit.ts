import { listAudit } from '../../core/audit/list';
import type { Handlers } from '../types';

export const auditHandlers: Handlers<'audit.list'> = {
  'audit.list': { access: 'manage', run: (ctx, input) => listAudit(ctx.core.db, ctx.user, input) },
};
