import { afterEach, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { inboundWarnings } from '../../../src-main/core/inbound/warnings';
import { updateInboundSettings } from '../../../src-main/core/inbound/settings';
import { inboundWorld, type InboundWorld } from '../../world';

/**
 * A missing model key says whose model and which vendor beside its English sentence: the console
 * words the warning by these in Persian (src-renderer/src/pages/inbound/warning-text.ts), where the
 * sentence itself is not shown.
 */
let w: InboundWorld;
afterEach(async () => w?.close());

describe('inbound warnings name the model they are about', () => {
  it("the site's openai model with no key", async () => {
    w = await inboundWorld({ llmKey: null });
    const missing = (await inboundWarnings(w.core, w.companyA)).find((x) => x.code === 'llm_key_missing');
    expect(missing).toMatchObject({ vendor: 'openai', source: 'site' });
    expect(missing?.message).toContain("the site's model");
  });

  it("the company's own Azure model with no key", async () => {
    w = await inboundWorld({ llmKey: null });
    await updateInboundSettings(w.core, CLI_ACTOR, { companyId: w.companyA, llmVendor: 'microsoft' }, w.clock.clock());
    const warnings = await inboundWarnings(w.core, w.companyA);
    expect(warnings.find((x) => x.code === 'llm_key_missing')).toMatchObject({ vendor: 'microsoft', source: 'company' });
    expect(warnings.map((x) => x.code)).toContain('llm_host_missing');
  });
});
