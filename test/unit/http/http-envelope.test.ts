import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolePlugin } from '../../../src-main/http/console';
import { HEADLESS_BRIDGE, RENDERER_DIR } from '../../../src-main/core/paths';
import { withSlowAppState } from '../../tools/slow-handlers';
import { sendRaw, type RawAnswer } from '../../tools/raw-http';
import { dialerWorld, report, type DialerWorld } from '../../world';

/** DESIGN.md §4: every answer of the port, even one the HTTP layer itself gives, is `{ "error": { "code", "message" } }`. */

let d: DialerWorld;
beforeAll(async () => {
  d = await dialerWorld({ numbers: 5 });
});
afterAll(async () => d?.close());

const TABLES = ['call_results', 'ledger_entries', 'leases', 'numbers', 'company_calls', 'scenarios', 'audit_log', 'call_stats'];
const snapshot = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await d.count(t)])));

function expectEnvelope(answer: RawAnswer | null, status: number, message?: RegExp) {
  expect(answer, 'an answer').not.toBeNull();
  expect({ status: answer!.status, body: answer!.body }).toEqual({
    status,
    body: { error: { code: expect.any(String), message: message ? expect.stringMatching(message) : expect.any(String) } },
  });
  expect(answer!.headers['content-type']).toMatch(/^application\/json/);
}

const head = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;
const post = (path: string, body: string | Buffer, headers: string[] = []) => {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return Buffer.concat([
    Buffer.from(
      head([
        `POST ${path} HTTP/1.1`,
        'Host: 127.0.0.1',
        `Authorization: Bearer ${d.keys.a}`,
        `Content-Length: ${bytes.length}`,
        'Connection: close',
        ...headers,
      ]),
    ),
    bytes,
  ]);
};

describe('errors raised by the HTTP layer itself', () => {
  it('a data object nested 3,000 levels deep is a 400 that says so, and writes nothing', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 3000; i++) deep = { a: deep };
    const body = JSON.stringify(report({ number_id: d.numberIds[0], data: deep }));
    expect(body.length).toBeGreaterThan(18_000);
    const before = await snapshot();
    expectEnvelope(
      await sendRaw(d.port.url, post('/api/v1/dialer/report-result', body, ['Content-Type: application/json'])),
      400,
      /nested/,
    );
    expect(await snapshot()).toEqual(before);
    // a real dialer's data, a few levels deep, is still taken
    const shallow = report({ number_id: d.numberIds[0], data: { crm: { lead: { tags: ['a', { b: [1] }] } } } });
    expect((await d.api('POST', '/api/v1/dialer/report-result', shallow)).status).toBe(201);
  });

  it('a request head over the size limit, a malformed request line, and request smuggling shapes', async () => {
    const cases: [string, string, number][] = [
      ['a 20 KB header', head(['GET /api/v1/health HTTP/1.1', 'Host: 127.0.0.1', `X-Big: ${'a'.repeat(20_000)}`]), 431],
      ['a malformed request line', 'GARBAGE\r\n\r\n', 400],
      [
        'two Content-Length headers',
        head(['POST /api/v1/dialer/release HTTP/1.1', 'Host: 127.0.0.1', 'Content-Length: 2', 'Content-Length: 3']) + '{}',
        400,
      ],
      [
        'Transfer-Encoding with Content-Length',
        head(['POST /api/v1/dialer/release HTTP/1.1', 'Host: 127.0.0.1', 'Content-Length: 5', 'Transfer-Encoding: chunked']) + '0\r\n\r\n',
        400,
      ],
      [
        'a bad chunk size',
        head(['POST /api/v1/dialer/release HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json', 'Transfer-Encoding: chunked']) +
          'zz\r\n{}\r\n0\r\n\r\n',
        400,
      ],
      ['a header without a colon', head(['GET /api/v1/health HTTP/1.1', 'Host: 127.0.0.1', 'Broken header']), 400],
    ];
    for (const [what, bytes, status] of cases) {
      const answer = await sendRaw(d.port.url, bytes);
      expect(answer?.status, what).toBe(status);
      expectEnvelope(answer, status);
      expect(answer!.closed, what).toBe(true);
    }
  });

  it('a URL the router cannot decode, or a path parameter over its length', async () => {
    const get = (path: string) =>
      sendRaw(d.port.url, head([`GET ${path} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: Bearer ${d.keys.site}`, 'Connection: close']));
    expectEnvelope(await get('/api/v1/inbound/lookup/%E0%A4%A'), 400, /URL/);
    expectEnvelope(await get(`/api/v1/inbound/lookup/${'1'.repeat(500)}`), 414);
  });

  it('JSON in another charset than UTF-8, or bytes that are not UTF-8, is refused and writes nothing', async () => {
    const before = await snapshot();
    const body = JSON.stringify({ company: 'acme', scenarios: [{ key: 'charset', name: 'Zoë' }] });
    expectEnvelope(
      await sendRaw(d.port.url, post('/api/v1/dialer/register-scenarios', body, ['Content-Type: application/json; charset=utf-16'])),
      415,
      /UTF-8/,
    );
    expectEnvelope(
      await sendRaw(d.port.url, post('/api/v1/dialer/register-scenarios', Buffer.from(body, 'latin1'), ['Content-Type: application/json'])),
      400,
      /UTF-8/,
    );
    expect(await snapshot()).toEqual(before);
    // UTF-8, said or not, and quoted
    for (const type of ['application/json', 'application/json; charset=UTF-8', 'application/json;charset="utf-8"']) {
      expect((await sendRaw(d.port.url, post('/api/v1/dialer/register-scenarios', body, [`Content-Type: ${type}`])))?.status, type).toBe(
        200,
      );
    }
  });

  it('a body that is not JSON, an empty one, and one that is not declared', async () => {
    expectEnvelope(await sendRaw(d.port.url, post('/api/v1/dialer/release', '{"company":', ['Content-Type: application/json'])), 400);
    expectEnvelope(await sendRaw(d.port.url, post('/api/v1/dialer/release', '', ['Content-Type: application/json'])), 400);
    expectEnvelope(await sendRaw(d.port.url, post('/api/v1/dialer/release', '{"a":1}', ['Content-Type: application/xml'])), 415);
    expectEnvelope(await sendRaw(d.port.url, post('/api/v1/dialer/release', '{"a":1}')), 415);
    expectEnvelope(
      await sendRaw(d.port.url, post('/api/v1/dialer/release', '{"__proto__":{"x":1}}', ['Content-Type: application/json'])),
      400,
    );
  });
});

