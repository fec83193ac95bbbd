import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../src-shared/contract';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { updateInboundSettings } from '../../../src-main/core/inbound/settings';
import { fetchRecording } from '../../../src-main/core/inbound/recording';
import { createUser, sessionUserOf, userOf } from '../../../src-main/core/users/users';
import { call, inboundWorld, jambonzCall, ok, recordTestResult, type InboundWorld } from '../../world';

/**
 * A recording kept by the company's Jambonz, played in the call detail: the desk fetches it with the
 * company's REST API key from a real local server standing in for Jambonz's API
 * (jambonz-api-server GET /v1/Accounts/:sid/RecentCalls/:call_sid/record/:y/:m/:d/:format, Bearer key).
 */
let w: InboundWorld;
let jambonz: Server;
let base: string;
let mode: 'ok' | 'refuse' | 'missing' | 'silent' | 'huge' | 'html' = 'ok';
const asked: { url: string; auth: string | undefined }[] = [];
const KEY = 'jbz-rest-key-0123456789';
const SOUND = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251));
const SID = 'b5e39996-bd2f-4bda-b928-355147186a2a';
let viewerA: SessionUser;
let adminB: SessionUser;

beforeEach(async () => {
  w = await inboundWorld();
  mode = 'ok';
  asked.length = 0;
  jambonz = createServer((req, res) => {
    asked.push({ url: req.url!, auth: req.headers.authorization });
    if (mode === 'silent') return;
    if (mode === 'refuse' || req.headers.authorization !== `Bearer ${KEY}`) return void res.writeHead(401).end(`bad key ${KEY}`);
    if (mode === 'missing') return void res.writeHead(404).end();
    if (mode === 'html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>sign in</html>');
    if (mode === 'huge') {
      res.writeHead(200, { 'content-type': 'audio/mp3' }); // chunked: no length announced
      for (let i = 0; i < 10; i++) res.write(SOUND);
      return void res.end();
    }
    res.writeHead(200, { 'content-type': 'audio/mp3', 'content-length': SOUND.length }).end(SOUND);
  });
  await new Promise<void>((r) => jambonz.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(jambonz.address() as { port: number }).port}/api`;
  await updateInboundSettings(
    w.core,
    CLI_ACTOR,
    { companyId: w.companyA, jambonzApiUrl: base, jambonzApiKey: KEY, recordCalls: true },
    w.clock.clock(),
  );
  const user = async (username: string, role: 'viewer' | 'admin', companyId: number) => {
    const dto = await createUser(w.core.db, CLI_ACTOR, { username, password: 'password-1', role, companyId }, w.clock.clock());
    return sessionUserOf(w.core.db, await userOf(w.core.db, dto.id));
  };
  viewerA = await user('viewer-a', 'viewer', w.companyA);
  adminB = await user('admin-b', 'admin', w.companyB);
});
afterEach(async () => {
  await w.close();
  jambonz.closeAllConnections();
  await new Promise((r) => jambonz.close(r));
});

/** An inbound call Jambonz recorded: its result's recording link points into Jambonz's REST API. */
async function recordedCall(): Promise<number> {
  await w.hook('/api/v1/inbound/jambonz/call', jambonzCall());
  await w.hook('/api/v1/inbound/jambonz/status', jambonzCall({ call_status: 'completed', duration: 42 }));
  const result = (await w.result())!;
  expect(result.recording_url).toMatch(new RegExp(`^${base}/v1/Accounts/[^/]+/RecentCalls/${SID}/record/\\d{4}/\\d\\d/\\d\\d/mp3$`));
  return result.id;
}

const play = (user: SessionUser, callId: number, companyId = w.companyA) => call(w.core, user, 'inbound.recording', { companyId, callId });

describe('playing a recording Jambonz keeps', () => {
  it('the desk fetches it with the company’s key, and the console gets the sound but never the key', async () => {
    const id = await recordedCall();
    const envelope = await play(viewerA, id);
    const answer = ok(envelope);
    expect(answer).toMatchObject({ via: 'desk', contentType: 'audio/mpeg', bytes: SOUND.length });
    expect(answer.via === 'desk' && Buffer.from(answer.base64, 'base64').equals(SOUND)).toBe(true);
    expect(asked).toEqual([{ url: expect.stringContaining(`/RecentCalls/${SID}/record/`), auth: `Bearer ${KEY}` }]);
    expect(JSON.stringify(envelope)).not.toContain(KEY);
  });

  it('only for users who may see the company’s calls: another company’s admin is refused and Jambonz is not asked', async () => {
    const id = await recordedCall();
    const other = await play(adminB, id);
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // in their own company the id names nothing
    expect(await play(adminB, id, w.companyB)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(asked).toEqual([]);
  });

  it('says clearly when Jambonz refuses the key, has no recording, answers no sound, or cannot be reached', async () => {
    const id = await recordedCall();
    mode = 'refuse';
    const refused = ok(await play(viewerA, id));
    expect(refused).toEqual({ via: 'unavailable', reason: 'refused', detail: "Jambonz refused the company's REST API key (401)" });
    mode = 'missing';
    expect(ok(await play(viewerA, id))).toMatchObject({ via: 'unavailable', reason: 'missing' });
    mode = 'html';
    expect(ok(await play(viewerA, id))).toMatchObject({
      via: 'unavailable',
      reason: 'not_audio',
      detail: expect.stringContaining('text/html'),
    });

    jambonz.closeAllConnections();
    await new Promise((r) => jambonz.close(r));
    const gone = ok(await play(viewerA, id));
    expect(gone).toMatchObject({ via: 'unavailable', reason: 'unreachable', detail: expect.stringContaining('could not be reached') });
    expect(JSON.stringify(gone)).not.toContain(KEY);
    jambonz.listen(0, '127.0.0.1'); // for afterEach's close
  });

  it('gives up on a Jambonz that never answers, and on a recording over the size cap, without downloading the rest', async () => {
    const id = await recordedCall();
    mode = 'silent';
    const started = Date.now();
    const late = await fetchRecording(w.core, { companyId: w.companyA, callId: id }, { maxBytes: 1_000_000, timeoutMs: 500 });
    expect(late).toMatchObject({ via: 'unavailable', reason: 'timeout', detail: expect.stringContaining('within 0.5 s') });
    expect(Date.now() - started).toBeLessThan(3_000);

    mode = 'ok'; // announced too large
    const announced = await fetchRecording(w.core, { companyId: w.companyA, callId: id }, { maxBytes: 1000, timeoutMs: 5000 });
    expect(announced).toMatchObject({ via: 'unavailable', reason: 'too_large' });
    mode = 'huge'; // sent without a length, larger as it goes
    const streamed = await fetchRecording(w.core, { companyId: w.companyA, callId: id }, { maxBytes: 10_000, timeoutMs: 5000 });
    expect(streamed).toMatchObject({ via: 'unavailable', reason: 'too_large' });
    expect(await fetchRecording(w.core, { companyId: w.companyA, callId: id }, { maxBytes: 30_000, timeoutMs: 5000 })).toMatchObject({
      via: 'desk',
      bytes: 30_000,
    });
  });

  it('a link elsewhere goes to the console as it is: the key is only ever sent to the company’s Jambonz', async () => {
    const elsewhere = [
      'https://recordings.example.com/calls/1.mp3',
      // look-alikes of the Jambonz API: another port, a longer host, a path that climbs out of it
      base.replace(/:(\d+)/, (_, p) => `:${Number(p) + 1}`) + '/v1/Accounts/x/RecentCalls/y/record/2026/03/02/mp3',
      base.replace('127.0.0.1', '127.0.0.1.example.com') + '/v1/x.mp3',
      `${base}/v1/../../other.mp3`,
    ];
    for (const url of elsewhere) {
      const id = await recordTestResult(w.core, {
        companyId: w.companyA,
        phone: '+4915112345678',
        status: 'ANSWERED',
        startedAt: w.clock.clock() - 60_000,
        recordingUrl: url,
      });
      expect(ok(await play(viewerA, id))).toEqual({ via: 'link', url });
    }
    expect(asked).toEqual([]);

    // a recording made while the key was set, played after it was cleared
    const id = await recordedCall();
    await updateInboundSettings(w.core, CLI_ACTOR, { companyId: w.companyA, jambonzApiKey: null }, w.clock.clock());
    expect(ok(await play(viewerA, id))).toMatchObject({ via: 'unavailable', reason: 'not_configured' });
  });
});
