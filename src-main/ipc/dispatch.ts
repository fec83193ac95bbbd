import type { z } from 'zod';
import { CHANNELS, isChannelName, type ChannelName } from '../../src-shared/contract';
import type { Envelope, ErrorBody, FieldIssue } from '../../src-shared/errors';
import { can } from '../../src-shared/roles';
import { AppError, fieldOf, storageFailure } from '../core/errors';
import { sessionUserOf, userOf } from '../core/users/users';
import { assertMayUseCompany } from '../core/users/memberships';
import type { HandlerContext, HandlerTable, SignedInContext } from './types';

export type Logger = (message: string, err: unknown) => void;
const defaultLogger: Logger = (message, err) => console.error(message, err);

/**
 * The one entry point for every console call, from Electron's ipcMain and from the headless
 * bridge alike: known channel → signed in → allowed → valid input → run → envelope.
 */
export async function dispatch(
  table: HandlerTable,
  ctx: HandlerContext,
  channel: unknown,
  arg: unknown,
  log: Logger = defaultLogger,
): Promise<Envelope<unknown>> {
  try {
    if (!isChannelName(channel)) {
      throw new AppError(
        'UNKNOWN_CHANNEL',
        typeof channel === 'string'
          ? `no channel named ${JSON.stringify(channel)}`
          : `a channel is named by a string, not a ${typeof channel}`,
      );
    }
    const handler = table[channel];
    if (handler.access === 'public') {
      const input = parse(channel, arg);
      return { ok: true, value: (await handler.run(ctx, input as never)) ?? null };
    }
    const signedIn = await refreshUser(ctx);
    if (handler.access !== 'signedIn' && !can(signedIn.user.role, handler.access)) {
      throw new AppError('FORBIDDEN', `a ${signedIn.user.role} may not use ${channel}`);
    }
    const input = parse(channel, arg);
    checkCompany(signedIn, input);
    return { ok: true, value: (await handler.run(signedIn, input as never)) ?? null };
  } catch (err) {
    // the channel is whatever the caller sent: String() of an object whose toString is not a function throws
    return { ok: false, error: toErrorBody(err, `ipc ${typeof channel === 'string' ? channel : `(a ${typeof channel})`}`, log) };
  }
}

function parse(channel: ChannelName, arg: unknown): unknown {
  const schema = CHANNELS[channel].input as z.ZodType;
  const result = schema.safeParse(arg ?? {});
  if (!result.success) throw new AppError('BAD_INPUT', describeIssues(result.error), fieldIssues(result.error));
  return result.data;
}

/** Each issue on its field, with what the console needs to word it in its own language. */
function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.slice(0, 20).map((i) => {
    const limit = 'maximum' in i ? Number(i.maximum) : 'minimum' in i ? Number(i.minimum) : undefined;
    return {
      path: i.path.join('.'),
      message: i.message,
      issue: i.code,
      ...(limit !== undefined && Number.isFinite(limit) && { limit }),
      ...('origin' in i && typeof i.origin === 'string' && { origin: i.origin }),
    };
  });
}

/** "name: a company needs a name; slug: a slug is ..." — short, names the field. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Re-reads the user on every call, so a deactivation or role change takes effect at once. */
async function refreshUser(ctx: HandlerContext): Promise<SignedInContext> {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'sign in first');
  let row;
  try {
    row = await userOf(ctx.core.db, ctx.user.id);
  } catch {
    row = undefined;
  }
  if (!row || row.is_active !== 1) {
    ctx.endSession();
    throw new AppError('UNAUTHENTICATED', 'your session has ended; sign in again');
  }
  const user = await sessionUserOf(ctx.core.db, row);
  return { ...ctx, user, actor: { userId: user.id, name: user.username } };
}

/** A call about a company is refused unless the user works for it (memberships, core/users/memberships.ts). */
function checkCompany(ctx: SignedInContext, input: unknown): void {
  if (typeof input !== 'object' || input === null) return;
  const companyId = (input as { companyId?: unknown }).companyId;
  if (typeof companyId === 'number') assertMayUseCompany(ctx.user, companyId);
}

export function toErrorBody(err: unknown, where: string, log: Logger): ErrorBody {
  if (err instanceof AppError) {
    const fields =
      err.fields ?? (err.code === 'BAD_INPUT' || err.code === 'CONFLICT' ? [fieldOf(err.message)].filter((f) => f !== null) : []);
    return { code: err.code, message: err.message, ...(fields.length > 0 && { fields }) };
  }
  // a full disk or a locked database: the console shows the cause, and the log keeps the details
  const failure = storageFailure(err);
  if (failure) {
    log(`${where}: ${failure.code}`, err);
    return { code: failure.code, message: failure.message };
  }
  log(`${where}: unexpected error`, err);
  return { code: 'INTERNAL', message: 'something went wrong inside DialDesk; the details are in its log' };
}
