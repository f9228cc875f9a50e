/**
 * Phone numbers, parsed and validated by libphonenumber-js (a maintained port of Google's
 * libphonenumber) with its "min" metadata less the formats (scripts/trim-phone-metadata.mjs).
 */
import { type MetadataJson, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import metadata from './phone-metadata.generated.json' with { type: 'json' };

/** The number in E.164 (`+447911123456`), or null when it is not a valid international number. */
export function toE164(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), metadata as unknown as MetadataJson);
  if (!parsed?.isValid()) return null;
  return parsed.number;
}

/** The country calling code of an E.164 number (`44` for `+447911123456`), or null. */
export function callingCodeOf(e164: string): string | null {
  const parsed = parsePhoneNumberFromString(e164, metadata as unknown as MetadataJson);
  return parsed ? String(parsed.countryCallingCode) : null;
}

/** The SMS-pumping guard: SMS and voice go only to numbers of these country calling codes. */
export function callingCodeAllowed(e164: string, allowed: readonly string[]): boolean {
  const code = callingCodeOf(e164);
  return code !== null && allowed.includes(code);
}
