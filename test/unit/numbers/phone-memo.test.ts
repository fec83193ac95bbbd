import { describe, expect, it } from 'vitest';
import { PhoneNormalizer, normalizePhone } from '../../../src-main/core/phone/phone';

/**
 * Deterministic digit strings sharing a few dozen 7-digit heads (so the memo's keys repeat and it is
 * really used), each with a random tail.
 */
function* digits(seed: number, count: number, length: number, starts: string[]) {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) % 10;
  const heads = Array.from({ length: 40 }, (_, i) => {
    let h = starts[i % starts.length];
    while (h.length < 7) h += String(next());
    return h;
  });
  for (let i = 0; i < count; i++) {
    let s = heads[i % heads.length];
    while (s.length < length) s += String(next());
    yield s.slice(0, length);
  }
}

describe('PhoneNormalizer memo', () => {
  // the memo reuses one parse for every number of the same leading digits and length; it must
  // answer exactly what the parser answers for each number, valid or not
  // the first digits after the prefix: some that start real numbers, some that do not
  const cases: [region: string, prefix: string, lengths: number[], starts: string[]][] = [
    ['IR', '09', [9, 10, 11], ['12', '35', '01', '90', '99', '50', '63', '4']],
    ['IR', '021', [8, 9, 10], ['2', '8', '0', '9']],
    ['IR', '+989', [11, 12, 13], ['12', '35', '01', '90', '99', '50', '63', '4']],
    ['DE', '0', [9, 10, 11, 12], ['30', '151', '171', '89', '0', '1']],
    ['US', '', [10, 11], ['212', '646', '415', '1', '0', '911']],
    ['GB', '07', [10, 11], ['1', '4', '5', '7', '9', '6', '0']],
  ];
  for (const [region, prefix, lengths, starts] of cases) {
    it(`agrees with the parser for ${region} numbers starting ${prefix || '(no prefix)'}`, () => {
      const memo = new PhoneNormalizer(region);
      let compared = 0;
      let valid = 0;
      for (const length of lengths) {
        for (const rest of digits(length * 31 + prefix.length, 3000, length - prefix.length, starts)) {
          const raw = prefix + rest;
          expect(memo.normalize(raw), raw).toEqual(normalizePhone(raw, region));
          compared++;
          if (memo.normalize(raw).ok) valid++;
        }
      }
      expect(compared).toBeGreaterThan(5000);
      expect(valid).toBeGreaterThan(0); // some shapes are numbers, some not: both verdicts are reused
    });
  }
});
