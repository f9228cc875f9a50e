/**
 * Phone numbers, parsed and validated by libphonenumber-js (a maintained port of Google's
 * libphonenumber) with its "min" metadata less the formats (scripts/trim-phone-metadata.mjs).
 */
import { type MetadataJson, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import type { FieldMessage } from '../../shared/field-messages.ts';
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

/** Why a number typed by a person cannot be used, each with what to do about it. */
export const phoneProblems = {
  not_international: 'Start with + and the country code, like +44 7911 123456.',
  not_a_number: 'That is not a phone number: check the digits.',
  not_in_use: 'No phone has that number: check the digits.',
  not_mobile: 'That is a landline. Give a mobile number: we send codes by text message.',
} as const;

export type PhoneProblem = keyof typeof phoneProblems | 'not_allowed';

export type ReadPhone =
  | { ok: true; value: string }
  | {
      ok: false;
      problem: PhoneProblem;
      message: string;
      /** The same, as the field message of the error answer (said in the request's language). */
      field: FieldMessage;
    };

/**
 * A number as a person typed it, read for a mobile that codes are texted to: E.164, or the one
 * problem to tell them — not written internationally, not a number, a number no phone has, a
 * landline, or a country the bank does not text (the messenger's calling-code guard, said up front).
 */
export function readMobile(input: string, allowedCallingCodes: readonly string[]): ReadPhone {
  const trimmed = input.trim();
  const refuse = (problem: keyof typeof phoneProblems): ReadPhone => ({
    ok: false,
    problem,
    message: phoneProblems[problem],
    field: { text: `phone_${problem}` },
  });
  if (!/^(\+|00)/.test(trimmed)) return refuse('not_international');
  const parsed = parsePhoneNumberFromString(trimmed.replace(/^00/, '+'), metadata as unknown as MetadataJson);
  if (!parsed?.isPossible()) return refuse('not_a_number');
  if (!parsed.isValid()) return refuse('not_in_use');
  // The trimmed metadata tells a landline apart in most countries; where it cannot, the number passes.
  if (parsed.getType() === 'FIXED_LINE') return refuse('not_mobile');
  if (!allowedCallingCodes.includes(String(parsed.countryCallingCode))) {
    const codes = allowedCallingCodes.map((code) => `+${code}`).join(', ');
    return {
      ok: false,
      problem: 'not_allowed',
      message: `We can only text numbers that start with ${codes || 'a country code the bank allows'}.`,
      field: codes ? { text: 'phone_not_allowed', params: { codes } } : { text: 'phone_no_country' },
    };
  }
  return { ok: true, value: parsed.number };
}
