/**
 * The names that may go into a message (a customer's display name, a trusted contact's name): an SMS
 * carries them to someone else's phone, so they must not be able to carry a number to call, a link or
 * an address ("BANK ALERT call 0800…", "evil.com"). DESIGN.md: no free text chosen by a user goes
 * into a message as written.
 *
 * Letters of any script (with their combining marks), spaces, hyphens and apostrophes; a full stop
 * only right after a letter and before a space or the end (initials: "Anna K.", "J. Smith"), so no
 * domain name can be formed. No digits, no `@`, no `/` or `:`. At most 40 characters.
 */

import { isStoredText, textLimits } from './text.ts';

export const personNameMaxLength = 40;

/** The character-class rule (the length is checked on its own, by the schema that uses it). */
export const personNamePattern = /^(?:[\p{L}\p{M}' \-’]|(?<=\p{L})\.(?= |$))+$/u;

/** The field message when a name breaks the rule. */
export const personNameProblem = 'Use letters, spaces, hyphens and apostrophes only (no digits, links or @).';

/** Whether a name may go into a message as it is. */
export function isPersonName(name: string): boolean {
  return name.length > 0 && [...name].length <= personNameMaxLength && personNamePattern.test(name);
}

/**
 * The objects' check of a name from outside (as if it came from the internet): stored text under the
 * one text rule (shared/text.ts) and a person's name as above. Routes check the same with a field error.
 */
export function isStoredPersonName(value: unknown): value is string {
  return isStoredText(value, textLimits.personName) && isPersonName(value);
}
