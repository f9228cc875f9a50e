import { type CountryCode, type MetadataJson, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import examples from 'libphonenumber-js/examples.mobile.json' with { type: 'json' };
import full from 'libphonenumber-js/metadata.min.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { readMobile, toE164 } from './phone.ts';
import trimmed from './phone-metadata.generated.json' with { type: 'json' };

const fullMetadata = full as unknown as MetadataJson;

describe('phone numbers', () => {
  it('are the library’s own metadata less the formats (npm run phone-metadata regenerates them)', () => {
    const expected = structuredClone(full) as unknown as {
      countries: Record<string, unknown[]>;
      nonGeographic?: Record<string, unknown[]>;
    };
    for (const group of [expected.countries, expected.nonGeographic ?? {}]) {
      for (const entry of Object.values(group)) if (Array.isArray(entry[4])) entry[4] = [];
    }
    expect(trimmed).toEqual(expected);
  });

  it('parse and validate every example mobile number as the full metadata does', () => {
    let checked = 0;
    for (const [country, national] of Object.entries(examples as Record<string, string>)) {
      const reference = parsePhoneNumberFromString(national, country as CountryCode, fullMetadata);
      if (!reference?.isValid()) continue;
      expect(toE164(reference.number)).toBe(reference.number);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('refuse numbers that are not valid', () => {
    expect(toE164('+44 7700 900123')).toBeNull(); // reserved for drama
    expect(toE164('+44 123')).toBeNull();
    expect(toE164('07911 123456')).toBeNull(); // no country code
    expect(toE164('not a number')).toBeNull();
    expect(toE164('+44 7911 123456')).toBe('+447911123456');
  });
});

describe('a mobile number as a person typed it', () => {
  const uk = ['44'];
  it('reads it in international format, spaced or not, with + or 00', () => {
    expect(readMobile('+44 7911 123456', uk)).toEqual({ ok: true, value: '+447911123456' });
    expect(readMobile('0044 7911 123456', uk)).toEqual({ ok: true, value: '+447911123456' });
  });

  it('says exactly what is wrong, one problem at a time', () => {
    expect(readMobile('07911 123456', uk)).toMatchObject({ ok: false, problem: 'not_international' });
    expect(readMobile('+44 123', uk)).toMatchObject({ ok: false, problem: 'not_a_number' });
    // Ofcom's range for drama: the right length and shape, but no phone has it.
    expect(readMobile('+44 7700 900123', uk)).toMatchObject({
      ok: false,
      problem: 'not_in_use',
      message: 'No phone has that number: check the digits.',
    });
    expect(readMobile('+44 20 7946 0000', uk)).toMatchObject({ ok: false, problem: 'not_mobile' });
    expect(readMobile('+33 6 12 34 56 78', uk)).toEqual({
      ok: false,
      problem: 'not_allowed',
      message: 'We can only text numbers that start with +44.',
      field: { text: 'phone_not_allowed', params: { codes: '+44' } },
    });
  });

  it('never calls a number in international format "not international"', () => {
    for (const typed of ['+44 7700 900123', '+44 123', '+44 20 7946 0000', '+33 6 12 34 56 78']) {
      const read = readMobile(typed, uk);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.message).not.toMatch(/international|\+ and the country code/);
    }
  });
});
