import { endsSession, SESSION_HEADER, UPLOAD_NAME_HEADER, UPLOAD_ROUTE } from '../../src-shared/bridge';
import type { PickedFile } from '../../src-shared/contract/files';
import type { Envelope, ErrorCode } from '../../src-shared/errors';
import type { DialdeskBridge, EventMap, EventName } from '../../src-shared/events';

/**
 * window.dialdesk for the console served by `dialdesk serve`: the same narrow API the Electron preload
 * exposes (invoke, on), spoken over HTTP to the same handler table. The session token lives in this
 * tab's sessionStorage and travels in a header, never in a cookie. Built as one plain script
 * (scripts/build-bridge.mjs) that the server puts in front of the console's page.
 */

type Listener = (payload: unknown) => void;
const STORAGE_KEY = 'dialdesk.session';
// the server's upload limit, on the script tag the server put in front of the page
const UPLOAD_LIMIT = Number(document.currentScript?.getAttribute('data-upload-limit')) || 0;
/** events raised here in the page, never by the server's stream */
const LOCAL_EVENTS: ReadonlySet<EventName> = new Set<EventName>(['upload.progress']);

const listeners = new Map<string, Listener[]>();
const localListeners = new Map<string, Listener[]>();
let stream: AbortController | null = null;

function token(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function setToken(value: string | null): void {
  try {
    if (value) sessionStorage.setItem(STORAGE_KEY, value);
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // private mode: the session lasts as long as the page
  }
}

const failure = (code: ErrorCode, message: string): Envelope<never> => ({ ok: false, error: { code, message } });

async function invoke(channel: string, arg?: unknown): Promise<Envelope<unknown>> {
  if (channel === 'files.pickOpen') return pickAndUpload();
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const t = token();
  if (t) headers[SESSION_HEADER] = t;
  let envelope: Envelope<unknown>;
  try {
    const res = await fetch('/rpc/invoke', {
      method: 'POST',
      headers,
      body: JSON.stringify({ channel, arg: arg === undefined ? {} : arg }),
    });
    const issued = res.headers.get(SESSION_HEADER);
    if (issued) {
      setToken(issued);
      restartStream();
    }
    envelope = (await res.json()) as Envelope<unknown>;
  } catch (err) {
    return failure('INTERNAL', `DialDesk is not reachable: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (endsSession(channel, envelope)) signedOut();
  return envelope;
}

function signedOut(): void {
  setToken(null);
  stopStream();
}

/**
 * files.pickOpen as a browser can answer it: the page's own file picker, then the file's bytes
 * uploaded to the server, which answers a one-time handle for this session. The server never reads a
 * path a page sends; the desktop app answers the same channel with its open dialog.
 */
function pickAndUpload(): Promise<Envelope<PickedFile | null>> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.txt,text/csv,text/plain';
    input.style.display = 'none';
    let settled = false;
    const done = (envelope: Envelope<PickedFile | null>) => {
      if (settled) return;
      settled = true;
      input.remove();
      resolve(envelope);
    };
    input.addEventListener('cancel', () => done({ ok: true, value: null }));
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return done({ ok: true, value: null });
      void upload(file).then(done);
    });
    document.body.appendChild(input);
    input.click();
  });
}

function upload(file: File): Promise<Envelope<PickedFile>> {
  if (UPLOAD_LIMIT > 0 && file.size > UPLOAD_LIMIT) {
    return Promise.resolve(
      failure(
        'PAYLOAD_TOO_LARGE',
        `${file.name} is larger than the ${Math.round(UPLOAD_LIMIT / 1048576)} MB this server accepts in one upload; split the list, or import it on the server with \`dialdesk numbers import FILE\``,
      ),
    );
  }
  return new Promise((resolve) => {
    // XMLHttpRequest, not fetch: only it reports an upload's progress
    const xhr = new XMLHttpRequest();
    xhr.open('POST', UPLOAD_ROUTE);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader(UPLOAD_NAME_HEADER, encodeURIComponent(file.name));
    const t = token();
    if (t) xhr.setRequestHeader(SESSION_HEADER, t);
    xhr.upload.onprogress = (e) =>
      emitLocal('upload.progress', { name: file.name, sent: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onload = () => {
      let body: { handle?: string; error?: { code: ErrorCode; message: string } } | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // answered below
      }
      if (xhr.status === 200 && body?.handle) return resolve({ ok: true, value: body as PickedFile });
      if (body?.error) {
        const envelope = failure(body.error.code, body.error.message);
        if (endsSession('files.pickOpen', envelope)) signedOut();
        return resolve(envelope);
      }
      resolve(failure('INTERNAL', `the upload of ${file.name} was refused (HTTP ${xhr.status})`));
    };
    xhr.onerror = () => resolve(failure('INTERNAL', `DialDesk is not reachable: the upload of ${file.name} did not get through`));
    xhr.send(file);
  });
}

function emitLocal<E extends EventName>(event: E, payload: EventMap[E]): void {
  for (const fn of [...(localListeners.get(event) ?? [])]) fn(payload);
}

function stopStream(): void {
  stream?.abort();
  stream = null;
}

/** The server's events, read with fetch: EventSource cannot send the session header. */
function restartStream(): void {
  stopStream();
  const t = token();
  if (!t || listeners.size === 0) return;
  const controller = new AbortController();
  stream = controller;
  void (async () => {
    try {
      const res = await fetch('/rpc/events', { headers: { [SESSION_HEADER]: t }, signal: controller.signal });
      if (!res.ok || !res.body) throw new Error(`event stream refused: ${res.status}`);
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error('event stream closed');
        buffer += decoder.decode(chunk.value, { stream: true });
        const frames = buffer.split('\n\n');
        buffer = frames.pop() ?? '';
        frames.forEach(dispatchFrame);
      }
    } catch {
      // a dropped stream (a restart of the server, a sleep) comes back by itself
      if (stream === controller) {
        stream = null;
        setTimeout(() => stream || restartStream(), 2000);
      }
    }
  })();
}

function dispatchFrame(frame: string): void {
  let event: string | null = null;
  let data = '';
  for (const line of frame.split('\n')) {
    if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('data: ')) data += line.slice(6);
  }
  const fns = event ? listeners.get(event) : undefined;
  if (!fns) return;
  let payload: unknown;
  try {
    payload = JSON.parse(data);
  } catch {
    return;
  }
  for (const fn of [...fns]) fn(payload);
}

const remove = (map: Map<string, Listener[]>, event: string, fn: Listener) => {
  const list = map.get(event) ?? [];
  const i = list.indexOf(fn);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) map.delete(event);
};

function on(event: EventName, fn: Listener): () => void {
  if (LOCAL_EVENTS.has(event)) {
    localListeners.set(event, [...(localListeners.get(event) ?? []), fn]);
    return () => remove(localListeners, event, fn);
  }
  const first = listeners.size === 0;
  listeners.set(event, [...(listeners.get(event) ?? []), fn]);
  if (first || !stream) restartStream();
  return () => {
    remove(listeners, event, fn);
    if (listeners.size === 0) stopStream();
  };
}

const bridge: DialdeskBridge = { invoke: invoke as DialdeskBridge['invoke'], on: on as DialdeskBridge['on'] };
(window as Window & { dialdesk?: DialdeskBridge }).dialdesk = Object.freeze(bridge);
