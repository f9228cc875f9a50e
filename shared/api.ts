/**
 * Schemas of every request body the API accepts. The worker validates with them; the PWA imports
 * only their inferred types (type-only imports keep zod out of the browser bundle).
 * zod/mini: the same validators as zod, tree-shakable, so the worker bundle stays small.
 */
import * as z from 'zod/mini';
import { personNameMaxLength, personNamePattern, personNameProblem } from './person-name.ts';
import { authSecretPattern, isPushEndpoint, p256dhPattern } from './push.ts';
import { textField, textLength, textLimits } from './text.ts';

/** Lower-case handle: 3–32 of a–z, 0–9, '.', '_' or '-', starting with a letter or digit. */
export const handleSchema = z.string({ error: 'Enter a handle.' }).check(
  z.trim(),
  z.toLowerCase(),
  z.regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, {
    error: 'Use 3 to 32 letters, digits, dots, dashes or underscores.',
  }),
);

/** The `{handle}` path parameter (`/api/v1/accounts/{handle}`). */
export const handleParam = z.strictObject({ handle: handleSchema });

/** A person's name: the one text rule (shared/text.ts), 1–64 characters. */
function nameSchema(missing: string) {
  return textField(textLimits.personName, missing);
}

/**
 * A name that goes into an SMS (a customer's display name, a trusted contact's name): the person-name
 * rule on top (shared/person-name.ts: letters, spaces, hyphens, apostrophes; at most 40).
 */
function personNameSchema(missing: string) {
  return nameSchema(missing).check(
    z.refine((name) => textLength(name) <= personNameMaxLength, {
      error: `Use at most ${personNameMaxLength} characters.`,
    }),
    z.regex(personNamePattern, { error: personNameProblem }),
  );
}

export const displayNameSchema = personNameSchema('Enter your name.');
export const contactNameSchema = personNameSchema("Enter the contact's name.");
export const teamSchema = textField(textLimits.team, 'Enter a team.');

/** A phone number as typed; the worker parses it to E.164 with libphonenumber-js. */
export const phoneInputSchema = z
  .string({ error: 'Enter a phone number.' })
  .check(z.trim(), z.maxLength(32, { error: 'That is too long for a phone number.' }));

export const inviteCodeSchema = z
  .string({ error: 'Enter the invite code.' })
  .check(
    z.trim(),
    z.minLength(1, { error: 'Enter the invite code.' }),
    z.maxLength(128, { error: 'That is too long for an invite code.' }),
  );

export const registrationOptionsBody = z.strictObject({
  handle: handleSchema,
  displayName: displayNameSchema,
  phone: z.optional(phoneInputSchema),
  inviteCode: z.optional(inviteCodeSchema),
});
export type RegistrationOptionsBody = z.input<typeof registrationOptionsBody>;

/** The browser's credential as JSON: checked structurally here, cryptographically by the worker. */
const base64url = z
  .string({ error: 'Expected base64url text.' })
  .check(z.maxLength(8192), z.regex(/^[A-Za-z0-9_-]*$/, { error: 'Expected base64url text.' }));

/** Extension outputs are not used by the server; any plain object is accepted. */
const extensionResults = z._default(
  z.custom<object>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
    error: 'Expected an object.',
  }),
  {},
);

const attachment = z.optional(z.enum(['platform', 'cross-platform']));

export const registrationCredential = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: base64url,
    transports: z.optional(z.array(z.string().check(z.maxLength(32))).check(z.maxLength(8))),
    authenticatorData: z.optional(base64url),
    publicKey: z.optional(base64url),
    publicKeyAlgorithm: z.optional(z.int()),
  }),
  authenticatorAttachment: attachment,
  clientExtensionResults: extensionResults,
});

export const authenticationCredential = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: z.optional(base64url),
  }),
  authenticatorAttachment: attachment,
  clientExtensionResults: extensionResults,
});

const ceremonyId = z
  .string({ error: 'Missing ceremony id.' })
  .check(z.regex(/^[0-9a-f]{64}$/, { error: 'Not a ceremony id.' }));

export const registrationVerifyBody = z.strictObject({ ceremonyId, credential: registrationCredential });
export type RegistrationVerifyBody = z.input<typeof registrationVerifyBody>;

export const signInVerifyBody = z.strictObject({ ceremonyId, credential: authenticationCredential });
export type SignInVerifyBody = z.input<typeof signInVerifyBody>;

export const passkeyVerifyBody = z.strictObject({
  ceremonyId,
  credential: registrationCredential,
  name: z.optional(textField(textLimits.passkeyName, 'Name the passkey.')),
});

export const passkeyIdParam = z.strictObject({
  id: base64url.check(z.minLength(1, { error: 'Missing passkey id.' })),
});

export const roleSchema = z.enum(['customer', 'agent', 'admin'], { error: 'Choose customer, agent or admin.' });
export type Role = z.infer<typeof roleSchema>;

export const inviteBody = z
  .strictObject({
    role: z.enum(['agent', 'admin'], { error: 'Invites are for agents or admins.' }),
    team: z.optional(teamSchema),
  })
  .check(
    z.refine((b) => b.role !== 'agent' || b.team !== undefined, {
      error: 'Agents belong to a team.',
      path: ['team'],
    }),
  );
export type InviteBody = z.input<typeof inviteBody>;

const pushEndpoint = z
  .string({ error: 'Missing the push endpoint.' })
  .check(z.refine(isPushEndpoint, { error: 'The push endpoint must be an https URL of at most 2048 characters.' }));

/** A browser's push subscription (`PushSubscription.toJSON()` without `expirationTime`). */
export const pushSubscriptionBody = z.strictObject({
  endpoint: pushEndpoint,
  keys: z.strictObject(
    {
      p256dh: z
        .string({ error: 'Missing the p256dh key.' })
        .check(z.regex(p256dhPattern, { error: 'Expected a P-256 public key: 65 bytes in base64url.' })),
      auth: z
        .string({ error: 'Missing the auth secret.' })
        .check(z.regex(authSecretPattern, { error: 'Expected an auth secret: 16 bytes in base64url.' })),
    },
    { error: 'Missing the subscription keys.' },
  ),
});
export type PushSubscriptionBody = z.input<typeof pushSubscriptionBody>;

export const pushUnsubscribeBody = z.strictObject({ endpoint: pushEndpoint });
export type PushUnsubscribeBody = z.input<typeof pushUnsubscribeBody>;
