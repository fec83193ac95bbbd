import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PickedFile } from '../../src-shared/contract/files';
import { UPLOAD_NAME_HEADER, UPLOAD_ROUTE } from '../../src-shared/bridge';
import { can } from '../../src-shared/roles';
import type { Core } from '../core/core';
import { storageFailure } from '../core/errors';
import type { ConsoleSessions } from '../ipc/console-sessions';
import { sendError } from './errors';

export interface UploadOptions {
  core: Core;
  sessions: ConsoleSessions;
  /** the session token a request carries, null without one */
  tokenOf(request: FastifyRequest): string | null;
  limitBytes: number;
}

/** How much past the limit is still read (and thrown away) so the client gets to read its 413. */
const MAX_DISCARD_BYTES = 64 * 1024 * 1024;

/**
 * POST /rpc/upload: under `dialdesk serve`, how a file the user picked in the browser reaches the
 * server. The raw body is streamed into the server's own folder (`<data dir>/uploads`, emptied at
 * start), never held in memory; the answer is a one-time handle for that session, which
 * numbers.import then takes. The session header is required, as for /rpc/invoke.
 */
export function uploadRoute(options: UploadOptions) {
  const { core, sessions, limitBytes } = options;
  const folder = join(core.dataDir, 'uploads');
  // what a crash left behind is of no use to anyone: its handles died with the process
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  core.onClose(() => rmSync(folder, { recursive: true, force: true }));
  const limitText = `${Math.round(limitBytes / 1024 / 1024)} MB`;

  return async (scope: FastifyInstance) => {
    // the body is the file itself, streamed to disk by the route (this parser exists only in this scope)
    scope.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));

    // an announced length over the limit is refused before any byte is read (the port's own check)
    scope.post(UPLOAD_ROUTE, { bodyLimit: limitBytes }, async (request, reply) => {
      const token = options.tokenOf(request);
      if (!token || !sessions.userOf(token)) return sendError(reply.header('connection', 'close'), 'UNAUTHENTICATED', 'sign in first');
      const user = await sessions.signedIn(token);
      if (!user) return sendError(reply.header('connection', 'close'), 'UNAUTHENTICATED', 'your session has ended; sign in again');
      if (!can(user.role, 'operate'))
        return sendError(reply.header('connection', 'close'), 'FORBIDDEN', `a ${user.role} may not import lists`);
      const name = fileName(request.headers[UPLOAD_NAME_HEADER]);
      if (name === null)
        return sendError(reply.header('connection', 'close'), 'BAD_INPUT', `${UPLOAD_NAME_HEADER}: the file's name, URI-encoded`);

      const path = join(folder, `${randomBytes(12).toString('hex')}.upload`);
      let bytes = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          bytes += chunk.length;
          if (bytes <= limitBytes) return callback(null, chunk);
          // past the limit nothing more is written; the rest is read and dropped, up to a point
          if (bytes > limitBytes + MAX_DISCARD_BYTES) return callback(new Error('upload far past the limit'));
          callback();
        },
      });
      try {
        await pipeline(request.body as Readable, meter, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
      } catch (err) {
        rmSync(path, { force: true });
        const storage = storageFailure(err);
        if (storage) return sendError(reply, storage.code, `the upload could not be stored: ${storage.message}`);
        if (bytes > limitBytes) return sendError(reply.header('connection', 'close'), 'PAYLOAD_TOO_LARGE', tooLarge(name, limitText));
        request.log.info({ err }, 'upload ended before its body did');
        return reply; // the client went away: no one to answer
      }
      if (bytes > limitBytes) {
        rmSync(path, { force: true });
        return sendError(reply.header('connection', 'close'), 'PAYLOAD_TOO_LARGE', tooLarge(name, limitText));
      }
      const picked: PickedFile = sessions.files.addUpload(token, path, name, bytes);
      return reply.header('cache-control', 'no-store').send(picked);
    });
  };
}

const tooLarge = (name: string, limit: string) =>
  `${name} is larger than the ${limit} this server accepts in one upload; split the list, or import it on the server with \`dialdesk numbers import FILE\``;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** The name the browser gave the file, for the screen and the list: no folders, no control characters. */
function fileName(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string' || header.length === 0) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(header);
  } catch {
    return null;
  }
  const plain = basename(decoded.replace(/\\/g, '/')).replace(CONTROL_CHARACTERS, '').trim().slice(0, 200);
  return plain.length > 0 ? plain : null;
}
