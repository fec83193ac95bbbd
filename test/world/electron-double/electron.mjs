/* global process, structuredClone, Buffer */
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A test double of the `electron` module, for loading the built shell (out/main/index.js) under plain
 * Node. It does what the shell asks of Electron as Electron documents it, and records what it was
 * asked, in `double`. It is not Electron: no Chromium, no real IPC, no sandbox; what it can show is the
 * shell's wiring (which calls it makes, in which order, with which options), not Electron's behaviour.
 *
 * Set by the harness before the shell loads: DIALDESK_DOUBLE_USER_DATA (app.getPath('userData')),
 * DIALDESK_DOUBLE_APP_PATH (app.getAppPath()), DIALDESK_DOUBLE_LOCK=held (another instance holds the
 * single-instance lock).
 */
export const double = {
  calls: [],
  /** ipcMain.handle registrations, in order: [channel, ...] */
  handled: [],
  handlers: new Map(),
  headerListeners: [],
  windows: [],
  exitCode: null,
  exited: null,
  openedExternally: [],
  errorBoxes: [],
  /** answers for the next open dialogs, first in first out; none: the user cancels */
  dialogAnswers: [],
};
let markExited;
double.exited = new Promise((resolve) => (markExited = resolve));
const record = (what, ...args) => double.calls.push([what, ...args]);

let readyResolve;
const ready = new Promise((resolve) => (readyResolve = resolve));

class App extends EventEmitter {
  isPackaged = false;
  requestSingleInstanceLock() {
    record('app.requestSingleInstanceLock');
    return process.env.DIALDESK_DOUBLE_LOCK !== 'held';
  }
  whenReady() {
    record('app.whenReady');
    return ready;
  }
  /** what Electron does when it is ready; the harness calls it */
  becomeReady() {
    this.emit('ready');
    readyResolve();
  }
  getPath(name) {
    record('app.getPath', name);
    if (name === 'userData') return process.env.DIALDESK_DOUBLE_USER_DATA;
    return join(tmpdir(), `dialdesk-double-${name}`);
  }
  getAppPath() {
    return process.env.DIALDESK_DOUBLE_APP_PATH;
  }
  getVersion() {
    return '0.1.0';
  }
  getName() {
    return 'DialDesk';
  }
  /** Electron: emits before-quit (which may be prevented), then closes windows and exits */
  quit() {
    record('app.quit');
    const event = preventable();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    for (const win of [...double.windows]) win.close();
    this.emit('will-quit', preventable());
    this.exit(0);
  }
  exit(code = 0) {
    record('app.exit', code);
    if (double.exitCode !== null) return;
    double.exitCode = code;
    markExited(code);
  }
}

