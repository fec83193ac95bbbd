import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallFiltersInput } from '../../../src-shared/contract/calls';
import { StatementMonth } from '../../../src-shared/contract/exports';
import { issueText } from '../../../src-renderer/src/api/errors';
import { i18next, resources } from '../../../src-renderer/src/i18n';

/**
 * (".dom": it loads the console's own modules, so the web type-check, which knows the DOM, reads it.)
 * A refusal in Persian is worded in Persian even when its field's name says nothing (a filter's "to",
 * a statement's "month"): the sentences come from the real schemas, so a reworded rule is noticed.
 */
const LATIN_WORDS = /[A-Za-z]{3,}/;

function firstIssue(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string; code: string }[] } }) {
  const issue = result.error!.issues[0];
  return { path: issue.path.join('.'), message: issue.message, issue: issue.code };
}

describe('field errors in the console language', () => {
  beforeAll(async () => {
    await i18next.init({ resources, lng: 'fa', fallbackLng: 'en', interpolation: { escapeValue: false } });
  });
  afterAll(async () => {
    await i18next.changeLanguage('en');
  });

  const refusals = {
    range: firstIssue(CallFiltersInput.safeParse({ companyId: 1, from: '2015-01-01', to: '2025-12-31' })),
    order: firstIssue(CallFiltersInput.safeParse({ companyId: 1, from: '2025-02-01', to: '2025-01-01' })),
    phone: firstIssue(CallFiltersInput.safeParse({ companyId: 1, phone: '0912abc' })),
    month: firstIssue(StatementMonth.safeParse('1999-12')),
  };

  it.each(Object.entries(refusals))('words the %s refusal in Persian', async (_name, issue) => {
    await i18next.changeLanguage('fa');
    const text = issueText(issue);
    expect(text).not.toMatch(LATIN_WORDS);
    expect(text).not.toBe(issue.message);
  });

  it('keeps the numbers the rule names', async () => {
    await i18next.changeLanguage('fa');
    expect(issueText(refusals.range)).toContain('366');
  });

  it("keeps the rule's own sentence in English", async () => {
    await i18next.changeLanguage('en');
    expect(issueText(refusals.range)).toMatch(/^A range is at most 366 days/);
  });
});
