import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { updateInboundSettings } from '../../../src-main/core/inbound/settings';
import { checkJambonzSignature } from '../../../src-main/core/inbound/signature';
import { inboundWorld, jambonzCall, jambonzSignature, type InboundWorld } from '../../world';

const SECRET = 'whsec-0123456789abcdef';
let w: InboundWorld;
beforeEach(async () => {
  w = await inboundWorld();
  await updateInboundSettings(w.core, CLI_ACTOR, { companyId: w.companyA, webhookSecret: SECRET }, w.clock.clock());
});
afterEach(async () => w.close());

const writes = () => Promise.all(['call_results', 'inbound_calls', 'inbound_hooks', 'numbers'].map((t) => w.count(t)));
const now = () => Math.floor(w.clock.clock() / 1000);

describe('Jambonz-Signature, when the company has a webhook secret', () => {
  it('is required beside the key on every webhook, and checked over the body as sent', async () => {
    const before = await writes();
    for (const [what, options] of [
      ['unsigned', {}],
      ['signed with another secret', { secret: 'whsec-someone-else' }],
      ['signed 6 minutes ago', { secret: SECRET, signedAt: now() - 360 }],
    ] as const) {
      const res = await w.hook('/api/v1/inbound/jambonz/call', jambonzCall(), options);
      expect(res.status, what).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
      expect((await w.hook('/api/v1/inbound/jambonz/status', jambonzCall({ call_status: 'ringing' }), options)).status, what).toBe(401);
    }
    expect(await writes()).toEqual(before);

    const signed = await w.hook('/api/v1/inbound/jambonz/call', jambonzCall(), { secret: SECRET });
    expect(signed.status).toBe(200);
    expect(await w.count('call_results')).toBe(1);
    const sid = jambonzCall().call_sid;
    expect((await w.hook(`/api/v1/inbound/jambonz/llm-event?call_sid=${sid}`, { type: 'error' })).status).toBe(401);
    expect((await w.hook(`/api/v1/inbound/jambonz/llm-event?call_sid=${sid}`, { type: 'error' }, { secret: SECRET })).status).toBe(200);
  });

  it('still needs the API key: a signature alone is not enough', async () => {
    const res = await w.hook('/api/v1/inbound/jambonz/call', jambonzCall(), { secret: SECRET, key: 'ddk_not-a-key' });
    expect(res.status).toBe(401);
  });

  it('a GET calling webhook, which carries no body to check, is answered but writes nothing', async () => {
    const before = await writes();
    const res = await w.hook(`/api/v1/inbound/jambonz/call?did=%2B49301234567&call_sid=get-1&from=4915100000000`, undefined, {
      method: 'GET',
    });
    expect(res.status).toBe(200);
    expect(await writes()).toEqual(before);
  });

  it('companies without a secret are not asked for one', async () => {
    await updateInboundSettings(w.core, CLI_ACTOR, { companyId: w.companyA, webhookSecret: null }, w.clock.clock());
    expect((await w.hook('/api/v1/inbound/jambonz/call', jambonzCall())).status).toBe(200);
  });

  it('matches the feature server’s own header, any of several v1 signatures, and nothing else', () => {
    const body = JSON.stringify(jambonzCall());
    const t = 1_772_445_600;
    expect(checkJambonzSignature(SECRET, jambonzSignature(SECRET, body, t), body, t + 10)).toEqual({ ok: true });
    const two = `t=${t},v1=${'0'.repeat(64)},v1=${jambonzSignature(SECRET, body, t).split('v1=')[1]}`;
    expect(checkJambonzSignature(SECRET, two, body, t)).toEqual({ ok: true });
    expect(checkJambonzSignature(SECRET, jambonzSignature(SECRET, body, t), `${body} `, t)).toMatchObject({ ok: false });
    expect(checkJambonzSignature(SECRET, 'v1=abc', body, t)).toMatchObject({ ok: false });
    expect(checkJambonzSignature(SECRET, jambonzSignature(SECRET, body, t), body, t + 301)).toMatchObject({ ok: false });
  });
});
