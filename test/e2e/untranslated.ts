import type { Page } from '@playwright/test';

/**
 * Runs of Latin words a person sees on a page in Persian: text left in English when a string was not
 * put through the translations. Visible text counts, and the words a screen reader or a pointer shows
 * (aria-label, placeholder, title). What is Latin in Persian too is allowed: the product's name (and Jambonz's and PostgreSQL's),
 * codes (ISO currencies and countries, time zones, sip: addresses, API key prefixes) and the data the
 * test itself typed in (company and user names, whole phrases too), passed as `data`.
 */
export async function untranslatedText(page: Page, name: string, data: readonly string[]): Promise<string[]> {
  const texts: string[] = await page.evaluate(() => {
    // the e2e type-check has no DOM library: the page's objects are reached through globalThis
    const doc = (globalThis as any).document;
    const shownFilter = (el: any) => el && typeof el.checkVisibility === 'function' && el.checkVisibility({ visibilityProperty: true });
    const out: string[] = [];
    const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName)) continue;
      // a command to type (dialdesk serve --backup-dir DIR) and codes set in monospace (a key's prefix,
      // a slug, a phone) are the same in every language
      if (parent.closest('code, .mono')) continue;
      // a <option> is drawn only when its <select> opens; the closed <select> shows the chosen one
      const owner = parent.closest('select') ?? parent;
      if (parent.closest('option') && !parent.closest('option').selected) continue;
      if (!shownFilter(owner)) continue;
      const text = String(node.textContent ?? '').trim();
      if (text) out.push(text);
    }
    for (const el of doc.body.querySelectorAll('[aria-label], [placeholder], [title]')) {
      if (!shownFilter(el)) continue;
      for (const attr of ['aria-label', 'placeholder', 'title']) {
        const v = el.getAttribute(attr);
        if (v) out.push(v);
      }
    }
    return out;
  });
  const allowed = new Set(data.map((d) => d.toLowerCase()));
  const found = new Set<string>();
  for (const shown of texts) {
    // a file path (the log folder) is the machine's, in any language
    const text = shown.replace(/\S*\/\S*/g, ' ');
    for (const run of text.match(/[A-Za-z][A-Za-z'’.\-/_@:]*(?:[ \t]+[A-Za-z][A-Za-z'’.\-/_@:]*)*/g) ?? []) {
      if (allowed.has(run.toLowerCase())) continue;
      const words = run.split(/\s+/).map((w) => w.replace(/[.:’'-]+$/, ''));
      if (words.every((w) => isAllowed(w, allowed))) continue;
      found.add(run);
    }
  }
  return [...found].map((run) => `${name}: “${run}”`);
}

function isAllowed(word: string, data: Set<string>): boolean {
  if (word === '' || data.has(word.toLowerCase())) return true;
  return (
    word === 'DialDesk' ||
    // the telephony server's product name, and the header its webhooks are signed in
    word === 'Jambonz' ||
    word === 'Jambonz-Signature' ||
    // the database server a site's desks may share
    word === 'PostgreSQL' ||
    // ISO 4217 currencies, ISO 3166 countries, units of size, status codes (ANSWERED, NO_ANSWER)
    /^[A-Z][A-Z_]+$/.test(word) ||
    // a time zone (Asia/Tehran, Europe/Berlin, UTC)
    /^[A-Z][A-Za-z_]+\/[A-Za-z_/]+$/.test(word) ||
    // sip:agent@pbx, an API key's prefix (dd_live_…), a slug
    /^sip:|@|^dd_|_/.test(word)
  );
}
