import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolePlugin } from '../../../src-main/http/console';
import { SESSION_HEADER } from '../../../src-shared/bridge';
import { withSlowAppState } from '../../tools/slow-handlers';
import { HEADLESS_BRIDGE, RENDERER_DIR } from '../../../src-main/core/paths';
import { dialerWorld, type DialerWorld } from '../../world';

/**
 * Slow clients are cut (a slowloris holds a connection by sending its request a byte at a time, or not
 * at all); the console's event stream and a long console job are not. The port's timeouts are shortened
 * here by the same options the real ones are set with.
 */

const TIMEOUTS = { headersMs: 500, requestMs: 1_000, idleMs: 1_500, keepAliveMs: 400, checkEveryMs: 100 };

// a console job that keeps the socket quiet for longer than the idle timeout
const SLOW_JOB_MS = 2_500;
const handlers = withSlowAppState(SLOW_JOB_MS);

let d: DialerWorld;
let session = '';
beforeAll(async () => {
  d = await dialerWorld({
    users: true,
    port: (core) => ({
      timeouts: TIMEOUTS,
      extra: [consolePlugin({ core, handlers, rendererDir: RENDERER_DIR, bridgeScript: HEADLESS_BRIDGE, heartbeatMs: 300 })],
    }),
  });
  const res = await fetch(`${d.port.url}/rpc/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'auth.login', arg: { username: 'root', password: 'correct horse' } }),
  });
  session = res.headers.get(SESSION_HEADER) ?? '';
  expect(session).not.toBe('');
});
afterAll(async () => d?.close());

/** A client that writes `chunks` with `gapMs` between them; answers what it read and when the server closed. */
function trickle(chunks: string[], gapMs: number, giveUpMs = 8_000): Promise<{ text: string; closedAfterMs: number | null }> {
  const { port } = new URL(d.port.url);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket: Socket = connect(Number(port), '127.0.0.1');
    let text = '';
    let i = 0;
    const writer = setInterval(() => (i < chunks.length && !socket.destroyed ? socket.write(chunks[i++]) : undefined), gapMs);
    const done = (closedAfterMs: number | null) => {
      clearInterval(writer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ text, closedAfterMs });
    };
    const giveUp = setTimeout(() => done(null), giveUpMs);
    socket.on('data', (c) => (text += c));
    socket.on('error', () => undefined);
    socket.on('close', () => done(Date.now() - started));
  });
}

const bytes = (s: string) => s.split('');
const envelope408 = (text: string) => {
  expect(text).toMatch(/^HTTP\/1\.1 408 /);
  expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toEqual({
    error: { code: 'BAD_INPUT', message: expect.stringMatching(/in time/) },
  });
};

describe('slow clients', () => {
  it('a request head sent a byte at a time is cut after the headers timeout, with a 408 in the envelope', async () => {
    const head = bytes(`GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`);
    const { text, closedAfterMs } = await trickle(head, 50);
    expect(closedAfterMs).not.toBeNull();
    expect(closedAfterMs!).toBeLessThan(TIMEOUTS.headersMs + 1_000);
    envelope408(text);
  });

  it('a body that trickles is cut after the request timeout', async () => {
    const head = `POST /api/v1/dialer/release HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${d.keys.a}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n`;
    const { text, closedAfterMs } = await trickle([head, ...bytes('{"company":"acme","batch_id":"' + 'x'.repeat(160))], 100);
    expect(closedAfterMs).not.toBeNull();
    expect(closedAfterMs!).toBeLessThan(TIMEOUTS.requestMs + 1_000);
    envelope408(text);
  });

  it('a connection opened and left silent is closed', async () => {
    const { text, closedAfterMs } = await trickle([], 1_000);
    expect(closedAfterMs).not.toBeNull();
    expect(closedAfterMs!).toBeLessThan(TIMEOUTS.idleMs + 1_000);
    if (text) envelope408(text);
  });

  it('a keep-alive connection left idle after its answer is closed', async () => {
    const { text, closedAfterMs } = await trickle(['GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'], 10);
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(closedAfterMs).not.toBeNull();
    // Node closes it a second after the keep-alive timeout it announces
    expect(closedAfterMs!).toBeLessThan(TIMEOUTS.keepAliveMs + 2_000);
  });
});

describe('what must not be cut', () => {
  it('the console’s event stream stays open past every timeout, its heartbeat flowing', async () => {
    const request = `GET /rpc/events HTTP/1.1\r\nHost: 127.0.0.1\r\n${SESSION_HEADER}: ${session}\r\n\r\n`;
    const { text, closedAfterMs } = await trickle([request], 10, TIMEOUTS.idleMs + TIMEOUTS.requestMs + 1_000);
    expect(closedAfterMs, 'still open when the client gave up').toBeNull();
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(text.split(': ping').length - 1).toBeGreaterThanOrEqual(5);
  });

  it('a console job that keeps the socket quiet past the idle timeout still gets its answer', async () => {
    const started = Date.now();
    const res = await fetch(`${d.port.url}/rpc/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'app.state', arg: {} }),
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_JOB_MS);
    expect(await res.json()).toMatchObject({ ok: true });
  });
});
