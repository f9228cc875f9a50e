/**
 * The Verification ceremony as a pure machine: its stored row + an event (a check and whether its
 * code matched, a send and how it went, a resend, a cancel, the alarm) + now → what to write, the
 * audit event, whether a webhook and the approval's effect follow, and the answer. The object
 * (worker/objects/verification.ts) keeps storage, hashing, the messenger and the account calls.
 */
import type { Transaction } from '../../shared/payee.ts';
import type { Channel, CheckView, VerificationStatus, VerificationView } from '../../shared/verifications.ts';
import type { OtpSettings } from './config.ts';
import type { OtpPurpose } from './otp-rules.ts';
import { fail, ok, type Result } from './result.ts';

/** The verification's row (table `verification`, worker/objects/verification-schema.ts). */
export type VerificationRow = {
  verification_id: string;
  purpose: string;
  channel: string;
  destination: string | null;
  masked: string;
  account_id: string | null;
  owner: string;
  subject: string;
  budget_keys: string;
  transaction_json: string | null;
  code_hash: ArrayBuffer | null;
  status: string;
  checks: number;
  sends: number;
  last_sent_at: number | null;
  created_at: number;
  expires_at: number;
  effect_pending: number;
  consumed: number;
};

/** Columns set to a value, and counters moved by a delta (a concurrent step's count stays in). */
export type VerificationWrite = {
  set?: Partial<Pick<VerificationRow, 'status' | 'effect_pending' | 'consumed' | 'last_sent_at' | 'channel'>> & {
    code_hash?: Uint8Array | null;
    destination?: string | null;
    masked?: string;
  };
  add?: Partial<Pick<VerificationRow, 'checks' | 'sends'>>;
};

export type OtpEndAudit = 'otp_approved' | 'otp_locked' | 'otp_canceled' | 'otp_expired';

/** What one event does: write, audit, emit the status, apply the effect, answer (in that order). */
export interface VerificationDecision<A> {
  write: VerificationWrite | null;
  audit: { type: OtpEndAudit; detail: Record<string, string | number> } | null;
  webhook: boolean;
  effect: boolean;
  answer: A;
}

/** After expiry or an end, a verification stays readable this long, then its alarm deletes it. */
export const retentionMs = 10 * 60_000;
/** An approval whose effect did not reach the account is retried this often by the alarm. */
export const effectRetryMs = 30_000;
/** Purposes whose approval changes the account. */
export const withEffect: ReadonlySet<OtpPurpose> = new Set<OtpPurpose>(['enrol_phone', 'add_payee', 'payment']);

const expire: VerificationWrite = { set: { status: 'expired', code_hash: null } };
const decide = <A>(answer: A, more: Partial<VerificationDecision<A>> = {}): VerificationDecision<A> => ({
  write: null,
  audit: null,
  webhook: false,
  effect: false,
  answer,
  ...more,
});

/** A pending code past its expiry is expired (no audit here: the alarm records it). */
const isDue = (row: VerificationRow, at: number) => row.status === 'pending' && at >= row.expires_at;

export function parseTransaction(json: string | null): Transaction | null {
  return json ? (JSON.parse(json) as Transaction) : null;
}

