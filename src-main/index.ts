import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Notification, session, shell, type WebContents } from 'electron';
import Store from 'electron-store';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../src-shared/bridge';
import { replaceDatabase } from './core/backup/restore';
import { createCore, DATABASE_FILE, type Core } from './core/core';
import type { DataFolderOwner } from './core/db/owner';
import { keyFileCipher } from './core/secrets/key-file';
import { fileDeskSettings, type DeskSettingsStore } from './core/settings/desk';
import { deskTls } from './core/settings/tls';
import { databaseFor } from './core/settings/desk-database';
import { startPort, type RunningPort } from './http/port';
import { ConsoleSessions } from './ipc/console-sessions';
import { HANDLERS } from './ipc/table';
import { safeStorageCipher } from './safe-storage';
import { dialogsFor } from './shell/dialogs';
import { watchAlerts } from './core/alerts/watch';
import { findCompany } from './core/companies/companies';
import type { CompanyRow } from './core/db/schema';
import type { Alert } from '../src-shared/contract/alerts';
import { alertText } from '../src-shared/i18n/alerts';

/**
 * The Electron shell, and nothing more: one instance, one locked-down window, the handler table on
 * ipcMain, the optional HTTP port, a restart on a restored backup, and a quit that checkpoints the
 * database.
 */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self' blob: http: https:; connect-src 'self'";
const RESTORE_ACTOR = { userId: null, name: 'console restore' };

let core: Core | null = null;
let port: RunningPort | null = null;
let sessions: ConsoleSessions | null = null;
/** set while the core restarts on a restored backup: calls meanwhile are told to retry */
let restoring: Promise<void> | null = null;
/** each window's subscription to the events its user may see, renewed when the core restarts */
const following = new Map<string, () => void>();
const windowKey = (contents: WebContents) => `window:${contents.id}`;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app
    .whenReady()
    .then(start)
    .catch((err) => {
      console.error('DialDesk failed to start', err);
      // e.g. `dialdesk serve` already owns this data folder: say so in a window, not only in a log
      dialog.showErrorBox('DialDesk could not start', err instanceof Error ? err.message : String(err));
      app.exit(1);
    });
}

/** better-sqlite3 built for Electron's ABI by scripts/electron-native.mjs (the Node build stays for tests). */
function electronNativeBinding(): string | undefined {
  const candidates = [
    join(process.resourcesPath ?? '', 'native', 'better_sqlite3.node'),
    join(app.getAppPath(), '.electron-native', 'better_sqlite3.node'),
  ];
  return candidates.find((file) => existsSync(file));
}

async function start(): Promise<void> {
  const store = new Store<Record<string, unknown>>({ name: 'desk-settings' });
  const desk = fileDeskSettings({ get: (key) => store.get(key), set: (key, value) => store.set(key, value) });
  await openCore(desk, null);

  ipcMain.removeHandler(INVOKE_CHANNEL);
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, arg: unknown) => {
    if (restoring || !sessions || !core) {
      return { ok: false, error: { code: 'SHUTTING_DOWN', message: 'DialDesk is restarting on a restored backup; try again in a moment' } };
    }
    const current = sessions;
    const appCore = core;
    const key = windowKey(event.sender);
    const call = {
      key,
      transport: { kind: 'electron' as const, remoteAddress: null, isLoopback: true },
      files: dialogsFor(event.sender, key, () => current.files),
    };
    const log = (message: string, err: unknown) => appCore.log.logger.error({ err, channel }, message);
    return (await current.invoke(call, channel, arg, log)).envelope;
  });

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  app.on('web-contents-created', (_e, contents) => lockDown(contents));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

/** The core, its console sessions and its port; `claim` carries the data folder over a restart. */
async function openCore(desk: DeskSettingsStore, claim: DataFolderOwner | null): Promise<Core> {
  const dataDir = app.getPath('userData');
  // the keychain seals what the console sets; the key file still opens what the command line sealed
  const keychain = safeStorageCipher();
  const appCore = await createCore({
    dataDir,
    // the desk's own file, or the PostgreSQL its Settings chose (DIALDESK_DATABASE overrides)
    database: databaseFor(dataDir, undefined),
    secretCiphers: keychain
      ? { ciphers: [keychain, keyFileCipher(dataDir)], label: "the system's keychain" }
      : { ciphers: [keyFileCipher(dataDir)], label: 'a key file in the data folder' },
    desk,
    nativeBinding: electronNativeBinding(),
    checkpointInWorker: true,
    owner: 'app',
    claim,
    scheduleBackups: true,
    // a rolling file in the data folder (Settings shows where); the console of a terminal that started the app too
    log: { console: 'info' },
  });
  const consoleSessions = new ConsoleSessions({
    core: appCore,
    handlers: HANDLERS,
    keys: 'caller',
    port: { listening: () => port?.address ?? null, reconfigure: () => applyPortSetting(appCore) },
    // after the answer has gone back to the window that asked
    restoreBackup: (file) => setImmediate(() => void restartOn(file)),
  });
  core = appCore;
  sessions = consoleSessions;
  appCore.onClose(() => consoleSessions.close());
  await applyPortSetting(appCore);
  appCore.onClose(async () => {
    await port?.close();
    port = null;
  });
  for (const win of BrowserWindow.getAllWindows()) follow(win.webContents);
  notifyAlerts(appCore); // stops when this core closes (a restore opens the next)
  return appCore;
}

