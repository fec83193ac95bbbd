import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  /** header names in lower case */
  headers: Record<string, string>;
  /** parsed JSON, or undefined when the body is not JSON */
  body: any;
  text: string;
  /** the server closed the connection after this answer */
  closed: boolean;
}

/**
 * Writes bytes on a plain socket, as a broken or hostile client would, and reads the first HTTP answer
 * (null when the server closed without one). `keepOpenMs`: how long to wait for an answer.
 */
export function sendRaw(url: string, bytes: string | Buffer, options: { keepOpenMs?: number } = {}): Promise<RawAnswer | null> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (closed: boolean) => {
      if (settled) return;
      const answer = parseAnswer(received, closed);
      if (!answer && !closed) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => {
      settled = true;
      socket.destroy();
      reject(new Error(`no answer in ${options.keepOpenMs ?? 10_000} ms: ${received.toString('latin1').slice(0, 200)}`));
    }, options.keepOpenMs ?? 10_000);
    socket.on('error', () => undefined); // a reset once the server has answered
    socket.on('data', (d) => {
      received = Buffer.concat([received, d]);
      finish(false);
    });
    socket.on('close', () => finish(true));
    socket.write(bytes);
  });
}

function parseAnswer(received: Buffer, closed: boolean): RawAnswer | null {
  const text = received.toString('utf8');
  const end = text.indexOf('\r\n\r\n');
  if (end === -1) return null;
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  if (!status) return null;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = text.slice(end + 4);
  const length = Number(headers['content-length']);
  if (Number.isFinite(length) ? Buffer.byteLength(body) < length : !closed) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  return { status, headers, body: parsed, text: body, closed: closed || /close/i.test(headers.connection ?? '') };
}
