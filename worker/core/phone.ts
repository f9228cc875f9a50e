/** Phone numbers, parsed and validated by libphonenumber-js (a maintained port of Google's library). */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** The number in E.164 (`+447700900123`), or null when it is not a valid international number. */
export function toE164(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim());
  if (!parsed?.isValid()) return null;
  return parsed.number;
}
