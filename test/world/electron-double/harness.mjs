/* global process, console, setTimeout */
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, double } from 'electron';

/**
 * Loads the built shell (DIALDESK_DOUBLE_OUT/main/index.js) with `electron` as the test double, then
 * does what the test asks, one JSON line at a time on stdin, answering on stdout in lines that begin
 * with PREFIX (the shell's own log shares stdout).
 */
const PREFIX = '@@double ';
const out = process.env.DIALDESK_DOUBLE_OUT;
const answer = (id, value) => process.stdout.write(`${PREFIX}${JSON.stringify({ id, value })}\n`);
const fail = (id, err) => process.stdout.write(`${PREFIX}${JSON.stringify({ id, error: String(err?.stack ?? err) })}\n`);
const received = new Map();

async function until(test, what, ms = 20_000) {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const windowAt = (i) => {
  const win = double.windows[i ?? 0];
  if (!win) throw new Error(`there is no window ${i}`);
  return win;
};
const bridge = (i) => windowAt(i).world.exposed.dialdesk;

function facts() {
  return {
    calls: double.calls,
    handled: double.handled,
    headerListeners: double.headerListeners.length,
    exitCode: double.exitCode,
    errorBoxes: double.errorBoxes,
    windows: double.windows.map((w) => ({
      options: w.options,
      destroyed: w.destroyed,
      shown: w.shown,
      focused: w.focused,
      url: w.webContents.url,
      reloads: w.webContents.reloads,
      preload: w.world && {
        file: w.world.file,
        required: w.world.required,
        error: w.world.error,
        exposed: Object.fromEntries(Object.entries(w.world.exposed).map(([k, v]) => [k, Object.keys(v).sort()])),
        frozen: Object.values(w.world.exposed).every((v) => Object.isFrozen(v)),
      },
    })),
  };
}

const ops = {
  async start() {
    await import(pathToFileURL(join(out, 'main', 'index.js')).href);
    if (process.env.DIALDESK_DOUBLE_LOCK === 'held') {
      await until(() => double.exitCode !== null, 'the second instance to quit', 5_000);
      return facts();
    }
    app.becomeReady();
    await until(() => double.windows[0]?.world && double.handlers.size > 0, 'the first window and its handler');
    return facts();
  },
  facts,
  async invoke({ window, channel, arg }) {
    return bridge(window).invoke(channel, arg);
  },
  follow({ window, event }) {
    const key = `${window ?? 0}`;
    if (!received.has(key)) received.set(key, []);
    bridge(window).on(event, (payload) => received.get(key).push({ event, payload }));
    return null;
  },
  received({ window }) {
    return received.get(`${window ?? 0}`) ?? [];
  },
  navigate({ window, url }) {
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    windowAt(window).webContents.emit('will-navigate', event, url);
    return { prevented: event.defaultPrevented };
  },
  async openWindow({ window, url }) {
    const handler = windowAt(window).webContents.windowOpenHandler;
    const result = handler ? handler({ url }) : null;
    await new Promise((r) => setTimeout(r, 10));
    return { result, openedExternally: double.openedExternally };
  },
  headers({ url }) {
    return new Promise((resolve) => {
      const listener = double.headerListeners.at(-1);
      listener({ url, responseHeaders: { 'Content-Type': ['text/html'] } }, (response) => resolve(response));
    });
  },
  secondInstance() {
    app.emit('second-instance', {}, ['dialdesk'], process.cwd());
    return facts();
  },
  willChoose({ paths }) {
    double.dialogAnswers.push({ canceled: false, filePaths: paths });
    return null;
  },
  async quit() {
    app.quit();
    const code = await Promise.race([double.exited, new Promise((r) => setTimeout(() => r('no exit in 20 s'), 20_000))]);
    return { code, calls: double.calls.filter(([what]) => what.startsWith('app.')) };
  },
};

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const { id, op, ...args } = JSON.parse(line);
  Promise.resolve()
    .then(() => ops[op](args))
    .then(
      (value) => answer(id, value),
      (err) => fail(id, err),
    );
});
lines.on('close', () => process.exit(0));
process.on('unhandledRejection', (err) => console.error('unhandled rejection in the shell', err));
