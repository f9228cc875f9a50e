/**
 * Request bodies of the staff lifecycle: an admin's fresh passkey assertion for invites,
 * API keys, webhook endpoints and disabling or enabling staff. Zod: the worker imports this; the PWA only its types.
 */
import * as z from 'zod/mini';
import { authenticationCredential, teamSchema } from './api.ts';
import { issueApiKeyBody } from './api-keys.ts';

const ceremonyId = z
  .string({ error: 'Missing ceremony id.' })
  .check(z.regex(/^[0-9a-f]{64}$/, { error: 'Not a ceremony id.' }));

/** What an admin's fresh assertion is for. */
export const staffAssertionOptionsBody = z.strictObject({
  purpose: z.enum(['invite', 'api_key', 'access', 'webhook'], { error: 'Choose invite, api_key, access or webhook.' }),
});

/** Disabling or enabling a staff member: the admin's fresh assertion. */
export const staffAccessBody = z.strictObject({ ceremonyId, credential: authenticationCredential });

export const staffIdParam = z.strictObject({
  id: z.string().check(z.regex(/^[0-9a-f]{64}$/, { error: 'Not a staff id.' })),
});

/** An invite; one for an admin carries the issuing admin's fresh assertion. */
export const staffInviteBody = z
  .strictObject({
    role: z.enum(['agent', 'admin'], { error: 'Invites are for agents or admins.' }),
    team: z.optional(teamSchema),
    ceremonyId: z.optional(ceremonyId),
    credential: z.optional(authenticationCredential),
  })
  .check(
    z.refine((b) => b.role !== 'agent' || b.team !== undefined, { error: 'Agents belong to a team.', path: ['team'] }),
    z.refine((b) => b.role !== 'admin' || (b.ceremonyId !== undefined && b.credential !== undefined), {
      error: 'Confirm with your passkey to invite an admin.',
      path: ['credential'],
    }),
  );
export type StaffInviteBody = z.input<typeof staffInviteBody>;

/** An API key, with the issuing admin's fresh assertion. */
export const issueApiKeyWithAssertionBody = z.extend(issueApiKeyBody, {
  ceremonyId,
  credential: authenticationCredential,
});
