/** Request bodies of the protection changes (zod: the worker imports this, the PWA only its types). */
import * as z from 'zod/mini';
import { authenticationCredential } from './api.ts';
import { languages } from './language.ts';
import { channelSchema } from './verifications.ts';

const ceremonyId = z
  .string({ error: 'Missing ceremony id.' })
  .check(z.regex(/^[0-9a-f]{64}$/, { error: 'Not a ceremony id.' }));

/** A fresh passkey assertion: the ceremony its options came from, and the authenticator's answer. */
export const freshAssertionBody = z.strictObject({ ceremonyId, credential: authenticationCredential });
export type FreshAssertionBody = z.input<typeof freshAssertionBody>;

/** What a fresh assertion is asked for before a change of protection. */
export const protectionOptionsBody = z.strictObject({
  purpose: z.enum(['passkeys', 'contact', 'settings'], { error: 'Choose passkeys, contact or settings.' }),
});

/** The sign-in settings, with the fresh assertion that allows changing them. */
/** `PUT /api/me/language`: the language of the app and of the bank's messages. */
export const languageBody = z.strictObject({
  language: z.enum(languages, { error: 'Choose "en" (English) or "fr" (français).' }),
});

export const preferencesBody = z.strictObject({
  stepUp: z.enum(['risk', 'always'], { error: 'Choose "risk" (only when needed) or "always".' }),
  otpChannel: channelSchema,
  ceremonyId,
  credential: authenticationCredential,
});
