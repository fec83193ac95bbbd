import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolePlugin } from '../../../src-main/http/console';
import { startPort, type RunningPort } from '../../../src-main/http/port';
import { HANDLERS } from '../../../src-main/ipc/table';
import { HEADLESS_BRIDGE, RENDERER_DIR } from '../../../src-main/core/paths';
import { makeTestCore, type TestCore } from '../../world';
import { sendRaw } from '../../tools/raw-http';

/**
 * `dialdesk serve`'s console refuses what another site could send from a browser (DESIGN.md §2): a Host
 * that is a DNS name other than localhost (DNS rebinding points such a name at 127.0.0.1) and a foreign
 * Origin. Only IP literals and localhost are taken, parsed as RFC 9110 spells a Host.
 */

let core: TestCore;
let port: RunningPort;
let portNumber: number;
beforeAll(async () => {
  core = await makeTestCore();
  port = await startPort(core, {
    host: '127.0.0.1',
    port: 0,
    extra: [consolePlugin({ core, handlers: HANDLERS, rendererDir: RENDERER_DIR, bridgeScript: HEADLESS_BRIDGE })],
  });
  portNumber = Number(new URL(port.url).port);
});
afterAll(async () => {
  await port?.close();
  await core?.dispose();
});

async function appState(host: string, origin?: string) {
  const body = JSON.stringify({ channel: 'app.state', arg: {} });
  const head = [
    'POST /rpc/invoke HTTP/1.1',
    `Host: ${host}`,
    'Content-Type: application/json',
    `Content-Length: ${body.length}`,
    'Connection: close',
  ];
  if (origin !== undefined) head.push(`Origin: ${origin}`);
  return sendRaw(port.url, `${head.join('\r\n')}\r\n\r\n${body}`);
}

describe('the console bridge’s Host check', () => {
  it('takes IPv4 literals, bracketed IPv6 literals and localhost, with or without a port', async () => {
    for (const host of [
      `127.0.0.1:${portNumber}`,
      '127.0.0.1',
      `localhost:${portNumber}`,
      'LocalHost',
      `[::1]:${portNumber}`,
      '[::ffff:127.0.0.1]',
      '192.168.1.20:8787',
    ]) {
      const answer = await appState(host);
      expect(answer?.status, host).toBe(200);
      expect(answer?.body, host).toMatchObject({ ok: true });
    }
  });

  it('refuses DNS names and anything that is not a well-formed host', async () => {
    for (const host of [
      'evil.example:1:2',
      'evil.example',
      `evil.example:${portNumber}`,
      '127.0.0.1.evil.example',
      'localhost.evil.example',
      '[evil.example]:80',
      '::1',
      `::1:${portNumber}`,
      '1.2.3.4.5',
      '999.0.0.1',
      '127.0.0.1:99999',
      '127.0.0.1:',
      '127.0.0.1:80:80',
      '[::1]x',
      '',
    ]) {
      const answer = await appState(host);
      expect(answer?.status, JSON.stringify(host)).toBe(403);
      expect(answer?.body, host).toEqual({ error: { code: 'FORBIDDEN', message: expect.stringMatching(/IP address or localhost/) } });
    }
  });

  it('takes the origin it is served on, and refuses any other', async () => {
    const here = `127.0.0.1:${portNumber}`;
    expect((await appState(here, `http://${here}`))?.status).toBe(200);
    expect((await appState(`localhost:${portNumber}`, `http://localhost:${portNumber}`))?.status).toBe(200);
    expect((await appState(`[::1]:${portNumber}`, `http://[::1]:${portNumber}`))?.status).toBe(200);
    expect((await appState('127.0.0.1:80', 'http://127.0.0.1'))?.status, 'the default port, said or not').toBe(200);
    for (const origin of [
      'http://evil.example',
      `http://evil.example:${portNumber}`,
      'null',
      `https://${here}`,
      `http://localhost:${portNumber}`,
      `http://127.0.0.1:${portNumber + 1}`,
      `http://${here}.evil.example`,
      `http://user@${here}`,
      'not a url',
    ]) {
      const answer = await appState(here, origin);
      expect(answer?.status, origin).toBe(403);
      expect(answer?.body, origin).toEqual({ error: { code: 'FORBIDDEN', message: 'cross-origin requests are refused' } });
    }
  });
});
