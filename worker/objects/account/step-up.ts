/**
 * Sign-in with a risk check (tables `sign_ins`, `pending_sign_ins`; rows in banking-rows.ts): after
 * a verified passkey assertion, decides whether the sign-in needs a code (risk-based step-up) and
 * either opens the session or keeps a pending sign-in until the code's Verification approves it.
 */
import type { Channel } from '../../../shared/verifications.ts';
import type { AccountView, RequestContext } from '../../core/account-rules.ts';
import { now } from '../../core/clock.ts';
import { sha256Hex } from '../../core/hash.ts';
import { randomToken } from '../../core/random.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { assessSignIn, type RiskDecision, type SignInPlace } from '../../core/risk.ts';
import { stepUpOwner } from '../../core/verification-owners.ts';
import type { AccountAudit } from './audit.ts';
import { recentSignIns, recordSignInPlace } from './banking-rows.ts';
import type { Assertion, Passkeys } from './passkeys.ts';
import { profileView } from './profile.ts';
import type { AccountProofs } from './proofs.ts';
import type { SessionPolicy, Sessions, SignedIn } from './sessions.ts';
import type { Staff } from './staff.ts';
import type { AccountStorage } from './storage.ts';
import type { VerifiedContacts } from './verified-contacts.ts';

/** A sign-in that passed the passkey, and now either has a session or waits for a code. */
export type RiskySignIn =
  | { kind: 'signed_in'; signedIn: SignedIn; decision: RiskDecision }
  | {
      kind: 'step_up';
      pendingToken: string;
      signedInAccountId: string;
      handle: string;
      destination: { channel: Channel; to: string };
      decision: RiskDecision;
    };

type Place = Omit<SignInPlace, 'at' | 'credentialId'>;

/** A sign-in waiting for its step-up code lives as long as a code does. */
const pendingSignInMs = 10 * 60_000;

/** What the step-up needs of the other parts of the account. */
export interface StepUpParts {
  audit: AccountAudit;
  passkeys: Passkeys;
  sessions: Sessions;
  staff: Staff;
  contacts: VerifiedContacts;
  proofs: AccountProofs;
}

export class StepUp {
  readonly #storage: AccountStorage;
  readonly #parts: StepUpParts;

  constructor(storage: AccountStorage, parts: StepUpParts) {
    this.#storage = storage;
    this.#parts = parts;
  }

