import { describe, expect, it } from 'vitest';
import { en } from '../../../src-renderer/src/i18n/en';
import { fa } from '../../../src-renderer/src/i18n/fa';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the console in Persian', () => {
  const english = flatten(en as unknown as Tree);
  const persian = flatten(fa as unknown as Tree);

  it('has every English key and no other', () => {
    expect([...persian.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('keeps every placeholder of the English sentence', () => {
    for (const [key, text] of english)
      expect({ key, names: placeholders(persian.get(key) ?? '') }).toEqual({ key, names: placeholders(text) });
  });

  it('is written in Persian, not copied from English', () => {
    // words, not placeholders: "{{view}} ({{count}})" has nothing to translate
    const untranslated = [...english].filter(
      ([key, text]) => /[a-z]{3}/.test(text.replace(/\{\{\w+\}\}/g, '')) && persian.get(key) === text,
    );
    // the brand and the language names are the same in both
    expect(untranslated.map(([k]) => k).sort()).toEqual(['auth.brand', 'shell.languageNames.en']);
  });
});
