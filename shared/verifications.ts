/**
 * The out-of-band verification API (`/api/v1/verifications`), shaped like Twilio Verify: the
 * schemas the routes validate with and the OpenAPI document is generated from, and the wire types.
 * The PWA imports only types from here (zod stays out of the browser bundle).
 */
import * as z from 'zod/mini';
import { handleSchema } from './api.ts';
import { canonicalIp } from './ip-address.ts';
import { accountNumberProblem, amountValid } from './payee.ts';
import { textField, textLimits } from './text.ts';

export const channelSchema = z.enum(['sms', 'call', 'email'], { error: 'Choose sms, call or email.' });
export type Channel = z.infer<typeof channelSchema>;

export const purposeSchema = z.enum(['sign_in', 'add_payee', 'payment', 'recovery', 'enrol_phone'], {
  error: 'Choose sign_in, add_payee, payment, recovery or enrol_phone.',
});
export type Purpose = z.infer<typeof purposeSchema>;

export const payeeSchema = z.strictObject(
  {
    name: textField(textLimits.payeeName, "Enter the payee's name."),
    account: z.string({ error: 'Enter the account number or IBAN.' }).check(
      z.trim(),
      z.maxLength(42, { error: 'That is too long for an account number.' }),
      z.superRefine((value, ctx) => {
        const problem = accountNumberProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
      }),
    ),
  },
  { error: 'Give the payee: name and account.' },
);

export const amountSchema = z.strictObject(
  {
    value: z
      .string({ error: 'Enter the amount, such as 12.50.' })
      .check(z.trim(), z.refine(amountValid, { error: 'Enter an amount above zero with at most two decimals.' })),
    currency: z
      .string({ error: 'Enter the currency, such as GBP.' })
      .check(z.regex(/^[A-Z]{3}$/, { error: 'Use a three-letter currency code, such as GBP.' })),
  },
  { error: 'Give the amount: value and currency.' },
);

/** What a transaction code approves: a payee, and for a payment an amount. */
export const transactionSchema = z.strictObject({ payee: payeeSchema, amount: z.optional(amountSchema) });
export type TransactionInput = z.input<typeof transactionSchema>;

/** A phone number in E.164 or an e-mail address; the worker parses and checks it further. */
const destinationSchema = z
  .string({ error: 'Give a phone number in international format or an e-mail address.' })
  .check(z.trim(), z.minLength(3), z.maxLength(254, { error: 'That is too long for a phone number or e-mail.' }));

/**
 * What an API-key caller adds for the caps, as Twilio Verify's `RateLimits` do: the end user's IP,
 * counted against the per-IP cap instead of the bank server's own (a key is capped as itself).
 */
export const rateLimitsSchema = z.strictObject(
  {
    end_user_ip_address: z.optional(
      z.string({ error: 'Give the end user’s IP address.' }).check(
        z.maxLength(45, { error: 'That is too long for an IP address.' }),
        z.refine((v) => canonicalIp(v) !== null, { error: 'Give an IPv4 or IPv6 address, such as 203.0.113.7.' }),
      ),
    ),
  },
  { error: 'Give rate_limits as { "end_user_ip_address": "…" }.' },
);

export const startVerificationBody = z
  .strictObject({
    account: z.optional(handleSchema),
    to: z.optional(destinationSchema),
    channel: channelSchema,
    purpose: purposeSchema,
    transaction: z.optional(transactionSchema),
    rate_limits: z.optional(rateLimitsSchema),
  })
  .check(
    z.refine((b) => b.purpose !== 'enrol_phone' || b.to !== undefined, {
      error: 'Give the phone number or e-mail address to enrol.',
      path: ['to'],
    }),
    z.refine((b) => (b.purpose === 'add_payee' || b.purpose === 'payment') === (b.transaction !== undefined), {
      error: 'add_payee and payment need the transaction; other purposes take none.',
      path: ['transaction'],
    }),
    z.refine((b) => b.purpose !== 'payment' || b.transaction?.amount !== undefined, {
      error: 'A payment needs the amount.',
      path: ['transaction', 'amount'],
    }),
    z.refine((b) => b.purpose !== 'add_payee' || b.transaction?.amount === undefined, {
      error: 'Adding a payee takes no amount.',
      path: ['transaction', 'amount'],
    }),
  );
export type StartVerificationBody = z.input<typeof startVerificationBody>;

/** Six digits; spaces as read aloud (`482 915`) are dropped first. */
export const codeSchema = z.string({ error: 'Enter the 6-digit code.' }).check(
  z.overwrite((s) => s.replace(/\s/g, '')),
  z.regex(/^\d{6}$/, { error: 'Enter the 6-digit code.' }),
);

export const checkVerificationBody = z.strictObject({ code: codeSchema, transaction: z.optional(transactionSchema) });
export type CheckVerificationBody = z.input<typeof checkVerificationBody>;

export const resendVerificationBody = z.strictObject({
  channel: z.optional(channelSchema),
  rate_limits: z.optional(rateLimitsSchema),
});
export type ResendVerificationBody = z.input<typeof resendVerificationBody>;

export const verificationIdParam = z.strictObject({
  id: z.string().check(z.regex(/^[0-9a-f]{64}$/, { error: 'Not a verification id.' })),
});

/** `GET /api/v1/verifications`: `limit` 1–100 (20 when left out), `cursor` as a page's `next_cursor`. */
export const listVerificationsQuery = z.strictObject({
  limit: z.optional(z.string().check(z.regex(/^(100|[1-9]\d?)$/, { error: 'Give a limit from 1 to 100.' }))),
  // Opaque to callers: today the key's own sequence number of the last verification shown.
  cursor: z.optional(
    z.string().check(z.regex(/^[1-9]\d{0,14}$/, { error: 'Give the next_cursor of an earlier page.' })),
  ),
});

/** A page of an API key's verifications, newest first. */
export interface VerificationPage {
  verifications: VerificationView[];
  /** Pass as `cursor` for the next page; null on the last. */
  next_cursor: string | null;
}

export type VerificationStatus = 'pending' | 'approved' | 'max_attempts_reached' | 'expired' | 'canceled';

/** A verification as the API returns it (Twilio Verify's field names, snake case). */
export interface VerificationView {
  id: string;
  status: VerificationStatus;
  channel: Channel;
  /** The destination, masked: `+44 •••• ••• 789`, `j•••@example.com`. */
  to: string;
  purpose: Purpose;
  created_at: string;
  expires_at: string;
  attempts_left: number;
  sends_left: number;
  /** When another send may be asked for (the resend cool-down). */
  resend_after: string;
  transaction?: TransactionInput;
}

/** The answer to a check. */
export interface CheckView {
  id: string;
  status: VerificationStatus;
  attempts_left: number;
}
