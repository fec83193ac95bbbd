import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelName, Input, Output, SessionUser } from '../../src-shared/contract';
import type { Envelope } from '../../src-shared/errors';
import type { Role } from '../../src-shared/roles';
import { createCore, DATABASE_FILE, type Core } from '../../src-main/core/core';
import { memoryDeskSettings } from '../../src-main/core/settings/desk';
import { createCompany } from '../../src-main/core/companies/companies';
import { createUser, sessionUserOf, setupSuperuser, userOf } from '../../src-main/core/users/users';
import { CLI_ACTOR } from '../../src-main/core/audit/audit';
import { dispatch } from '../../src-main/ipc/dispatch';
import { HANDLERS } from '../../src-main/ipc/table';
import type { Clock } from '../../src-main/core/time';
import type { Timers } from '../../src-main/core/backup/schedule';
import { localSaveTarget, safeFileName } from '../../src-main/core/exports/delivery';
import { OpenedFiles } from '../../src-main/ipc/opened-files';
import type { DeskFiles } from '../../src-main/ipc/types';
import { freshTestDatabase, testEngine, type TestDatabase } from './engine';

export interface TestCore extends Core {
  /** removes the temporary data dir */
  dispose(): Promise<void>;
}

type TestCoreOptions = { clock?: Clock; checkpointInWorker?: boolean; scheduleBackups?: Timers };

/**
 * A core on a real SQLite file in a fresh temp dir, every real migration applied; in the `postgres`
 * test project, on a fresh PostgreSQL database of its own instead (engine.ts).
 */
export async function makeTestCore(options: TestCoreOptions = {}): Promise<TestCore> {
  const database = testEngine() === 'postgres' ? await freshTestDatabase() : null;
  return testCoreIn(mkdtempSync(join(tmpdir(), 'dialdesk-test-')), options, database);
}

