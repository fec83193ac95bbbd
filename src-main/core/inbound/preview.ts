import type { InboundPreview } from '../../../src-shared/contract/inbound';
import type { Db } from '../db/connection';
import type { OpeningHours } from './opening-hours';
import { closedVerbs, openVerbs } from './jambonz';
import { getLlmConnection, toLlmSettingsDto } from './llm-settings';
import { buildLookup } from './lookup';
import { getInboundNumber } from './numbers';

/**
 * What the telephony server gets for one of a company's numbers at `at`: the lookup answer, and the
 * verb arrays for both in and out of hours. The one difference from the wire: the model's API key
 * is shown as its last four characters, since anyone who may read the setup may open this.
 */
export function previewInbound(db: Db, companyId: number, id: number, at: number, hours: OpeningHours): InboundPreview {
  const row = getInboundNumber(db, companyId, id);
  const lookup = buildLookup(db, row, at, hours);
  const llm = getLlmConnection(db);
  const shown = { ...llm, apiKey: llm.apiKey ? toLlmSettingsDto(llm).apiKeyHint : null };
  return {
    lookup,
    jambonz: { open: openVerbs({ ...lookup, open: true, closed_reason: null }, shown), closed: closedVerbs(lookup) },
    now: lookup.open ? 'open' : 'closed',
  };
}
