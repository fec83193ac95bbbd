import type { InboundLookup, JambonzVerb } from '../../../../src-shared/contract/inbound';
import { dialTargetOf } from '../../phone/phone';

/**
 * Single verbs, shaped as @jambonz/verb-specifications (specs.json: say, dial, target, hangup, config)
 * describes them; the tests run every document through its validator and through the feature server's
 * own run-time checks (test/world/jambonz.ts).
 */

export function say(lookup: Pick<InboundLookup, 'voice'>, text: string): JambonzVerb {
  const { vendor, voice, language } = lookup.voice;
  // without a vendor the Jambonz application's own default voice speaks (a synthesizer needs `vendor`)
  return vendor ? { verb: 'say', text, synthesizer: { vendor, language, ...(voice ? { voice } : {}) } } : { verb: 'say', text };
}

/**
 * A dial to a stored target: a phone number or an extension is a `phone` target (the SBC routes it:
 * jambonz-feature-server lib/utils/place-outdial.js dials sip:<number>@<sbc>), a SIP address a `sip`
 * target (dialed as written). answerOnBridge: the caller's leg is answered only when the far end picks up.
 */
export function dial(stored: string, extra: Record<string, unknown> = {}): JambonzVerb {
  const t = dialTargetOf(stored);
  const target = t.kind === 'sip' ? { type: 'sip', sipUri: t.uri } : { type: 'phone', number: t.kind === 'phone' ? t.phone : t.extension };
  return { verb: 'dial', answerOnBridge: true, target: [target], ...extra };
}

export const hangup = (): JambonzVerb => ({ verb: 'hangup' });

/**
 * Records the call to the Jambonz account's storage (the `config` verb's record options with type
 * "cloud": jambonz-feature-server lib/session/call-session.js notifyRecordOptions); the recording is
 * then served by Jambonz's REST API (jambonz-api-server lib/routes/api/recent-calls.js,
 * GET /Accounts/:sid/RecentCalls/:call_sid/record/:year/:month/:day/:format).
 */
export const recordCall = (): JambonzVerb => ({ verb: 'config', record: { action: 'startCallRecording', type: 'cloud' } });