/** The verification as its owner sees it at `at`. */
export function viewOf(row: VerificationRow, settings: OtpSettings, at: number): VerificationView {
  const status = isDue(row, at) ? 'expired' : (row.status as VerificationStatus);
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

type CheckAnswer = Result<CheckView, 'closed'>;
const ended = (row: VerificationRow, status: 'expired' | 'max_attempts_reached' | 'approved'): CheckAnswer =>
  ok({ id: row.verification_id, status, attempts_left: 0 });

/**
 * A check arrives. Every check counts before the code is hashed, so concurrent checks cannot
 * exceed the limit (PSD2 RTS art. 4: at most 5; then the verification locks and the right code
 * fails too). `hash: true` means: write the count, hash the code, then call `checkEnds`.
 */
export function checkBegins(
  row: VerificationRow,
  settings: OtpSettings,
  at: number,
): VerificationDecision<CheckAnswer> & { hash: boolean } {
  if (isDue(row, at)) return { ...decide(ended(row, 'expired'), { write: expire }), hash: false };
  // Single use: once approved, no check answers "approved" again (nor does a replayed one).
  if (row.status === 'approved') return { ...decide(fail('closed')), hash: false };
  if (row.status !== 'pending') return { ...decide(ok(checkViewOf(row, settings))), hash: false };
  // Checks still hashing may already use up the limit: this one is refused without a look.
  if (row.checks >= settings.maxChecks) return { ...decide(ended(row, 'max_attempts_reached')), hash: false };
  return { ...decide(ok(checkViewOf(row, settings)), { write: { add: { checks: 1 } } }), hash: true };
}

/**
 * The check's code was hashed and compared (`matched`); `row` is read again after the hashing,
 * `checks` is this check's count. Another check may have approved or locked it meanwhile.
 */
export function checkEnds(
  row: VerificationRow,
  matched: boolean,
  checks: number,
  settings: OtpSettings,
): VerificationDecision<CheckAnswer> {
  if (row.status === 'approved') return decide(fail('closed'));
  if (row.status !== 'pending') return decide(ok(checkViewOf(row, settings)));
  if (matched) {
    const effect = withEffect.has(row.purpose as OtpPurpose);
    return decide(ended(row, 'approved'), {
      write: { set: { status: 'approved', code_hash: null, effect_pending: effect ? 1 : 0 } },
      audit: { type: 'otp_approved', detail: { checks } },
      webhook: true,
      effect,
    });
  }
  if (checks >= settings.maxChecks) {
    return decide(ended(row, 'max_attempts_reached'), {
      write: { set: { status: 'max_attempts_reached', code_hash: null } },
      audit: { type: 'otp_locked', detail: { checks } },
      webhook: true,
    });
  }
  // The row read after hashing counts every check made so far, this one and concurrent ones.
  return decide(ok(checkViewOf(row, settings)));
}

/** A resend or a cancel needs a pending code: one past its expiry is expired first, and refused. */
export function stillPending(row: VerificationRow, at: number): VerificationDecision<Result<null, 'closed'>> {
  if (isDue(row, at)) return decide(fail('closed'), { write: expire });
  return decide(row.status === 'pending' ? ok(null) : fail('closed'));
}

/** Cancels a pending verification: its code stops working at once. */
export function cancel(row: VerificationRow, at: number): VerificationDecision<Result<null, 'closed'>> {
  const pending = stillPending(row, at);
  if (!pending.answer.ok) return pending;
  return decide(ok(null), {
    write: { set: { status: 'canceled', code_hash: null } },
    audit: { type: 'otp_canceled', detail: {} },
    webhook: true,
  });
}

export type SendLimit = { ok: false; reason: 'send_limit' | 'rate_limited'; retryAfterMs?: number };

/**
 * A send may start: the per-verification limits (a number of sends, a cool-down) are taken before
 * any await, and given back by `sendEnds` when the messenger refuses.
 */
export function sendBegins(
  row: VerificationRow,
  settings: OtpSettings,
  at: number,
): { ok: true; write: VerificationWrite } | SendLimit {
  if (row.sends >= settings.maxSends) return fail('send_limit');
  const readyAt = (row.last_sent_at ?? 0) + settings.resendCooldownMs;
  if (row.last_sent_at !== null && at < readyAt) return { ...fail('rate_limited'), retryAfterMs: readyAt - at };
  return { ok: true, write: { add: { sends: 1 }, set: { last_sent_at: at } } };
}

/** How a send went: refused before it left, failed at the provider, sent, or withheld (a decoy). */
export type SendOutcome = 'refused' | 'failed' | 'sent' | 'withheld';

/**
 * What a send's outcome writes, given the row as it was before it (`before`). A refused send gives
 * its place back; a failed delivery stays counted but without cool-down (the customer may ask again
 * at once, or choose another channel); the code it carried replaces the previous one only once it
 * went out (or, withheld, once it would have), with the channel it switched to.
 */
export function sendEnds(
  before: VerificationRow,
  outcome: SendOutcome,
  hash: Uint8Array,
  switchTo?: { channel: Channel; destination: string | null; masked: string },
): { write: VerificationWrite; logged: 'sent' | 'failed' | 'withheld' | null } {
  if (outcome === 'refused')
    return { write: { add: { sends: -1 }, set: { last_sent_at: before.last_sent_at } }, logged: null };
  if (outcome === 'failed') return { write: { set: { last_sent_at: before.last_sent_at } }, logged: 'failed' };
  return { write: { set: { code_hash: hash, ...switchTo } }, logged: outcome };
}

/** Uses an approval once (a sign-in step-up): true the first time, after approval. */
export function mayConsume(row: VerificationRow | undefined): boolean {
  return row?.status === 'approved' && !row.consumed;
}

/**
 * The Account asks before it applies an effect (DESIGN.md: every effect carries its proof): did
 * this verification approve `purpose` for this account? Once (the object then marks it consumed).
 */
export function mayClaimEffect(row: VerificationRow | undefined, accountId: string, purpose: OtpPurpose): boolean {
  if (!mayConsume(row) || !withEffect.has(purpose)) return false;
  return typeof accountId === 'string' && row?.account_id === accountId && row.purpose === purpose;
}

/** The change an approval makes to the account, or null when it makes none. */
export type VerificationEffect =
  | { kind: 'confirm_contact'; destination: string }
  | { kind: 'add_payee'; transaction: Transaction }
  | { kind: 'record_payment'; transaction: Transaction }
  | null;

export function effectOf(row: VerificationRow): VerificationEffect {
  const transaction = parseTransaction(row.transaction_json);
  if (row.purpose === 'enrol_phone' && row.destination)
    return { kind: 'confirm_contact', destination: row.destination };
  if (row.purpose === 'add_payee' && transaction) return { kind: 'add_payee', transaction };
  if (row.purpose === 'payment' && transaction) return { kind: 'record_payment', transaction };
  return null;
}

/** The alarm's first step, after any pending effect was retried: expires a pending code that is due. */
export function alarmExpires(row: VerificationRow, at: number): VerificationDecision<null> {
  if (!isDue(row, at)) return decide(null);
  return decide(null, { write: expire, audit: { type: 'otp_expired', detail: { checks: row.checks } } });
}

/**
 * The alarm's second step, on the row as it is now: delete what has ended and is past retention,
 * or the next alarm (an effect's retry, the expiry, or the deletion).
 */
export function alarmNext(row: VerificationRow, at: number): { delete: true } | { delete: false; alarmAt: number } {
  if (!row.effect_pending && row.status !== 'pending' && at >= row.expires_at + retentionMs) return { delete: true };
  const alarmAt = row.effect_pending
    ? at + effectRetryMs
    : row.status === 'pending'
      ? row.expires_at
      : Math.max(at + 1000, row.expires_at + retentionMs);
  return { delete: false, alarmAt };
}
