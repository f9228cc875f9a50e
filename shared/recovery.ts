/**
 * Trusted-contact recovery: the schemas the routes validate with, and the wire types.
 * The PWA imports only types from here (zod stays out of the browser bundle).
 */
import * as z from 'zod/mini';
import { authenticationCredential, contactNameSchema, phoneInputSchema, registrationCredential } from './api.ts';
import { textField, textLimits } from './text.ts';
import { codeSchema } from './verifications.ts';

export const trustedContactSchema = z.strictObject({
  name: contactNameSchema,
  phone: phoneInputSchema,
});
export type TrustedContactInput = z.input<typeof trustedContactSchema>;

const ceremonyId = z
  .string({ error: 'Missing ceremony id.' })
  .check(z.regex(/^[0-9a-f]{64}$/, { error: 'Not a ceremony id.' }));

/** A change of contacts carries a fresh passkey assertion (from POST /api/me/trusted-contacts/options). */
const assertion = { ceremonyId, credential: authenticationCredential };

/** The first set-up: 3 to 5 contacts at once. */
export const contactsSetupBody = z.strictObject({
  contacts: z
    .array(trustedContactSchema, { error: 'Give 3 to 5 contacts.' })
    .check(
      z.minLength(3, { error: 'Name at least 3 contacts.' }),
      z.maxLength(5, { error: 'Name at most 5 contacts.' }),
    ),
  ...assertion,
});

export const contactAddBody = z.strictObject({ contact: trustedContactSchema, ...assertion });
export const contactRemoveBody = z.strictObject(assertion);
export const contactIdParam = z.strictObject({
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{16}$/, { error: 'Not a contact id.' })),
});

/** Recovery starts from a handle or a phone number; both look the same from outside. */
export const recoveryStartBody = z.strictObject({
  identifier: textField(textLimits.recoveryIdentifier, 'Enter your handle or your phone number.'),
});

export const recoveryCodeBody = z.strictObject({ code: codeSchema });

export const recoveryContactsBody = z.strictObject({
  contacts: z
    .array(z.string().check(z.regex(/^[A-Za-z0-9_-]{16}$/, { error: 'Not a contact id.' })), {
      error: 'Choose your contacts.',
    })
    .check(z.minLength(1, { error: 'Choose your contacts.' }), z.maxLength(5)),
});

export const recoveryContactCodeBody = z.strictObject({
  contact: z.string().check(z.regex(/^[A-Za-z0-9_-]{16}$/, { error: 'Not a contact id.' })),
  code: codeSchema,
});

export const recoveryPasskeyBody = z.strictObject({
  ceremonyId,
  credential: registrationCredential,
  revokeOldPasskeys: z.boolean({ error: 'Say whether the old passkeys stop working.' }),
});

export const recoveryAbortBody = z.strictObject({
  recovery: z.string().check(z.regex(/^[0-9a-f]{64}$/, { error: 'Not a recovery id.' })),
  token: z.string().check(z.regex(/^[A-Za-z0-9_-]{22,64}$/, { error: 'Not a recovery link.' })),
});

export const recoveryIdParam = z.strictObject({
  id: z.string().check(z.regex(/^[0-9a-f]{64}$/, { error: 'Not a recovery id.' })),
});

export const recoveryApprovalBody = z.strictObject({ ceremonyId, credential: authenticationCredential });

export type RecoveryState =
  | 'first_factor'
  | 'choose_contacts'
  | 'collecting'
  | 'waiting'
  | 'ready'
  | 'completed'
  | 'aborted'
  | 'canceled'
  | 'expired';

/** A recovery as the person recovering sees it. */
export interface RecoveryView {
  id: string;
  state: RecoveryState;
  /** Where the first code went, masked. */
  to: string;
  quorum: number;
  /** After the first code: the contacts, by name only. */
  contacts: {
    id: string;
    name: string;
    chosen: boolean;
    approved: boolean;
    /** How the contact was asked: a code by SMS, or a request in their own Countersign app. */
    via: 'sms' | 'app' | null;
    tries_left: number;
    /** When the contact's code (or in-app request) expires, once asked. */
    expires_at: string | null;
  }[];
  approvals: number;
  ready_at: string | null;
  expires_at: string;
}

/** A trusted contact as the account holder sees it. */
export interface TrustedContactView {
  id: string;
  name: string;
  phone: string;
  addedAt: number;
}