function preventable() {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export const app = new App();

let nextContentsId = 1;

class WebContents extends EventEmitter {
  constructor(win) {
    super();
    this.id = nextContentsId++;
    this.win = win;
    this.url = '';
    this.windowOpenHandler = null;
    this.reloads = 0;
    /** the renderer side: what the preload listens to */
    this.rendererListeners = new Map();
  }
  getURL() {
    return this.url;
  }
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn;
  }
  reload() {
    this.reloads++;
  }
  /** main → renderer, structured-cloned as Electron's IPC does */
  send(channel, ...args) {
    const cloned = structuredClone(args);
    for (const listener of this.rendererListeners.get(channel) ?? []) listener({ sender: null }, ...cloned);
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return double.windows.filter((w) => !w.destroyed);
  }
  static fromWebContents(contents) {
    return double.windows.find((w) => w.webContents === contents) ?? null;
  }
  constructor(options = {}) {
    super();
    record('new BrowserWindow');
    this.options = options;
    this.destroyed = false;
    this.shown = false;
    this.focused = 0;
    this.webContents = new WebContents(this);
    double.windows.push(this);
    app.emit('web-contents-created', preventable(), this.webContents);
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {
    this.focused++;
  }
  show() {
    this.shown = true;
  }
  close() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
  /** Electron loads the page after running the preload in the page's isolated world */
  async loadFile(file) {
    record('win.loadFile', file);
    this.webContents.url = `file://${file}`;
    this.world = runPreload(this);
    this.emit('ready-to-show');
  }
  async loadURL(url) {
    record('win.loadURL', url);
    this.webContents.url = url;
    this.world = runPreload(this);
    this.emit('ready-to-show');
  }
}

/**
 * Runs the window's preload as a sandboxed preload runs: CommonJS, with a `require` that serves
 * `electron` (contextBridge, ipcRenderer) and nothing else. What it exposes lands in `world`.
 */
function runPreload(win) {
  const file = win.options.webPreferences?.preload;
  const world = { file, exposed: {}, required: [], error: null };
  if (!file || !existsSync(file)) {
    world.error = `no preload at ${file}`;
    return world;
  }
  const contents = win.webContents;
  const ipcRenderer = {
    invoke(channel, ...args) {
      const handler = double.handlers.get(channel);
      if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
      const event = { sender: contents, senderFrame: { url: contents.url } };
      return Promise.resolve(handler(event, ...structuredClone(args))).then((answer) => structuredClone(answer));
    },
    on(channel, listener) {
      const list = contents.rendererListeners.get(channel) ?? [];
      list.push(listener);
      contents.rendererListeners.set(channel, list);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      const list = contents.rendererListeners.get(channel) ?? [];
      contents.rendererListeners.set(
        channel,
        list.filter((l) => l !== listener),
      );
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld(name, api) {
      world.exposed[name] = api;
    },
  };
  const sandboxedRequire = (id) => {
    world.required.push(id);
    if (id === 'electron') return { contextBridge, ipcRenderer };
    throw new Error(`a sandboxed preload cannot require ${id}`);
  };
  const module = { exports: {} };
  try {
    new Function('require', 'module', 'exports', readFileSync(file, 'utf8'))(sandboxedRequire, module, module.exports);
  } catch (err) {
    world.error = String(err?.stack ?? err);
  }
  return world;
}

export const ipcMain = {
  handle(channel, fn) {
    record('ipcMain.handle', channel);
    if (double.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    double.handled.push(channel);
    double.handlers.set(channel, fn);
  },
  removeHandler(channel) {
    record('ipcMain.removeHandler', channel);
    double.handlers.delete(channel);
  },
  on(channel) {
    record('ipcMain.on', channel);
  },
};

export const session = {
  defaultSession: {
    webRequest: {
      onHeadersReceived(listener) {
        record('session.onHeadersReceived');
        double.headerListeners.push(listener);
      },
    },
  },
};

const dialogAnswer = () => double.dialogAnswers.shift() ?? { canceled: true, filePaths: [] };
export const dialog = {
  showErrorBox(title, content) {
    double.errorBoxes.push({ title, content });
  },
  async showOpenDialog(...args) {
    record('dialog.showOpenDialog', args.at(-1));
    return dialogAnswer();
  },
  async showSaveDialog(...args) {
    record('dialog.showSaveDialog', args.at(-1));
    return { canceled: true };
  },
};

export const shell = {
  async openExternal(url) {
    double.openedExternally.push(url);
  },
  async openPath() {
    return '';
  },
};

/** Only a preload's `require('electron')` gets these, bound to its window (see runPreload). */
export const contextBridge = {
  exposeInMainWorld() {
    throw new Error('contextBridge is for preloads');
  },
};
export const ipcRenderer = {
  invoke() {
    throw new Error('ipcRenderer is for preloads');
  },
};

/** desktop notifications: recorded, never shown */
export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    this.options = options;
  }
  show() {
    record('notification.show', this.options);
  }
}

/**
 * safeStorage as on a Linux desk with no keyring: Electron falls back to `basic_text` (a hard-coded
 * password), which the shell must not trust (src-main/safe-storage.ts), so the key file serves.
 */
export const safeStorage = {
  isEncryptionAvailable() {
    return true;
  },
  getSelectedStorageBackend() {
    return 'basic_text';
  },
  encryptString(plain) {
    record('safeStorage.encryptString');
    return Buffer.from(plain, 'utf8');
  },
  decryptString(sealed) {
    return sealed.toString('utf8');
  },
};

export default { app, BrowserWindow, ipcMain, session, dialog, shell, contextBridge, ipcRenderer, Notification, safeStorage };
