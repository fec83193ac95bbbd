import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundWarning } from '../../../src-shared/contract/inbound-settings';
import { i18next, resources } from '../../../src-renderer/src/i18n';
import { warningText } from '../../../src-renderer/src/pages/inbound/warning-text';

/**
 * (".dom": it loads the console's own modules, so the web type-check reads it.) The inbound pages'
 * warnings come from the server in English; in Persian they are worded by their code, with the vendor
 * by its product name and whose model it is, and in English they stay the server's sentence.
 */
const missing: InboundWarning = {
  code: 'llm_key_missing',
  vendor: 'openai',
  source: 'company',
  message: "no openai API key is set (the company's model): AI agents cannot answer, so callers hear a greeting and go to the support line",
};
const transfers: InboundWarning = {
  code: 'transfers_need_jambonz_api',
  message:
    "the AI agent cannot hand callers to a department while Jambonz's REST API (its URL and an API key) is not set: it tells callers the department's number instead",
};
/** Latin words other than the product names and the API's letters */
const latinWords = (text: string) =>
  (text.match(/[A-Za-z]+/g) ?? []).filter((word) => !['OpenAI', 'Azure', 'Jambonz', 'REST', 'API'].includes(word));

describe('inbound warnings in the console language', () => {
  beforeAll(async () => {
    await i18next.init({ resources, lng: 'fa', fallbackLng: 'en', interpolation: { escapeValue: false } });
  });
  afterAll(async () => {
    await i18next.changeLanguage('en');
  });

  it('words them in Persian, naming the vendor and whose model it is', async () => {
    await i18next.changeLanguage('fa');
    const text = warningText(missing);
    expect(latinWords(text)).toEqual([]);
    expect(text).toContain('OpenAI');
    expect(text).toContain(`مدل ${resources.fa.translation.inbound.warnings.owners.company}`);
    expect(latinWords(warningText(transfers))).toEqual([]);
  });

  it("keeps the server's sentence in English", async () => {
    await i18next.changeLanguage('en');
    expect(warningText(missing)).toBe(
      "No openai API key is set (the company's model): AI agents cannot answer, so callers hear a greeting and go to the support line.",
    );
  });
});
