import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, session, shell, type WebContents } from 'electron';
import Store from 'electron-store';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../src-shared/bridge';
import { createCore, type Core } from './core/core';
import { localSaveTarget, safeFileName } from './core/exports/delivery';
import { fileDeskSettings } from './core/settings/desk';
import { startPort, type RunningPort } from './http/port';
import { ConsoleSessions } from './ipc/console-sessions';
import { HANDLERS } from './ipc/table';
import type { DeskFiles } from './ipc/types';

/**
 * The Electron shell, and nothing more: one instance, one locked-down window, the handler table on
 * ipcMain, the optional HTTP port, and a quit that checkpoints the database.
 */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'";

let core: Core | null = null;
let port: RunningPort | null = null;
let sessions: ConsoleSessions | null = null;
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
  core = await createCore({
    dataDir: app.getPath('userData'),
    desk: fileDeskSettings({ get: (key) => store.get(key), set: (key, value) => store.set(key, value) }),
    nativeBinding: electronNativeBinding(),
    checkpointInWorker: true,
    owner: 'app',
    // a rolling file in the data folder (Settings shows where); the console of a terminal that started the app too
    log: { console: 'info' },
  });
  const appCore = core;
  const consoleSessions = new ConsoleSessions({
    core: appCore,
    handlers: HANDLERS,
    keys: 'caller',
    port: { listening: () => port?.address ?? null, reconfigure: () => applyPortSetting(appCore) },
  });
  sessions = consoleSessions;
  appCore.onClose(() => consoleSessions.close());

  ipcMain.removeHandler(INVOKE_CHANNEL);
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, arg: unknown) => {
    const call = {
      key: windowKey(event.sender),
      transport: { kind: 'electron' as const, remoteAddress: null, isLoopback: true },
      files: dialogsFor(event.sender, consoleSessions),
    };
    const log = (message: string, err: unknown) => appCore.log.logger.error({ err, channel }, message);
    return (await consoleSessions.invoke(call, channel, arg, log)).envelope;
  });

  await applyPortSetting(appCore);
  appCore.onClose(async () => {
    await port?.close();
    port = null;
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

/**
 * Files go through the desk's own dialogs: exports where the user saves them, lists read from where
 * the user picked them (behind a one-time handle bound to this window), folders chosen the same way.
 * The window never sends a path.
 */
function dialogsFor(sender: WebContents, sessions: ConsoleSessions): Omit<DeskFiles, 'take'> {
  const owner = windowKey(sender);
  const win = () => BrowserWindow.fromWebContents(sender);
  return {
    async chooseSaveTarget(suggestedName) {
      const options = { defaultPath: join(app.getPath('downloads'), safeFileName(suggestedName)) };
      const w = win();
      const choice = w ? await dialog.showSaveDialog(w, options) : await dialog.showSaveDialog(options);
      return choice.canceled || !choice.filePath ? null : localSaveTarget(choice.filePath);
    },
    dialogs: {
      async pickOpen() {
        const options: Electron.OpenDialogOptions = {
          properties: ['openFile'],
          filters: [
            { name: 'Lists of numbers', extensions: ['csv', 'txt'] },
            { name: 'All files', extensions: ['*'] },
          ],
        };
        const w = win();
        const choice = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
        const path = choice.filePaths[0];
        return choice.canceled || !path ? null : sessions.files.addPicked(owner, path);
      },
      async chooseFolder(title) {
        const options: Electron.OpenDialogOptions = { title, properties: ['openDirectory', 'createDirectory'] };
        const w = win();
        const choice = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
        return choice.canceled || !choice.filePaths[0] ? null : choice.filePaths[0];
      },
    },
  };
}

/** The HTTP port runs only when the desk setting says so, with the dialer and inbound APIs only. */
async function applyPortSetting(appCore: Core): Promise<void> {
  const desk = appCore.desk.get();
  await port?.close();
  port = null;
  if (!desk.httpEnabled) return;
  try {
    port = await startPort(appCore, { host: desk.httpHost, port: desk.httpPort });
  } catch (err) {
    appCore.log.logger.error({ err }, `the HTTP port ${desk.httpHost}:${desk.httpPort} could not start`);
  }
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
  // the window's user gets the events their role may see, from the one console-session module
  const key = windowKey(win.webContents);
  const contents = win.webContents;
  const unfollow = sessions?.follow(key, (name, payload) => contents.send(EVENT_CHANNEL, name, payload));
  win.on('closed', () => {
    unfollow?.();
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
  if (quitting || !core) return;
  event.preventDefault();
  quitting = true;
  const closing = core;
  closing
    .close()
    .catch((err) => {
      closing.log.logger.error({ err }, 'error while closing');
      console.error('DialDesk: error while closing', err);
    })
    .finally(() => app.exit(0));
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
