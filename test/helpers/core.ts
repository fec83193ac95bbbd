import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelName, Input, Output, SessionUser } from '../../src-shared/contract';
import type { Envelope } from '../../src-shared/errors';
import type { Role } from '../../src-shared/roles';
import { createCore, type Core } from '../../src-main/core/core';
import { memoryDeskSettings } from '../../src-main/core/settings/desk';
import { createCompany } from '../../src-main/core/companies/companies';
import { createUser, getUser, setupSuperuser, toSessionUser } from '../../src-main/core/users/users';
import { CLI_ACTOR } from '../../src-main/core/audit/audit';
import { dispatch } from '../../src-main/ipc/dispatch';
import { HANDLERS } from '../../src-main/ipc/table';
import type { Clock } from '../../src-main/core/time';
import { localSaveTarget, safeFileName } from '../../src-main/core/exports/delivery';

export interface TestCore extends Core {
  /** removes the temporary data dir */
  dispose(): Promise<void>;
}

/** A core on a real SQLite file in a fresh temp dir, every real migration applied. */
export async function makeTestCore(options: { clock?: Clock; checkpointInWorker?: boolean } = {}): Promise<TestCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dialdesk-test-'));
  const core = await createCore({ dataDir, desk: memoryDeskSettings(), clock: options.clock, checkpointInWorker: options.checkpointInWorker });
  return Object.assign(core, {
    async dispose() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** A settable clock for rules that depend on time (cooldown, leases, schedule, lockout). */
export function manualClock(start = Date.parse('2026-03-02T10:00:00Z')) {
  let now = start;
  const clock: Clock = () => now;
  return {
    clock,
    set: (ms: number) => (now = ms),
    advance: (ms: number) => (now += ms),
  };
}

/** Calls a channel through the real handler table, as a console user would. */
export async function call<C extends ChannelName>(
  core: Core,
  user: SessionUser | null,
  channel: C,
  arg: Input<C> | unknown,
  transport: { isLoopback?: boolean } = {},
): Promise<Envelope<Output<C>>> {
  let session = user;
  return dispatch(
    HANDLERS,
    {
      core,
      transport: { kind: 'http', remoteAddress: '127.0.0.1', isLoopback: transport.isLoopback ?? true },
      user: session,
      actor: session ? { userId: session.id, name: session.username } : { userId: null, name: 'anonymous' },
      startSession: (u) => (session = u),
      endSession: () => (session = null),
      // as if the user accepted the save dialog's suggestion, in the test's own data dir
      files: {
        chooseSaveTarget: async (name) => {
          mkdirSync(join(core.dataDir, 'saved'), { recursive: true });
          return localSaveTarget(join(core.dataDir, 'saved', safeFileName(name)));
        },
      },
    },
    channel,
    arg,
    () => undefined,
  ) as Promise<Envelope<Output<C>>>;
}

/** Unwraps an envelope, failing the test with the error if it is not ok. */
export function ok<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
}

export interface World {
  superuser: SessionUser;
  companyA: number;
  companyB: number;
  users: Record<Exclude<Role, 'superuser'>, SessionUser>;
}

/** A superuser, two companies, and an admin, supervisor and viewer of company A. */
export async function seedWorld(core: Core): Promise<World> {
  const now = core.clock();
  const superuser = await setupSuperuser(core.db, 'root', 'correct horse', now);
  const a = createCompany(core.db, CLI_ACTOR, { slug: 'acme', name: 'Acme', timezone: 'Europe/Berlin', currency: 'EUR', billingMode: 'per_call', costPerBillable: 50, costPerMinute: 0, lowBalanceThreshold: 1000 }, now);
  const b = createCompany(core.db, CLI_ACTOR, { slug: 'globex', name: 'Globex', timezone: 'America/New_York', currency: 'USD', billingMode: 'per_call', costPerBillable: 30, costPerMinute: 0, lowBalanceThreshold: 0 }, now);
  const users = {} as World['users'];
  for (const role of ['admin', 'supervisor', 'viewer'] as const) {
    const dto = await createUser(core.db, CLI_ACTOR, { username: `${role}-a`, password: 'password-1', role, companyId: a.id }, now);
    users[role] = toSessionUser(getUser(core.db, dto.id));
  }
  return { superuser, companyA: a.id, companyB: b.id, users };
}
