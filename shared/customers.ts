/**
 * Finding a customer: the agent console's look-up by handle, verified phone or the
 * bank's own customer reference, and the reference the bank's systems set through the API.
 */
import * as z from 'zod/mini';
import { handleSchema, phoneInputSchema } from './api.ts';

/** The bank's own customer reference: 1–64 of A–Z, a–z, 0–9, '.', '_' or '-'; unique ignoring case. */
export const referencePattern = /^[A-Za-z0-9._-]{1,64}$/;

export const referenceSchema = z.string({ error: 'Enter the customer reference.' }).check(
  z.trim(),
  z.regex(referencePattern, {
    error: 'Use 1 to 64 letters, digits, dots, dashes or underscores.',
  }),
);

/** What a customer is looked up by. */
export const lookupKinds = ['handle', 'phone', 'reference'] as const;
export type LookupKind = (typeof lookupKinds)[number];

/** `GET /api/agent/customers?handle=…|phone=…|reference=…`: exactly one of the three. */
export const customerLookupQuery = z
  .strictObject({
    handle: z.optional(handleSchema),
    phone: z.optional(phoneInputSchema),
    reference: z.optional(referenceSchema),
  })
  .check(
    z.refine((q) => lookupKinds.filter((k) => q[k] !== undefined).length === 1, {
      error: 'Search by one of handle, phone or reference.',
      path: ['(query)'],
    }),
  );
export type CustomerLookupQuery = z.output<typeof customerLookupQuery>;

/** `PUT /api/v1/customers/{handle}/reference`. */
export const setReferenceBody = z.strictObject({ reference: referenceSchema });
export type SetReferenceBody = z.input<typeof setReferenceBody>;

/** A customer as staff see them: the truth, never a decoy (staff are signed in and audited). */
export interface CustomerDetails {
  handle: string;
  displayName: string;
  /** The verified phone, masked (`+44 •••• ••• 123`), or null when none is verified. */
  phone: string | null;
  /** Whether the customer has the app: at least one passkey, so a call verification can start. */
  hasApp: boolean;
  /** The bank's reference, or null when the bank set none. */
  reference: string | null;
}

/** What `PUT /api/v1/customers/{handle}/reference` answers. */
export interface ReferenceView {
  handle: string;
  reference: string;
}
