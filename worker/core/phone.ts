/**
 * Phone numbers, parsed and validated by libphonenumber-js (a maintained port of Google's
 * libphonenumber) with its "min" metadata less the formats (scripts/trim-phone-metadata.mjs).
 */
import { type MetadataJson, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import metadata from './phone-metadata.generated.json';

/** The number in E.164 (`+447911123456`), or null when it is not a valid international number. */
export function toE164(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), metadata as unknown as MetadataJson);
  if (!parsed?.isValid()) return null;
  return parsed.number;
}