  /**
   * Every decision is an audit event. Without a verified contact no code can be sent: the sign-in
   * goes on and the decision says so (the app asks the holder to add a phone).
   */
  async signInWithRisk(
    assertion: Assertion,
    policy: SessionPolicy,
    context: RequestContext,
    place: Place,
    maxTravelKmh: number,
  ): Promise<Result<RiskySignIn, 'unknown_credential' | 'counter_regressed' | 'disabled'>> {
    const { audit, passkeys, sessions, staff, contacts } = this.#parts;
    const { sql } = this.#storage;
    const stored = passkeys.credential(String(assertion?.credentialId));
    if (!stored) return fail('unknown_credential');
    if (staff.disabled()) return sessions.signIn(assertion, policy, context) as Promise<Result<never, 'disabled'>>;
    const current: SignInPlace = { ...cleanPlace(place), at: now(), credentialId: stored.id };
    const prefs = contacts.preferences();
    const decision = assessSignIn(current, recentSignIns(sql), prefs.stepUp, maxTravelKmh);
    const channel = prefs.otpChannel;
    const destination = decision.stepUp ? (contacts.contactFor(channel) ?? contacts.contactFor('sms')) : null;
    const where = { country: current.country, city: current.city, asn: current.asn, speedKmh: decision.speedKmh };

    if (!decision.stepUp || !destination) {
      const signedIn = await sessions.signIn(assertion, policy, context);
      if (!signedIn.ok) return signedIn;
      this.#storage.transactionSync(() => {
        recordSignInPlace(sql, current);
        audit.append('sign_in_risk', {
          stepUp: decision.stepUp ? 'unavailable' : 'not_needed',
          reasons: decision.reasons.join(',') || null,
          ...where,
          // For the SIEM export and the log line only (the audit append does not store it).
          requestId: context.requestId ?? null,
        });
      });
      return ok({ kind: 'signed_in', signedIn: signedIn.value, decision });
    }

    const counted = passkeys.recordAssertion(assertion);
    if (!counted.ok) return counted;
    const pendingToken = randomToken(32);
    const tokenHash = await sha256Hex(pendingToken);
    const at = now();
    this.#storage.transactionSync(() => {
      sql.exec('DELETE FROM pending_sign_ins WHERE expires_at <= ?', at);
      sql.exec(
        'INSERT INTO pending_sign_ins (token_hash, credential_id, place, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        tokenHash,
        stored.id,
        JSON.stringify({ ...current, reasons: decision.reasons }),
        at,
        at + pendingSignInMs,
      );
      audit.append('sign_in_risk', { stepUp: 'required', reasons: decision.reasons.join(','), ...where, ...context });
    });
    const usedChannel: Channel = contacts.contactFor(channel) ? channel : 'sms';
    const account = profileView(sql) as AccountView;
    return ok({
      kind: 'step_up',
      pendingToken,
      signedInAccountId: account.id,
      handle: account.handle,
      destination: { channel: usedChannel, to: destination },
      decision,
    });
  }

  /** Ties the step-up code's verification to the pending sign-in. */
  async attachStepUp(pendingToken: string, verificationId: string): Promise<boolean> {
    if (typeof verificationId !== 'string' || !/^[0-9a-f]{64}$/.test(verificationId)) return false;
    const row = await this.#pending(pendingToken);
    if (!row) return false;
    this.#storage.sql.exec(
      'UPDATE pending_sign_ins SET verification_id = ? WHERE token_hash = ?',
      verificationId,
      row.token_hash,
    );
    return true;
  }

  /** The verification of a pending sign-in, for the route to check codes against. */
  async stepUpVerification(pendingToken: string): Promise<string | null> {
    return (await this.#pending(pendingToken))?.verification_id ?? null;
  }

  /** Why a pending sign-in asked for a code (for the app to show again after a reload). */
  async stepUpReasons(pendingToken: string): Promise<string[]> {
    const row = await this.#pending(pendingToken);
    const reasons = row ? (JSON.parse(row.place) as { reasons?: unknown }).reasons : null;
    return Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === 'string') : [];
  }

  /**
   * Opens the session of a pending sign-in whose code was approved. The approval is asked of the
   * Verification object itself (and used up there), not taken from the caller.
   */
  async completeStepUp(
    pendingToken: string,
    policy: SessionPolicy,
    context: RequestContext,
  ): Promise<Result<SignedIn, 'not_found' | 'not_approved' | 'account_locked'>> {
    const { sql } = this.#storage;
    const account = profileView(sql);
    const row = await this.#pending(pendingToken);
    if (!account || !row?.verification_id) return fail('not_found');
    const proof = await this.#parts.proofs.stepUp(row.verification_id, stepUpOwner(account.id));
    if (!proof.ok) return fail(proof.reason === 'account_locked' ? proof.reason : 'not_approved');
    const place = JSON.parse(row.place) as SignInPlace;
    sql.exec('DELETE FROM pending_sign_ins WHERE token_hash = ?', row.token_hash);
    const opened = await this.#parts.sessions.openFirstSession(row.credential_id, policy);
    if (!opened.ok) return fail('not_found');
    this.#storage.transactionSync(() => {
      recordSignInPlace(sql, place);
      this.#parts.audit.append('signed_in', { credential: row.credential_id, stepUp: 'passed', ...context });
    });
    return ok(opened.value);
  }

  /** Records where the account was registered: the first entry of its sign-in history. */
  recordRegistrationPlace(credentialId: string, place: Place): void {
    if (!profileView(this.#storage.sql) || !this.#parts.passkeys.credential(String(credentialId))) return;
    recordSignInPlace(this.#storage.sql, { ...cleanPlace(place), at: now(), credentialId: String(credentialId) });
  }

  async #pending(token: string) {
    if (typeof token !== 'string' || token.length < 22 || token.length > 128) return null;
    const tokenHash = await sha256Hex(token);
    return (
      this.#storage.sql
        .exec<{
          token_hash: string;
          credential_id: string;
          verification_id: string | null;
          place: string;
          expires_at: number;
        }>('SELECT * FROM pending_sign_ins WHERE token_hash = ? AND expires_at > ?', tokenHash, now())
        .toArray()[0] ?? null
    );
  }
}

function cleanPlace(p: Place): Place {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const txt = (v: unknown, n: number) => (typeof v === 'string' && v.length <= n ? v : null);
  return {
    country: txt(p?.country, 2),
    city: txt(p?.city, 100),
    latitude: num(p?.latitude),
    longitude: num(p?.longitude),
    asn: num(p?.asn),
  };
}
