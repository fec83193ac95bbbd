import { describe, expect, it } from 'vitest';
import { dialTargetOf, readDialTarget, toDialTarget } from '../../../src-main/core/phone/phone';

describe('dial targets: where a support line or a department is dialed', () => {
  it('reads phone numbers with the company country, extensions and SIP addresses', () => {
    expect(readDialTarget('030 1111111', 'DE')).toEqual({ ok: true, stored: '+49301111111' });
    expect(readDialTarget('+49 30 1111111')).toEqual({ ok: true, stored: '+49301111111' });
    // an 11-digit US number written without "+" needs the company's country, not a --region flag
    expect(readDialTarget('12125551234', 'US')).toEqual({ ok: true, stored: '+12125551234' });
    // seed 003's short numbers are extensions of the site's exchange
    expect(readDialTarget('8811001', 'IR')).toEqual({ ok: true, stored: '8811001' });
    expect(readDialTarget('8811001')).toEqual({ ok: true, stored: '8811001' });
    expect(readDialTarget('۸۸۱۱۰۰۱')).toEqual({ ok: true, stored: '8811001' });
    expect(readDialTarget('sip:sales@pbx.example.com')).toEqual({ ok: true, stored: 'sip:sales@pbx.example.com' });
    expect(readDialTarget('sips:sales@10.0.0.5:5061;transport=tls')).toMatchObject({ ok: true });
  });

  it('refuses what is none of them, naming the field', () => {
    for (const bad of ['12', '0301', 'sip:nohost', 'sip:a b@pbx', 'hello', '12345678901234567']) {
      expect(readDialTarget(bad, 'DE'), bad).toMatchObject({ ok: false });
    }
    expect(() => toDialTarget('sip:nohost', 'departments.0.transferNumber')).toThrow(/departments\.0\.transferNumber: "sip:nohost"/);
  });

  it('tells stored targets apart for the dial verb', () => {
    expect(dialTargetOf('+49301111111')).toEqual({ kind: 'phone', phone: '+49301111111' });
    expect(dialTargetOf('8811001')).toEqual({ kind: 'extension', extension: '8811001' });
    expect(dialTargetOf('sip:sales@pbx')).toEqual({ kind: 'sip', uri: 'sip:sales@pbx' });
  });
});
