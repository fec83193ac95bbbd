import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPort, type RunningPort } from '../../../src-main/http/port';
import { makeTestCore, type TestCore } from '../../world';

let core: TestCore;
let port: RunningPort;
beforeAll(async () => {
  core = await makeTestCore();
  port = await startPort(core, { host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await port.close();
  await core.dispose();
});

/** Writes the whole body without waiting, as a plain client does, and collects whatever comes back. */
function postRaw(path: string, bytes: number): Promise<{ response: string; error: string | null }> {
  return new Promise((resolve) => {
    const [, p] = port.address.split(':');
    const socket = net.connect(Number(p), '127.0.0.1');
    let response = '';
    socket.on('data', (d) => (response += d));
    socket.on('error', (err) => resolve({ response, error: err.message }));
    socket.on('close', () => resolve({ response, error: null }));
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ${bytes}\r\n\r\n`,
    );
    socket.write(Buffer.alloc(bytes, 0x61));
  });
}

describe('an oversized body', () => {
  it('gets a 413 with the error shape that the client can read, every time', async () => {
    for (let i = 0; i < 5; i++) {
      const { response, error } = await postRaw('/api/v1/dialer/report-result', 3 * 1024 * 1024);
      expect(error).toBeNull();
      expect(response).toMatch(/^HTTP\/1\.1 413 /);
      expect(JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4))).toMatchObject({
        error: { code: 'PAYLOAD_TOO_LARGE' },
      });
    }
  });

  it('is judged by the route’s own limit: report-results accepts more than report-result', async () => {
    const { response } = await postRaw('/api/v1/dialer/report-results', 3 * 1024 * 1024);
    // not too large for this route: it reaches the key check instead
    expect(response).toMatch(/^HTTP\/1\.1 401 /);
  });
});
