import type { ChannelName } from '../../../src-shared/contract';
import { AppError, forbidden } from '../../core/errors';
import { assertMayChangeMemberships, companyIdsOf, mayUseCompany } from '../../core/users/memberships';
import { changePassword, createUser, listUsers, needsSetup, setupSuperuser, updateUser, userOf } from '../../core/users/users';
import { login } from '../../core/users/sign-in';
import type { Handlers } from '../types';

type AuthChannel = Extract<ChannelName, `app.${string}` | `auth.${string}` | `users.${string}`>;

export const authHandlers: Handlers<AuthChannel> = {
  'app.state': {
    access: 'public',
    run: async (ctx) => ({
      needsSetup: await needsSetup(ctx.core.db),
      user: ctx.user,
      version: ctx.core.version,
      shell: ctx.transport.kind === 'electron' ? 'desktop' : 'headless',
      language: ctx.core.desk.get().language,
      calendar: ctx.core.desk.get().calendar,
    }),
  },
  'auth.setup': {
    access: 'public',
    async run(ctx, input) {
      if (!ctx.transport.isLoopback) throw new AppError('FORBIDDEN', 'first-run setup is accepted only on this machine');
      const user = await setupSuperuser(ctx.core.db, input.username, input.password, ctx.core.clock());
      ctx.startSession(user);
      return user;
    },
  },
  'auth.login': {
    access: 'public',
    async run(ctx, input) {
      const user = await login(ctx.core.db, input.username, input.password, ctx.core.clock());
      ctx.startSession(user);
      return user;
    },
  },
  'auth.logout': {
    access: 'signedIn',
    run(ctx) {
      ctx.endSession();
      return null;
    },
  },
  'auth.changePassword': {
    access: 'signedIn',
    async run(ctx, input) {
      await changePassword(ctx.core.db, ctx.user.id, input.currentPassword, input.newPassword, ctx.core.clock());
      return null;
    },
  },
  'users.list': {
    access: 'manage',
    run(ctx, input) {
      // the site owner sees everyone; an admin the people of the companies they work for (or of one of them)
      const scope = input.companyId !== undefined ? [input.companyId] : ctx.user.role === 'superuser' ? null : ctx.user.companyIds;
      return listUsers(ctx.core.db, ctx.core.clock(), scope);
    },
  },
  'users.create': {
    access: 'manage',
    run(ctx, input) {
      if (ctx.user.role !== 'superuser' && input.role === 'superuser') throw forbidden('only a superuser can create a superuser');
      const wanted = input.companyId === null ? [] : [input.companyId, ...(input.companyIds ?? [])];
      assertMayChangeMemberships(ctx.user, [], wanted);
      return createUser(ctx.core.db, ctx.actor, input, ctx.core.clock());
    },
  },
  'users.update': {
    access: 'manage',
    async run(ctx, input) {
      const target = await userOf(ctx.core.db, input.id);
      const targetIds = await companyIdsOf(ctx.core.db, target.id);
      if (ctx.user.role !== 'superuser' && (target.role === 'superuser' || !targetIds.some((id) => mayUseCompany(ctx.user, id)))) {
        throw forbidden('you can change the people of your own companies only');
      }
      if (input.role === 'superuser' && ctx.user.role !== 'superuser') throw forbidden('only a superuser can grant superuser');
      if (input.companyIds !== undefined) assertMayChangeMemberships(ctx.user, targetIds, input.companyIds);
      if (target.id === ctx.user.id && input.isActive === false) throw new AppError('BAD_INPUT', 'you cannot deactivate yourself');
      return updateUser(ctx.core.db, ctx.actor, input, ctx.core.clock());
    },
  },
};