async function testCoreIn(dataDir: string, options: TestCoreOptions = {}, database: TestDatabase | null = null): Promise<TestCore> {
  const core = await createCore({
    dataDir,
    database: database?.url,
    desk: memoryDeskSettings(),
    clock: options.clock,
    checkpointInWorker: options.checkpointInWorker,
    scheduleBackups: options.scheduleBackups,
  });
  return Object.assign(core, {
    async dispose() {
      await core.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** The seeded world kept for copies: its SQLite file's bytes, or its PostgreSQL database (a template). */
type SeededCopy = { file: Buffer; template: null } | { file: null; template: string };
let seeded: Promise<{ copy: SeededCopy; world: World }> | undefined;

/**
 * makeTestCore + seedWorld, for suites that start every test from a fresh world on the real clock:
 * the world is seeded once per test file (its four password hashes cost ~150 ms), kept as the bytes
 * of its database file, and each test opens a copy of them in a fresh folder.
 */
export async function makeSeededCore(): Promise<{ core: TestCore; world: World }> {
  seeded ??= (async () => {
    if (testEngine() === 'postgres') {
      // kept (not dropped) for the file's tests to copy; the cluster goes with the run
      const database = await freshTestDatabase();
      const core = await testCoreIn(mkdtempSync(join(tmpdir(), 'dialdesk-test-')), {}, database);
      const world = await seedWorld(core);
      await core.close();
      return { copy: { file: null, template: database.name }, world };
    }
    const core = await makeTestCore();
    const world = await seedWorld(core);
    const file = core.db.sqlite.serialize();
    await core.dispose();
    return { copy: { file, template: null }, world };
  })();
  const { copy, world } = await seeded;
  const dataDir = mkdtempSync(join(tmpdir(), 'dialdesk-test-'));
  if (copy.file) writeFileSync(join(dataDir, DATABASE_FILE), copy.file);
  const database = copy.template === null ? null : await freshTestDatabase(copy.template);
  return { core: await testCoreIn(dataDir, {}, database), world: structuredClone(world) };
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

/**
 * The desk's dialogs, as a test answers them: what the user will pick next in the open dialog and the
 * folder dialog (null: they cancel). Files picked get handles the real registry gives out.
 */
interface TestDesk {
  opened: OpenedFiles;
  picks: (string | null)[];
  folders: (string | null)[];
  /** files the desk itself will read (TLS), in dialog order */
  files: (string | null)[];
  /** backups the console asked the process to restart on */
  restores: string[];
}
const desks = new WeakMap<Core, TestDesk>();
function deskOf(core: Core): TestDesk {
  let desk = desks.get(core);
  if (!desk) {
    desk = { opened: new OpenedFiles(core.clock), picks: [], folders: [], files: [], restores: [] };
    desks.set(core, desk);
  }
  return desk;
}

/** The user will pick this file in the next open dialog (null: they cancel it). */
export function willPick(core: Core, path: string | null): void {
  deskOf(core).picks.push(path);
}

/** The user will choose this file in the next single-file dialog (null: they cancel it). */
export function willChooseFile(core: Core, path: string | null): void {
  deskOf(core).files.push(path);
}

/** The backups a console call asked the process to restart on (the app and serve restart; a test only records). */
export function restoresRequested(core: Core): string[] {
  return deskOf(core).restores;
}

/** The user will choose this folder in the next folder dialog (null: they cancel it). */
export function willChooseFolder(core: Core, dir: string | null): void {
  deskOf(core).folders.push(dir);
}

function testFiles(core: Core, window: string, dialogs: boolean): DeskFiles {
  const desk = deskOf(core);
  return {
    // as if the user accepted the save dialog's suggestion, in the test's own data dir
    chooseSaveTarget: async (name) => {
      mkdirSync(join(core.dataDir, 'saved'), { recursive: true });
      return localSaveTarget(join(core.dataDir, 'saved', safeFileName(name)));
    },
    dialogs: dialogs
      ? {
          pickOpen: async () => {
            const path = desk.picks.shift() ?? null;
            return path === null ? null : desk.opened.addPicked(window, path);
          },
          chooseFolder: async () => desk.folders.shift() ?? null,
          chooseFile: async () => desk.files.shift() ?? null,
        }
      : null,
    take: (handle) => desk.opened.take(window, handle),
  };
}

/**
 * Calls a channel through the real handler table, as a console user would. `window` is the session
 * the call comes from (file handles are bound to it); `dialogs: false` is a transport without the
 * desk's dialogs (`serve`).
 */
export async function call<C extends ChannelName>(
  core: Core,
  user: SessionUser | null,
  channel: C,
  arg: Input<C> | unknown,
  transport: { isLoopback?: boolean; window?: string; dialogs?: boolean } = {},
): Promise<Envelope<Output<C>>> {
  let session = user;
  return dispatch(
    HANDLERS,
    {
      core,
      // a desk whose HTTP port is off and cannot be restarted from here
      port: { listening: () => null, reconfigure: null },
      transport: { kind: 'http', remoteAddress: '127.0.0.1', isLoopback: transport.isLoopback ?? true },
      user: session,
      actor: session ? { userId: session.id, name: session.username } : { userId: null, name: 'anonymous' },
      startSession: (u) => (session = u),
      endSession: () => (session = null),
      files: testFiles(core, transport.window ?? 'window-1', transport.dialogs ?? true),
      restoreBackup: (file) => deskOf(core).restores.push(file),
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

/** The two companies every test world has: Acme (Berlin, EUR, 50 a call) and Globex (New York, USD, 30 a call). */
export async function seedCompanies(core: Core): Promise<{ companyA: number; companyB: number }> {
  const now = core.clock();
  const base = { billingMode: 'per_call' as const, costPerMinute: 0 };
  const a = await createCompany(
    core.db,
    CLI_ACTOR,
    { ...base, slug: 'acme', name: 'Acme', timezone: 'Europe/Berlin', currency: 'EUR', costPerBillable: 50, lowBalanceThreshold: 1000 },
    now,
  );
  const b = await createCompany(
    core.db,
    CLI_ACTOR,
    { ...base, slug: 'globex', name: 'Globex', timezone: 'America/New_York', currency: 'USD', costPerBillable: 30, lowBalanceThreshold: 0 },
    now,
  );
  return { companyA: a.id, companyB: b.id };
}

/** The two companies, a superuser, and an admin, supervisor and viewer of company A. */
export async function seedWorld(core: Core): Promise<World> {
  const now = core.clock();
  const superuser = await setupSuperuser(core.db, 'root', 'correct horse', now);
  const { companyA, companyB } = await seedCompanies(core);
  const users = {} as World['users'];
  for (const role of ['admin', 'supervisor', 'viewer'] as const) {
    const dto = await createUser(core.db, CLI_ACTOR, { username: `${role}-a`, password: 'password-1', role, companyId: companyA }, now);
    users[role] = await sessionUserOf(core.db, await userOf(core.db, dto.id));
  }
  return { superuser, companyA, companyB, users };
}
