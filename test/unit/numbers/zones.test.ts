import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { timezones } from 'libphonenumber-geo-carrier';
import { zonesOf } from '../../../src-main/core/phone/zones';

/** Numbers of many countries and areas, fixed lines and mobiles, single-zone and spanning ones. */
const SAMPLE = [
  '+12125551234', // New York
  '+13105551234', // Los Angeles
  '+18085551234', // Honolulu
  '+19075551234', // Alaska
  '+14165551234', // Toronto
  '+15195551234',
  '+989121234567', // Iran, mobile
  '+982188776655', // Tehran
  '+493012345678', // Berlin
  '+4915112345678', // German mobile
  '+442071234567', // London
  '+447911123456', // UK mobile
  '+74951234567', // Moscow
  '+79161234567', // Russian mobile
  '+61891234567', // Western and South Australia: spans two zones
  '+18005551234', // toll free: the whole plan
  '+351291234567', // Portugal
  '+73832123456', // Novosibirsk
  '+551132345678', // São Paulo
  '+559232345678', // Manaus
  '+5581301312345', // Recife / Noronha prefixes
  '+61212345678', // Sydney
  '+61812345678', // Perth
  '+61412345678', // Australian mobile
  '+525512345678', // Mexico City
  '+526641234567', // Tijuana
  '+919812345678', // India
  '+8613812345678', // China mobile
  '+81312345678', // Tokyo
  '+971501234567', // UAE
  '+2348031234567', // Nigeria
  '+34912345678', // Madrid
  '+34922123456', // Canary Islands
];

describe('callee time zones', () => {
  it("answer exactly what libphonenumber-geo-carrier's timezones() answers, for numbers of many countries", async () => {
    for (const phone of SAMPLE) {
      const expected = await timezones(parsePhoneNumberFromString(phone));
      const ours = zonesOf(phone);
      expect(ours === null ? null : ours.split('&'), phone).toEqual(expected === null ? null : [...expected].sort());
    }
  });

  it('tell a single-zone area from one that spans zones', () => {
    expect(zonesOf('+12125551234')).toBe('America/New_York');
    expect(zonesOf('+989121234567')).toBe('Asia/Tehran');
    expect(zonesOf('+61891234567')).toBe('Australia/Adelaide&Australia/Perth');
  });
});
