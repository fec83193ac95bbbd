import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Jambonz signs every webhook it sends: `Jambonz-Signature: t=<unix seconds>,v1=<hex>`, the hex being
 * HMAC-SHA256 with the account's webhook secret over `${t}.${body}` (jambonz-feature-server
 * lib/utils/base-requestor.js _generateSigHeader / _computeSignature, where the body is
 * JSON.stringify of the payload, the very text http-requestor.js sends). Checked as Jambonz's own SDK
 * checks it (@jambonz/node-client WebhookResponse.verifyJambonzSignature): any v1 signature may
 * match, and a timestamp older than 5 minutes is refused, so a captured request cannot be replayed
 * later; one from more than 5 minutes ahead is refused too (a clock that far off is worth knowing).
 */
export const SIGNATURE_TOLERANCE_S = 300;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function checkJambonzSignature(secret: string, header: string | undefined, body: string, nowS: number): SignatureCheck {
  if (!header) return { ok: false, reason: 'the request carries no Jambonz-Signature header' };
  let timestamp = -1;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const [key, value] = [part.slice(0, eq).trim(), part.slice(eq + 1).trim()];
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  if (timestamp < 0 || signatures.length === 0) return { ok: false, reason: 'the Jambonz-Signature header is not t=<seconds>,v1=<hex>' };
  const expected = Buffer.from(createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex'));
  if (!signatures.some((s) => timingSafeEqual(Buffer.from(s), expected))) {
    return { ok: false, reason: "the Jambonz-Signature does not match this company's webhook secret" };
  }
  if (Math.abs(nowS - timestamp) > SIGNATURE_TOLERANCE_S) {
    return { ok: false, reason: `the Jambonz-Signature was made ${nowS - timestamp} s from now, beyond ${SIGNATURE_TOLERANCE_S} s` };
  }
  return { ok: true };
}
