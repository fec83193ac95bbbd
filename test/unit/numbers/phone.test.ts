import { describe, expect, it } from 'vitest';
import { cleanPhone, normalizePhone, PhoneNormalizer, phoneSearch, toE164, wireNumber } from '../../../src-main/core/phone/phone';
import { call, makeTestCore, ok, seedWorld, recordTestResult } from '../../world';

describe('the one phone normaliser', () => {
  it('reads Persian and Arabic-Indic digits, separators and 00 as a person types them', () => {
    expect(cleanPhone('۰۹۱۲ ۱۲۳ ۴۵۶۷')).toBe('09121234567');
    expect(cleanPhone('٠٠٩٨-٩١٢-١٢٣-٤٥٦٧')).toBe('+989121234567');
    expect(normalizePhone('۰۹۱۲ ۱۲۳ ۴۵۶۷', 'IR')).toEqual({ ok: true, phone: '+989121234567' });
    expect(new PhoneNormalizer('IR').normalize('۰۹۱۲۱۲۳۴۵۶۷')).toEqual({ ok: true, phone: '+989121234567' });
    expect(normalizePhone('(030) 1234-5678', 'DE')).toEqual({ ok: true, phone: '+493012345678' });
    expect(normalizePhone('0912 123 4567')).toMatchObject({ ok: false, reason: expect.stringMatching(/country code/) });
    expect(() => toE164('12', 'supportNumber', 'IR')).toThrow(/supportNumber: "12" is not a valid phone number/);
  });

  it('reads numbers from a telephony server: with or without "+", national only with a country', () => {
    expect(wireNumber('+4930123456')).toBe('+4930123456');
    expect(wireNumber('4930123456')).toBe('+4930123456');
    expect(wireNumber('00989121234567')).toBe('+989121234567');
    expect(wireNumber('09121234567', 'IR')).toBe('+989121234567');
    expect(wireNumber('09121234567')).toBeNull();
    expect(wireNumber('anonymous')).toBeNull();
    expect(wireNumber('sip:alice@example.com')).toBeNull();
  });

  it('reads what a search box holds: a whole number exactly, and a prefix of the international form', () => {
    expect(phoneSearch('09018541852', 'IR')).toEqual({ exact: '+989018541852', prefix: '+989018541852' });
    expect(phoneSearch('0912', 'IR')).toEqual({ exact: null, prefix: '+98912' });
    expect(phoneSearch('+98 912 123 4567')).toEqual({ exact: '+989121234567', prefix: '+989121234567' });
    expect(phoneSearch('4917')).toEqual({ exact: null, prefix: '+4917' });
    expect(phoneSearch('۰۹۱۲', 'IR')).toEqual({ exact: null, prefix: '+98912' });
    expect(phoneSearch('abc')).toBeNull();
  });

  it('the call log finds a national number typed as people write it, with the company country', async () => {
    const core = await makeTestCore();
    try {
      const w = await seedWorld(core);
      ok(await call(core, w.superuser, 'companies.update', { companyId: w.companyA, defaultCountry: 'IR' }));
      await recordTestResult(core, { companyId: w.companyA, phone: '+989018541852', status: 'ANSWERED', startedAt: core.clock() - 60_000 });
      await recordTestResult(core, { companyId: w.companyA, phone: '+989121111111', status: 'ANSWERED', startedAt: core.clock() - 60_000 });
      const today = new Date(core.clock()).toISOString().slice(0, 10);
      for (const typed of ['09018541852', '+989018541852', '۰۹۰۱۸۵۴۱۸۵۲', '0901854']) {
        const page = ok(await call(core, w.superuser, 'calls.list', { companyId: w.companyA, from: today, to: today, phone: typed }));
        expect(
          page.items.map((r) => r.phone),
          typed,
        ).toEqual(['+989018541852']);
      }
    } finally {
      await core.dispose();
    }
  });
});
