/**
 * Pure pieces of the Verification object (verification.ts): how a stored row is shown, how a
 * start's input is checked, and what a code's hash is bound to.
 */
import { canonicalTransaction, type Transaction } from '../../shared/payee.ts';
import type { Channel } from '../../shared/verifications.ts';
import { transactionSchema, type VerificationView } from '../../shared/verifications.ts';
import { channelFits, type OtpPurpose, otpChannels, otpPurposes } from '../core/otp-rules.ts';

const hex64 = /^[0-9a-f]{64}$/;
const isShortText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

export interface VerificationStart {
  purpose: OtpPurpose;
  channel: Channel;
  /** Where the code goes (E.164 or e-mail); null when nothing may be sent (the answer looks the same). */
  destination: string | null;
  masked: string;
  accountId: string | null;
  /** Who may check, resend, cancel and read it: `key:<id>`, `account:<id>` or `sign_in:<id>`. */
  owner: string;
  /** What was asked for (a handle or a destination): seeds decoy masks and the per-account cap. */
  subject: string;
  /** SendBudget names besides the client IP's: `account:<handle>`, `to:<destination>`. */
  budgetKeys: string[];
  ip: string | null;
  transaction: Transaction | null;
}

export type SendFailure =
  | 'rate_limited'
  | 'delivery_failed'
  | 'not_configured'
  | 'destination_not_allowed'
  | 'send_limit'
  | 'invalid';
export type StartFailure = SendFailure | 'exists' | 'account_locked';
export type ResendFailure = SendFailure | 'not_found' | 'closed' | 'account_locked';

/** A failure with what the caller needs: when to retry, and the verification when it still stands. */
export type Refusal<R extends string> = { ok: false; reason: R; retryAfterMs?: number; view?: VerificationView };

/** A start's input checked as if it came from the internet; null when anything is off. */
export function validStart(input: VerificationStart): VerificationStart | null {
  const i = input ?? ({} as VerificationStart);
  const transaction = i.transaction === null ? null : transactionSchema.safeParse(i.transaction);
  const valid =
    otpPurposes.includes(i.purpose) &&
    otpChannels.includes(i.channel) &&
    (i.destination === null || (isShortText(i.destination, 254) && channelFits(i.channel, i.destination))) &&
    isShortText(i.masked, 64) &&
    (i.accountId === null || (typeof i.accountId === 'string' && hex64.test(i.accountId))) &&
    isShortText(i.owner, 100) &&
    isShortText(i.subject, 300) &&
    Array.isArray(i.budgetKeys) &&
    i.budgetKeys.length <= 4 &&
    i.budgetKeys.every((k) => isShortText(k, 300)) &&
    // The per-account cap is never left out, whoever starts it.
    i.budgetKeys.some((k) => k.startsWith('account:')) &&
    (i.ip === null || isShortText(i.ip, 64)) &&
    (transaction === null || transaction.success);
  if (!valid) return null;
  return { ...i, transaction: transaction === null ? null : (transaction.data as Transaction) };
}

/** What a code's hash is bound to besides the verification id: its purpose and transaction. */
export function bindingOf(purpose: OtpPurpose, transaction: Transaction | null): string {
  return `${purpose}\n${canonicalTransaction(transaction)}`;
}