describe('the nesting bound', () => {
  it('counts brackets outside strings only, escaped quotes and backslashes included', async () => {
    const { nestedDeeperThan } = await import('../../../src-main/http/wire');
    const tricky = JSON.stringify({ a: 'x\\"[[[[{{{', b: 'y\\\\', c: [[[]]], d: '"]]]]' });
    expect(nestedDeeperThan(tricky, 4)).toBe(false);
    expect(nestedDeeperThan(tricky, 3)).toBe(true);
    expect(nestedDeeperThan('['.repeat(64) + ']'.repeat(64), 64)).toBe(false);
    expect(nestedDeeperThan('['.repeat(65) + ']'.repeat(65), 64)).toBe(true);
    expect(nestedDeeperThan('{"a": "unterminated [[[[', 1)).toBe(false);
  });
});

describe('a request without a Host header', () => {
  it('is a 400 in the envelope (HTTP/1.1 requires one), not an empty answer', async () => {
    const answer = await sendRaw(d.port.url, 'GET /api/v1/health HTTP/1.1\r\nConnection: close\r\n\r\n');
    expectEnvelope(answer, 400, /Host/);
  });
});

describe('a request that arrives while the port is closing', () => {
  it('is a 503 SHUTTING_DOWN in the envelope, with Retry-After', async () => {
    const closing = await dialerWorld({
      port: (core) => ({
        extra: [consolePlugin({ core, handlers: withSlowAppState(600), rendererDir: RENDERER_DIR, bridgeScript: HEADLESS_BRIDGE })],
      }),
    });
    try {
      // the slow request keeps its connection busy through the start of close; the second comes on it after
      const slow = JSON.stringify({ channel: 'app.state', arg: {} });
      const { port } = new URL(closing.port.url);
      const text = await new Promise<string>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1');
        let received = '';
        socket.on('data', (c) => (received += c));
        socket.on('error', () => undefined);
        socket.on('close', () => resolve(received));
        socket.write(
          `POST /rpc/invoke HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${slow.length}\r\n\r\n${slow}`,
        );
        setTimeout(() => void closing.port.close(), 150);
        setTimeout(() => socket.write('GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'), 300);
      });
      const answers = text.split(/(?=HTTP\/1\.1 )/);
      expect(answers).toHaveLength(2);
      expect(answers[0]).toMatch(/^HTTP\/1\.1 200 /);
      expect(answers[1]).toMatch(/^HTTP\/1\.1 503 /);
      expect(answers[1]).toMatch(/\r\nretry-after: \d+\r\n/i);
      expect(JSON.parse(answers[1].slice(answers[1].indexOf('\r\n\r\n') + 4))).toEqual({
        error: { code: 'SHUTTING_DOWN', message: expect.stringMatching(/shutting down/) },
      });
    } finally {
      await closing.close();
    }
  });
});

describe('the console bridge, given a channel that is not a string', () => {
  it('answers UNKNOWN_CHANNEL in its envelope, never a 500 (an object whose toString is not a function once broke the error path)', async () => {
    const world = await dialerWorld({
      port: (core) => ({
        extra: [consolePlugin({ core, handlers: withSlowAppState(0), rendererDir: RENDERER_DIR, bridgeScript: HEADLESS_BRIDGE })],
      }),
    });
    try {
      for (const channel of [{ toString: [] }, { toString: 1, valueOf: 2 }, ['auth.login'], 7, null]) {
        const res = await fetch(`${world.port.url}/rpc/invoke`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ channel, arg: {} }),
        });
        expect({ status: res.status, body: await res.json() }, JSON.stringify(channel)).toEqual({
          status: 200,
          body: { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: expect.any(String) } },
        });
      }
    } finally {
      await world.close();
    }
  });
});
