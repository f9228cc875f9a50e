/**
 * Schemas of every request body the API accepts. The worker validates with them; the PWA imports
 * only their inferred types (type-only imports keep zod out of the browser bundle).
 */
import { z } from 'zod';

/** Lower-case handle: 3–32 of a–z, 0–9, '.', '_' or '-', starting with a letter or digit. */
export const handleSchema = z
  .string({ error: 'Enter a handle.' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, {
    error: 'Use 3 to 32 letters, digits, dots, dashes or underscores.',
  });

const printable = /^[^\p{Cc}\p{Cf}]+$/u;

export const displayNameSchema = z
  .string({ error: 'Enter your name.' })
  .trim()
  .min(1, { error: 'Enter your name.' })
  .max(64, { error: 'Use at most 64 characters.' })
  .regex(printable, { error: 'Use letters, digits and punctuation only.' });

export const teamSchema = z
  .string({ error: 'Enter a team.' })
  .trim()
  .min(1, { error: 'Enter a team.' })
  .max(64, { error: 'Use at most 64 characters.' })
  .regex(printable, { error: 'Use letters, digits and punctuation only.' });

/** A phone number as typed; the worker parses it to E.164 with libphonenumber-js. */
export const phoneInputSchema = z
  .string({ error: 'Enter a phone number.' })
  .trim()
  .max(32, { error: 'That is too long for a phone number.' });

export const inviteCodeSchema = z
  .string({ error: 'Enter the invite code.' })
  .trim()
  .min(1, { error: 'Enter the invite code.' })
  .max(128, { error: 'That is too long for an invite code.' });

export const registrationOptionsBody = z.strictObject({
  handle: handleSchema,
  displayName: displayNameSchema,
  phone: phoneInputSchema.optional(),
  inviteCode: inviteCodeSchema.optional(),
});
export type RegistrationOptionsBody = z.input<typeof registrationOptionsBody>;

/** The browser's credential as JSON: checked structurally here, cryptographically by the worker. */
const base64url = z
  .string()
  .max(8192)
  .regex(/^[A-Za-z0-9_-]*$/, { error: 'Expected base64url.' });

/** Extension outputs are not used by the server; any plain object is accepted. */
const extensionResults = z
  .custom<object>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
    error: 'Expected an object.',
  })
  .default({});

export const registrationCredential = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: base64url,
    transports: z.array(z.string().max(32)).max(8).optional(),
    authenticatorData: base64url.optional(),
    publicKey: base64url.optional(),
    publicKeyAlgorithm: z.number().int().optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
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
    userHandle: base64url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: extensionResults,
});

const ceremonyId = z.string({ error: 'Missing ceremony id.' }).regex(/^[0-9a-f]{64}$/, { error: 'Not a ceremony id.' });

export const registrationVerifyBody = z.strictObject({
  ceremonyId,
  credential: registrationCredential,
});
export type RegistrationVerifyBody = z.input<typeof registrationVerifyBody>;

export const signInVerifyBody = z.strictObject({
  ceremonyId,
  credential: authenticationCredential,
});
export type SignInVerifyBody = z.input<typeof signInVerifyBody>;

export const passkeyVerifyBody = z.strictObject({
  ceremonyId,
  credential: registrationCredential,
  name: z.string().trim().max(64, { error: 'Use at most 64 characters.' }).optional(),
});

export const passkeyIdParam = z.strictObject({
  id: base64url.min(1, { error: 'Missing passkey id.' }),
});

export const roleSchema = z.enum(['customer', 'agent', 'admin'], {
  error: 'Choose customer, agent or admin.',
});
export type Role = z.infer<typeof roleSchema>;

export const inviteBody = z
  .strictObject({
    role: z.enum(['agent', 'admin'], { error: 'Invites are for agents or admins.' }),
    team: teamSchema.optional(),
  })
  .refine((b) => b.role !== 'agent' || b.team !== undefined, {
    error: 'Agents belong to a team.',
    path: ['team'],
  });
export type InviteBody = z.input<typeof inviteBody>;

export const emptyBody = z.strictObject({});
