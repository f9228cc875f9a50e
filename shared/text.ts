/**
 * The one rule for free text a person types (names, teams, API-key names, payee names, notes).
 * The zod schemas of shared/ and the Durable Objects that store text both call `checkText`, so a
 * route and an object can never disagree about what a field may hold.
 *
 * - Well-formed Unicode: no lone surrogates (they cannot be encoded as UTF-8, so they would be
 *   stored as one thing and shown as another).
 * - NFC-normalised and trimmed, before anything is counted.
 * - No control or format characters (`\p{Cc}`, `\p{Cf}`, line and paragraph separators): they
 *   hide, reorder or break text (bidi overrides, zero-width spaces). Zero-width joiner and
 *   non-joiner stay allowed: Persian and Indic names and emoji sequences need them. A multi-line
 *   field (a note) also allows line feeds and tabs; `\r\n` becomes `\n`.
 * - Length in Unicode code points. That is the count JSON Schema's `maxLength`, zod and SQLite's
 *   `length()` use, it does not depend on the runtime's Unicode tables (grapheme clusters come
 *   from `Intl.Segmenter`, whose answers change with the ICU version of the browser, Deno or
 *   workerd), and it bounds storage: a code point is at most 4 bytes of UTF-8. A single emoji is
 *   usually 1; a flag is 2; a family emoji joined with ZWJ is several.
 */
import * as z from 'zod/mini';

/** What a text field may hold: at least `min` (default 1) and at most `max` code points. */
export interface TextLimits {
  max: number;
  min?: number;
  multiline?: boolean;
}

/**
 * Every free-text field and its limits, in one table (README.md, "Text limits"): the schemas of
 * shared/ and the objects that store the text read them from here.
 */
export const textLimits = {
  /** A customer's, agent's or admin's display name; a trusted contact's name. */
  personName: { max: 64 },
  team: { max: 64 },
  /** Optional: an empty name gets a default ("Passkey 2"). */
  passkeyName: { max: 64, min: 0 },
  apiKeyName: { max: 64 },
  /** The payment schemes' name field (ISO 20022 allows 70). */
  payeeName: { max: 70 },
  /** Optional, several lines. */
  reportNote: { max: 1000, min: 0, multiline: true },
  /** A handle or a phone number as typed (looked up, not stored). */
  recoveryIdentifier: { max: 64, min: 3 },
} as const satisfies Record<string, TextLimits>;

/** Why a text was refused. */
export type TextProblem = 'not_text' | 'missing' | 'too_long' | 'malformed' | 'control';

export type TextCheck = { ok: true; value: string } | { ok: false; problem: TextProblem };

// With the `u` flag, `\p{Cs}` matches only a surrogate that is not half of a pair.
const loneSurrogate = /\p{Cs}/u;
// Controls, format characters except ZWNJ (U+200C) and ZWJ (U+200D), line/paragraph separators.
const singleLineForbidden = /[\p{Cc}\p{Zl}\p{Zp}]|(?![\u200C\u200D])\p{Cf}/u;
const multiLineForbidden = /(?![\n\t])[\p{Cc}\p{Zl}\p{Zp}]|(?![\u200C\u200D])\p{Cf}/u;

/** The length of a text as this rule counts it: Unicode code points. */
export function textLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** NFC, trimmed, `\r\n` as `\n`: what is counted, checked and stored. */
export function normaliseText(text: string): string {
  // normalize() keeps a lone surrogate as it is, so the well-formedness check still sees it.
  return text.replace(/\r\n?/g, '\n').normalize('NFC').trim();
}

/** The problem with an already-normalised text, or null when it may be stored. */
export function textProblem(text: string, limits: TextLimits): TextProblem | null {
  if (loneSurrogate.test(text)) return 'malformed';
  const length = textLength(text);
  if (length < (limits.min ?? 1)) return 'missing';
  if (length > limits.max) return 'too_long';
  if ((limits.multiline ? multiLineForbidden : singleLineForbidden).test(text)) return 'control';
  return null;
}

/** Checks text from anywhere (a route, an RPC call): the normalised text, or why it is refused. */
export function checkText(value: unknown, limits: TextLimits): TextCheck {
  if (typeof value !== 'string') return { ok: false, problem: 'not_text' };
  const text = normaliseText(value);
  const problem = textProblem(text, limits);
  return problem ? { ok: false, problem } : { ok: true, value: text };
}

/**
 * For a Durable Object checking what it is given over RPC: true only when the value passes the
 * rule and is already in the form the rule stores (normalised, trimmed). An object never rewrites
 * what it is given; what a route did not normalise is refused, not silently changed.
 */
export function isStoredText(value: unknown, limits: TextLimits): value is string {
  const checked = checkText(value, limits);
  return checked.ok && checked.value === value;
}

/** What the person is told for each problem (the field error of the 400 answer). */
export function textMessage(problem: TextProblem, limits: TextLimits, missing: string): string {
  switch (problem) {
    case 'not_text':
    case 'missing':
      return missing;
    case 'too_long':
      return `Use at most ${limits.max.toLocaleString('en-GB')} characters.`;
    case 'malformed':
      return 'This text has characters that are not valid Unicode. Type it again.';
    case 'control':
      return limits.multiline
        ? 'Remove the control or invisible characters.'
        : 'Use letters, digits, spaces and punctuation only.';
  }
}

/**
 * The zod schema of a free-text field: the value reaching the route is the normalised text, and
 * every refusal is a field error. `maxLength` is declared too, for the OpenAPI document only: the
 * refusal itself comes from `textProblem` (both count code points; text.test.ts holds them equal).
 */
export function textField(limits: TextLimits, missing: string) {
  return z.string({ error: missing }).check(
    z.overwrite(normaliseText),
    z.superRefine((text, ctx) => {
      const problem = textProblem(text, limits);
      if (problem) ctx.addIssue({ code: 'custom', message: textMessage(problem, limits, missing), input: text });
    }),
    z.maxLength(limits.max, { error: textMessage('too_long', limits, missing) }),
  );
}
