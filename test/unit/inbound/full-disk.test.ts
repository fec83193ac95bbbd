import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { updateInboundSettings } from '../../../src-main/core/inbound/settings';
import { inboundWorld, jambonzCall, jambonzRefusals, toolAnswerProblems, type InboundWorld } from '../../world';

/**
 * A full disk while a call is live: Jambonz drops the caller of any hook that answers an error status,
 * so the hooks of the AI session and of the transfer answer what they would have, store nothing, and
 * the server's log says what was lost.
 */
let w: InboundWorld;
let rest: Server;
let restAnswer = 500;
const lines: { level: number; msg: string; [k: string]: unknown }[] = [];
const SID = 'b5e39996-bd2f-4bda-b928-355147186a2a';
const UNLIMITED = 4_294_967_294;

beforeEach(async () => {
  lines.length = 0;
  w = await inboundWorld({ logger: { level: 'warn', stream: { write: (line: string) => void lines.push(JSON.parse(line)) } } });
  restAnswer = 500;
  rest = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(restAnswer).end());
  });
  await new Promise<void>((r) => rest.listen(0, '127.0.0.1', r));
  const restUrl = `http://127.0.0.1:${(rest.address() as { port: number }).port}/api`;
  await updateInboundSettings(
    w.core,
    CLI_ACTOR,
    { companyId: w.companyA, jambonzApiUrl: restUrl, jambonzApiKey: 'jbz-rest-key-0123' },
    w.clock.clock(),
  );
});
afterEach(async () => {
  await w.close();
  await new Promise((r) => rest.close(r));
});

/**
 * The database may not grow, and the table every hook writes first (its receipts) has no room left
 * in any of its pages: the next receipt fails with SQLITE_FULL, as on a full disk.
 */
function fillDisk(): void {
  const db = w.core.db.sqlite;
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
  const insert = db.prepare('insert into inbound_hooks (call_sid, hash, at) values (?, ?, 0)');
  for (let misses = 0; misses < 300;) {
    try {
      insert.run(SID, randomBytes(32).toString('base64url'));
      misses = 0;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_FULL') throw err;
      misses++;
    }
  }
}

const hook = (path: string, body: unknown) => w.hook(`/api/v1/inbound/jambonz/${path}?call_sid=${SID}`, body);
const said = (text: string) => ({ type: 'conversation.item.input_audio_transcription.completed', transcript: text });

describe('a full disk during a live call', () => {
  it('the AI session’s hooks answer the caller as usual, store nothing, and log what was lost', async () => {
    await w.hook('/api/v1/inbound/jambonz/call', jambonzCall());
    // the REST API refused the transfer before the disk filled: the llm verb's action hook must dial it
    await hook('tool', { tool_call_id: 'call_1', name: 'transfer_to_department', args: { department: 'Billing' } });
    expect(await w.call(SID)).toMatchObject({ transfer_state: 'redirect_failed' });
    const hooksBefore = await w.count('inbound_hooks');
    const before = { result: await w.result(), call: await w.call(SID) };
    fillDisk();
    const filled = await w.count('inbound_hooks');

    const event = await hook('llm-event', said('I need my invoice'));
    expect(event).toEqual({ status: 200, body: { ok: true } });

    restAnswer = 202;
    const tool = await hook('tool', { tool_call_id: 'call_2', name: 'transfer_to_department', args: { department: 'Sales' } });
    expect(tool.status).toBe(200);
    expect(toolAnswerProblems('openai', 'call_2', tool.body)).toEqual([]);
    expect(JSON.parse(tool.body.item.output)).toMatchObject({ ok: false, message: expect.stringContaining('cannot be made right now') });

    const ended = await hook('llm-action', jambonzCall({ completion_reason: 'server closed connection' }));
    expect(ended.status).toBe(200);
    expect(jambonzRefusals(ended.body)).toEqual([]);
    expect(ended.body).toEqual([
      { verb: 'say', text: 'Connecting you to Billing.' },
      expect.objectContaining({ verb: 'dial', target: [{ type: 'sip', sipUri: 'sip:billing@pbx.acme.example' }] }),
    ]);

    const busy = await hook('dial-action', jambonzCall({ dial_call_status: 'busy' }));
    expect(busy.status).toBe(200);
    expect(jambonzRefusals(busy.body)).toEqual([]);
    expect(busy.body.map((v: { verb: string }) => v.verb)).toEqual(['say', 'dial']);
    expect(busy.body[1].target).toEqual([{ type: 'phone', number: '8811001' }]);

    expect({ result: await w.result(), call: await w.call(SID) }).toEqual(before);
    expect(await w.count('inbound_hooks')).toBe(filled);
    const lost = lines.filter((l) => l.level >= 50);
    expect(lost.map((l) => l.msg.split(' for call')[0])).toEqual([
      'inbound webhook /api/v1/inbound/jambonz/llm-event',
      'inbound webhook /api/v1/inbound/jambonz/tool',
      'inbound webhook /api/v1/inbound/jambonz/llm-action',
      'inbound webhook /api/v1/inbound/jambonz/dial-action',
    ]);
    for (const line of lost) expect(line).toMatchObject({ code: 'STORAGE_FULL', err: { code: 'SQLITE_FULL' } });

    // space again: the same event, sent again, is stored now (nothing of it was kept the first time)
    w.core.db.sqlite.pragma(`max_page_count = ${UNLIMITED}`);
    w.core.db.sqlite.prepare('delete from inbound_hooks where at = 0').run();
    expect(await w.count('inbound_hooks')).toBe(hooksBefore);
    await hook('llm-event', said('I need my invoice'));
    expect((await w.result())!.transcript).toContain('caller: I need my invoice');
  });
});
