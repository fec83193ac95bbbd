import type { InboundPreview } from '../../../src-shared/contract/inbound';
import type { Core } from '../core';
import { hintOf } from '../secrets/secret-box';
import type { OpeningHours } from './opening-hours';
import { callDocument } from './jambonz/document';
import { llmConnectionFor } from './llm/connection';
import { buildLookup } from './lookup';
import { getInboundNumber } from './numbers';
import { inboundSettingsOf, jambonzApiWith } from './settings';
import { inboundWarnings } from './warnings';

export const PREVIEW_CALL_SID = 'preview-call-sid';

/**
 * What the telephony server gets for one of a company's numbers at `at`: the lookup answer, and the
 * verb arrays for both in and out of hours, as a call with a call_sid gets them. The one difference
 * from the wire: the model's key is shown as its last four characters, since anyone who may read the
 * setup may open this. And what makes calls go worse than set up (no model key: no AI).
 */
export async function previewInbound(core: Core, companyId: number, id: number, at: number, hours: OpeningHours): Promise<InboundPreview> {
  const row = await getInboundNumber(core.db, companyId, id);
  const lookup = await buildLookup(core.db, row, at, hours);
  const settings = await inboundSettingsOf(core.db, companyId);
  const llm = await llmConnectionFor(core, companyId, settings);
  const ctx = {
    llm: { ...llm, apiKey: llm.apiKey ? hintOf(llm.apiKey) : null },
    callSid: PREVIEW_CALL_SID,
    transfers: jambonzApiWith(core, companyId, settings) !== null,
    record: settings.recordCalls,
  };
  return {
    lookup,
    jambonz: {
      open: callDocument({ ...lookup, open: true, closed_reason: null }, ctx).verbs,
      closed: callDocument({ ...lookup, open: false }, ctx).verbs,
    },
    now: lookup.open ? 'open' : 'closed',
    warnings: await inboundWarnings(core, companyId),
  };
}