/**
 * A restore from the console: the core closes (the folder stays this process's), the backup becomes
 * the database (core/backup/restore.ts), a core opens on it, and every window reloads to sign in again.
 */
function restartOn(file: string): Promise<void> {
  if (restoring || !core) return restoring ?? Promise.resolve();
  const old = core;
  restoring = (async () => {
    old.log.logger.warn({ file }, 'restoring a backup: the core closes, the database is replaced, then it opens again');
    for (const unfollow of following.values()) unfollow();
    following.clear();
    const claim = old.owner;
    await old.close({ keepClaim: true });
    core = null;
    sessions = null;
    let failure: unknown = null;
    let replaced = null;
    try {
      replaced = await replaceDatabase(old.dataDir, file, {
        databaseFile: DATABASE_FILE,
        actor: RESTORE_ACTOR,
        clock: old.clock,
        nativeBinding: electronNativeBinding(),
      });
    } catch (err) {
      failure = err;
    }
    const reopened = await openCore(old.desk, claim);
    if (failure) {
      reopened.log.logger.error({ err: failure, file }, 'the restore failed; the database was left as it was');
      dialog.showErrorBox('The backup was not restored', failure instanceof Error ? failure.message : String(failure));
    } else {
      reopened.log.logger.warn({ file, ...replaced }, 'restored a backup');
    }
    for (const win of BrowserWindow.getAllWindows()) win.webContents.reload();
  })()
    .catch((err) => {
      console.error('DialDesk could not come back after a restore', err);
      dialog.showErrorBox('DialDesk could not restart', err instanceof Error ? err.message : String(err));
      app.exit(1);
    })
    .finally(() => (restoring = null));
  return restoring;
}

/**
 * New alerts (a pool running low, a dialer gone silent, a wallet below its level) as desktop
 * notifications, in the desk's language, once each while it lasts; a click brings the window forward.
 */
function notifyAlerts(appCore: Core): void {
  if (!Notification.isSupported()) return;
  watchAlerts(appCore, (alert) => {
    findCompany(appCore.db, alert.companyId)
      .then((company) => {
        if (company) showAlert(appCore, alert, company);
      })
      .catch((err) => console.error('DialDesk could not show an alert', err));
  });
}

function showAlert(appCore: Core, alert: Alert, company: CompanyRow): void {
  const desk = appCore.desk.get();
  const text = alertText(alert, {
    language: desk.language,
    calendar: desk.calendar,
    companyName: company.name,
    timezone: company.timezone,
  });
  const note = new Notification({ title: text.title, body: text.body, urgency: alert.severity === 'critical' ? 'critical' : 'normal' });
  note.on('click', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  note.show();
}

/** The HTTP port runs only when the desk setting says so, with the dialer and inbound APIs only. */
async function applyPortSetting(appCore: Core): Promise<void> {
  const desk = appCore.desk.get();
  await port?.close();
  port = null;
  if (desk.httpEnabled) {
    try {
      port = await startPort(appCore, { host: desk.httpHost, port: desk.httpPort, tls: deskTls(desk) });
    } catch (err) {
      appCore.log.logger.error({ err }, `the HTTP port ${desk.httpHost}:${desk.httpPort} could not start`);
    }
  }
  // beside the folder's claim, for `dialdesk doctor` and the refusal a second process prints
  appCore.owner?.announce({ url: port?.url ?? null });
}

/** The window's user gets the events their role may see, from the one console-session module. */
function follow(contents: WebContents): void {
  const key = windowKey(contents);
  following.get(key)?.();
  const unfollow = sessions?.follow(key, (name, payload) => contents.send(EVENT_CHANNEL, name, payload));
  if (unfollow) following.set(key, unfollow);
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: 'DialDesk',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  const key = windowKey(win.webContents);
  follow(win.webContents);
  win.on('closed', () => {
    following.get(key)?.();
    following.delete(key);
    sessions?.end(key);
  });
  win.once('ready-to-show', () => win.show());
  if (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void win.loadFile(join(__dirname, '../renderer/index.html'));
}

/** No navigation away from the app and no new windows; links open in the system browser. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== contents.getURL()) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || (!core && !restoring)) return;
  event.preventDefault();
  quitting = true;
  void (async () => {
    await restoring;
    const closing = core;
    try {
      await closing?.close();
    } catch (err) {
      // the log file closes with the core: this goes to the terminal, if any
      console.error('DialDesk: error while closing', err);
    } finally {
      app.exit(0);
    }
  })();
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
