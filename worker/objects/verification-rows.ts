/**
 * Pure pieces of the Verification object (verification.ts): how a stored row is shown, how a
 * start's input is checked, and what a code's hash is bound to.
 */
import { canonicalTransaction, type Transaction } from '../../shared/payee.ts';
import type { Channel } from '../../shared/verifications.ts';
import {
  type CheckView,
  transactionSchema,
  type VerificationStatus,
  type VerificationView,
} from '../../shared/verifications.ts';
import { now } from '../core/clock.ts';
import type { OtpSettings } from '../core/config.ts';
import { channelFits, type OtpPurpose, otpChannels, otpPurposes } from '../core/otp-rules.ts';
import type { VerificationStart } from './verification.ts';
import type { VerificationRow } from './verification-schema.ts';

const hex64 = /^[0-9a-f]{64}$/;
const isShortText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** The verification as its owner sees it. */
export function viewOf(row: VerificationRow, settings: OtpSettings): VerificationView {
  const at = now();
  const status = row.status === 'pending' && at >= row.expires_at ? 'expired' : (row.status as VerificationStatus);
  const transaction = parseTransaction(row.transaction_json);
  return {
    id: row.verification_id,
    status,
    channel: row.channel as Channel,
    to: row.masked,
    purpose: (row.purpose === 'call_fallback' ? 'sign_in' : row.purpose) as VerificationView['purpose'],
    created_at: new Date(row.created_at).toISOString(),
    expires_at: new Date(row.expires_at).toISOString(),
    attempts_left: Math.max(0, settings.maxChecks - row.checks),
    sends_left: Math.max(0, settings.maxSends - row.sends),
    resend_after: new Date(Math.max(at, (row.last_sent_at ?? 0) + settings.resendCooldownMs)).toISOString(),
    ...(transaction ? { transaction } : {}),
  };
}

/** The answer to a check. */
export function checkViewOf(row: VerificationRow, settings: OtpSettings): CheckView {
  return {
    id: row.verification_id,
    status: row.status as VerificationStatus,
    attempts_left: row.status === 'pending' ? Math.max(0, settings.maxChecks - row.checks) : 0,
  };
}

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

export function parseTransaction(json: string | null): Transaction | null {
  return json ? (JSON.parse(json) as Transaction) : null;
}
