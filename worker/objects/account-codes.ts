/**
 * Account, part two (account.ts has the class that is bound): one Durable Object per person.
 * account-base.ts holds the profile, passkeys, sessions, audit log, invites and calls; this part
 * adds what out-of-band codes need: verified contacts,
 * preferences, payees and payments, the sign-in risk check with its step-up, and aggregator
 * consents (tables in account-banking.ts, docs/storage.md).
 */

import { canonicalTransaction } from '../../shared/payee.ts';
import type { Channel } from '../../shared/verifications.ts';
import type { AccountView, AuditType, RequestContext } from '../core/account-rules.ts';
import { now } from '../core/clock.ts';
import { sha256Hex } from '../core/hash.ts';
import { randomToken } from '../core/random.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { assessSignIn, type RiskDecision, type SignInPlace } from '../core/risk.ts';
import { stepUpOwner } from '../core/verification-owners.ts';
import { announceProtectionChange } from '../notify/announce.ts';
import {
  type ConsentView,
  type ContactsView,
  checkedTransaction,
  consents,
  contacts,
  deletePayee,
  hasPayee,
  insertPayee,
  insertPayment,
  type PayeeView,
  type PaymentView,
  type Preferences,
  payees,
  payments,
  preferences,
  recentSignIns,
  recordSignInPlace,
  saveContact,
  savePreferences,
} from './account-banking.ts';
import { AccountBase, internalsOf, type SessionPolicy, type SignedIn } from './account-base.ts';
import {
  contactKindOf,
  grantContactChange,
  hasContactGrant,
  useContactGrant,
  validPreferences,
} from './account-grants.ts';
import { passkeyApproval, verificationEffect } from './account-proofs.ts';
import type { OtpAuditType } from './verification.ts';

export type { NewAccount, SessionPolicy, SignedIn } from './account-base.ts';

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

/** A sign-in waiting for its step-up code lives as long as a code does. */
const pendingSignInMs = 10 * 60_000;

const otpAuditTypes = new Set<string>([
  'otp_sent',
  'otp_send_failed',
  'otp_withheld',
  'message_sent',
  'message_send_failed',
  'message_withheld',
  'otp_approved',
  'otp_locked',
  'otp_canceled',
  'otp_expired',
]);

export class AccountWithCodes extends AccountBase {
  // --- contacts and preferences ---------------------------------------------------------------

  /** The verified phone and e-mail (reached by a code that came back). */
  contacts(): ContactsView {
    return contacts(this.#sql());
  }

  /** Where a code on this channel goes: the verified phone (sms, call) or e-mail, or null. */
  contactFor(channel: Channel): string | null {
    if (!internalsOf(this).view()) return null;
    const known = this.contacts();
    return channel === 'email' ? known.email : channel === 'sms' || channel === 'call' ? known.phone : null;
  }

  /**
   * Records a contact reached by an approved enrolment code; the phone index points here. The
   * Verification is asked whether it approved exactly this destination for this account (once); a
   * contact that replaces a verified one also needs the holder's fresh passkey assertion, given
   * before the code was asked for (`authorizeContactChange`). Announced on every device, and by SMS
   * to the phone verified before the change.
   */
  async confirmContact(value: string, verificationId: string): Promise<boolean> {
    const inner = internalsOf(this);
    const account = inner.view();
    if (!account || typeof value !== 'string') return false;
    const kind = contactKindOf(value);
    const before = this.contacts();
    const previous = kind ? before[kind] : null;
    const replacing = previous !== null && previous !== value;
    if (!kind || (replacing && !this.contactChangeAllowed(kind, value))) {
      inner.audit('effect_refused', { effect: 'contact_verified', reason: kind ? 'no_fresh_assertion' : 'invalid' });
      return false;
    }
    const effect = await verificationEffect(this.env, account.id, verificationId, 'enrol_phone');
    if (effect?.destination !== value) {
      inner.audit('effect_refused', { effect: 'contact_verified', reason: 'no_approval' });
      return false;
    }
    const saved = this.ctx.storage.transactionSync(() => {
      // The grant is used up with the change it allowed (and only then).
      if (replacing && !useContactGrant(inner.sql, now())) return null;
      const done = saveContact(inner.sql, value, verificationId, now());
      if (done) inner.audit('contact_verified', { kind: done, verification: verificationId });
      return done;
    });
    if (!saved) return false;
    const index = (v: string) => this.env.CONTACT_INDEX.get(this.env.CONTACT_INDEX.idFromName(`${saved}:${v}`));
    if (previous && previous !== value) await index(previous).release(account.id);
    await index(value).claim(account.id);
    await announceProtectionChange(
      this.env,
      inner.devices,
      kind === 'phone' ? 'phone_changed' : 'email_changed',
      before.phone,
    );
    return true;
  }

  /**
   * A fresh passkey assertion (PasskeyChallenge `ceremonyId`, purpose `protect_contact`) allows one
   * change of the verified phone or e-mail within the next 15 minutes.
   */
  async authorizeContactChange(ceremonyId: string, context: RequestContext): Promise<Result<null, 'no_proof'>> {
    const inner = internalsOf(this);
    const account = inner.view();
    if (!account || !(await passkeyApproval(this.env, account.id, ceremonyId, 'protect_contact'))) {
      return fail('no_proof');
    }
    grantContactChange(inner.sql, now());
    inner.audit('contact_change_allowed', { ...context });
    return ok(null);
  }

  /** Whether a change of the verified phone or e-mail is allowed now (a fresh assertion was given). */
  contactChangeAllowed(kind: 'phone' | 'email', value?: string): boolean {
    const current = this.contacts()[kind === 'email' ? 'email' : 'phone'];
    return current === null || current === value || hasContactGrant(this.#sql(), now());
  }

  preferences(): Preferences {
    return preferences(this.#sql());
  }

  /**
   * Saves the step-up choice ("always" or "only when needed") and the channel codes go by: a change
   * of how sign-in is protected, so it needs the holder's fresh passkey assertion (PasskeyChallenge
   * `ceremonyId`, purpose `protect_settings`) and is announced.
   */
  async setPreferences(
    next: Preferences,
    context: RequestContext,
    ceremonyId: string,
  ): Promise<Result<Preferences, 'invalid' | 'no_proof'>> {
    const inner = internalsOf(this);
    const account = inner.view();
    if (!account || !validPreferences(next)) return fail('invalid');
    if (!(await passkeyApproval(this.env, account.id, ceremonyId, 'protect_settings'))) return fail('no_proof');
    const before = this.preferences();
    const saved = this.ctx.storage.transactionSync(() => {
      if (!savePreferences(inner.sql, next)) return false;
      if (before.stepUp !== next.stepUp || before.otpChannel !== next.otpChannel) {
        inner.audit('preferences_changed', { stepUp: next.stepUp, otpChannel: next.otpChannel, ...context });
      }
      return true;
    });
    if (!saved) return fail('invalid');
    await announceProtectionChange(this.env, inner.devices, 'sign_in_settings_changed', this.contacts().phone);
    return ok(this.preferences());
  }

  // --- payees and payments --------------------------------------------------------------------

  /** Adds a payee an approved add_payee code names: the Verification is asked that it approved this payee. */
  async addPayee(payee: unknown, verificationId: string): Promise<PayeeView | null> {
    const inner = internalsOf(this);
    const account = inner.view();
    const checked = checkedTransaction({ payee });
    if (!account || !checked || typeof verificationId !== 'string') return null;
    const effect = await verificationEffect(this.env, account.id, verificationId, 'add_payee');
    if (
      !effect?.transaction ||
      canonicalTransaction({ payee: effect.transaction.payee }) !== canonicalTransaction(checked)
    ) {
      inner.audit('effect_refused', { effect: 'payee_added', reason: 'no_approval' });
      return null;
    }
    return this.ctx.storage.transactionSync(() => {
      const added = insertPayee(inner.sql, checked.payee, verificationId, now());
      if (added)
        inner.audit('payee_added', {
          payee: added.name,
          account: added.account.slice(-4),
          verification: verificationId,
        });
      return added;
    });
  }

  payees(): PayeeView[] {
    return payees(this.#sql());
  }

  removePayee(payeeId: string, context: RequestContext): boolean {
    const inner = internalsOf(this);
    return this.ctx.storage.transactionSync(() => {
      const removed = deletePayee(inner.sql, String(payeeId));
      if (removed)
        inner.audit('payee_removed', { payee: removed.name, account: removed.account.slice(-4), ...context });
      return removed !== null;
    });
  }

  /** Whether a payee is on the approved list (payments go only to approved payees). */
  knowsPayee(payee: unknown): boolean {
    const checked = checkedTransaction({ payee });
    return checked !== null && hasPayee(this.#sql(), checked.payee);
  }

  /**
   * Records a payment approved by a code (`reference`: its Verification) or a passkey (its
   * PasskeyChallenge). Only to an approved payee, and only what that ceremony approved, once.
   */
  async recordPayment(
    transaction: unknown,
    method: 'code' | 'passkey',
    reference: string,
  ): Promise<PaymentView | null> {
    const inner = internalsOf(this);
    const account = inner.view();
    const checked = checkedTransaction(transaction);
    if (!account || !checked?.amount || (method !== 'code' && method !== 'passkey') || typeof reference !== 'string') {
      return null;
    }
    const refuse = (reason: string) => {
      inner.audit('effect_refused', { effect: 'payment_approved', reason, method });
      return null;
    };
    if (!hasPayee(inner.sql, checked.payee)) return refuse('payee_unknown');
    const approved =
      method === 'code'
        ? (await verificationEffect(this.env, account.id, reference, 'payment'))?.transaction
        : (await passkeyApproval(this.env, account.id, reference, 'payment'))?.payment?.transaction;
    if (!approved || canonicalTransaction(approved) !== canonicalTransaction(checked)) return refuse('no_approval');
    return this.ctx.storage.transactionSync(() => {
      const payment = insertPayment(inner.sql, checked, method, reference.slice(0, 128), now());
      if (payment) {
        inner.audit('payment_approved', {
          payee: payment.payee.name,
          account: payment.payee.account.slice(-4),
          amount: `${payment.amount.value} ${payment.amount.currency}`,
          method,
        });
      }
      return payment;
    });
  }

  /**
   * The customer answered "yes" to "has anyone asked you to make this payment or told you what to
   * say?": nothing is paid, and the stop is kept in the audit log (a sign of a scam in progress).
   */
  recordPaymentStopped(transaction: unknown, context: RequestContext): boolean {
    const inner = internalsOf(this);
    const checked = checkedTransaction(transaction);
    if (!inner.view() || !checked?.amount) return false;
    inner.audit('payment_stopped', {
      reason: 'coached',
      payee: checked.payee.name,
      account: checked.payee.account.slice(-4),
      amount: `${checked.amount.value} ${checked.amount.currency}`,
      ...context,
    });
    return true;
  }

  payments(): PaymentView[] {
    return payments(this.#sql());
  }

  // --- verification events ----------------------------------------------------------------------

  /** Logs a step of a verification sent for this account (sent, failed, approved, locked…). */
  recordVerificationEvent(type: OtpAuditType, detail: Record<string, string | number>): void {
    const inner = internalsOf(this);
    if (!inner.view() || !otpAuditTypes.has(type) || typeof detail !== 'object' || detail === null) return;
    const clean: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(detail).slice(0, 8)) {
      if (typeof v === 'number' || typeof v === 'string')
        clean[k.slice(0, 32)] = typeof v === 'string' ? v.slice(0, 100) : v;
    }
    inner.audit(type as AuditType, clean);
  }

  // --- sign-in with a risk check ----------------------------------------------------------------

  /**
   * After a verified passkey assertion: decides whether this sign-in needs a code (issue 4,
   * risk-based step-up) and either opens the session or keeps a pending sign-in for the code.
   * Every decision is an audit event. Without a verified contact no code can be sent: the sign-in
   * goes on and the decision says so (the app asks the holder to add a phone).
   */
  async signInWithRisk(
    assertion: { credentialId: string; newCounter: number; backedUp: boolean },
    policy: SessionPolicy,
    context: RequestContext,
    place: Omit<SignInPlace, 'at' | 'credentialId'>,
    maxTravelKmh: number,
  ): Promise<Result<RiskySignIn, 'unknown_credential' | 'counter_regressed' | 'disabled'>> {
    const inner = internalsOf(this);
    const stored = this.credential(String(assertion?.credentialId));
    if (!stored) return fail('unknown_credential');
    if (inner.disabled()) return this.signIn(assertion, policy, context) as Promise<Result<never, 'disabled'>>;
    const current: SignInPlace = { ...cleanPlace(place), at: now(), credentialId: stored.id };
    const prefs = this.preferences();
    const decision = assessSignIn(current, recentSignIns(inner.sql), prefs.stepUp, maxTravelKmh);
    const channel = prefs.otpChannel;
    const destination = decision.stepUp ? (this.contactFor(channel) ?? this.contactFor('sms')) : null;
    const where = { country: current.country, city: current.city, asn: current.asn, speedKmh: decision.speedKmh };

    if (!decision.stepUp || !destination) {
      const signedIn = await this.signIn(assertion, policy, context);
      if (!signedIn.ok) return signedIn;
      this.ctx.storage.transactionSync(() => {
        recordSignInPlace(inner.sql, current);
        inner.audit('sign_in_risk', {
          stepUp: decision.stepUp ? 'unavailable' : 'not_needed',
          reasons: decision.reasons.join(',') || null,
          ...where,
        });
      });
      return ok({ kind: 'signed_in', signedIn: signedIn.value, decision });
    }

    const counted = this.recordAssertion(assertion);
    if (!counted.ok) return counted;
    const pendingToken = randomToken(32);
    const tokenHash = await sha256Hex(pendingToken);
    const at = now();
    this.ctx.storage.transactionSync(() => {
      inner.sql.exec('DELETE FROM pending_sign_ins WHERE expires_at <= ?', at);
      inner.sql.exec(
        'INSERT INTO pending_sign_ins (token_hash, credential_id, place, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        tokenHash,
        stored.id,
        JSON.stringify({ ...current, reasons: decision.reasons }),
        at,
        at + pendingSignInMs,
      );
      inner.audit('sign_in_risk', { stepUp: 'required', reasons: decision.reasons.join(','), ...where, ...context });
    });
    const usedChannel: Channel = this.contactFor(channel) ? channel : 'sms';
    const account = inner.view() as AccountView;
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
    this.#sql().exec(
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
  ): Promise<Result<SignedIn, 'not_found' | 'not_approved'>> {
    const inner = internalsOf(this);
    const account = inner.view();
    const row = await this.#pending(pendingToken);
    if (!account || !row?.verification_id) return fail('not_found');
    const verification = this.env.VERIFICATION.get(this.env.VERIFICATION.idFromString(row.verification_id));
    if (!(await verification.consumeApproval(stepUpOwner(account.id)))) return fail('not_approved');
    const place = JSON.parse(row.place) as SignInPlace;
    this.#sql().exec('DELETE FROM pending_sign_ins WHERE token_hash = ?', row.token_hash);
    const opened = await this.openFirstSession(row.credential_id, policy);
    if (!opened.ok) return fail('not_found');
    this.ctx.storage.transactionSync(() => {
      recordSignInPlace(inner.sql, place);
      inner.audit('signed_in', { credential: row.credential_id, stepUp: 'passed', ...context });
    });
    return ok(opened.value);
  }

  /** Records where the account was registered: the first entry of its sign-in history. */
  recordRegistrationPlace(credentialId: string, place: Omit<SignInPlace, 'at' | 'credentialId'>): void {
    if (!internalsOf(this).view() || !this.credential(String(credentialId))) return;
    recordSignInPlace(this.#sql(), { ...cleanPlace(place), at: now(), credentialId: String(credentialId) });
  }

  // --- aggregators ------------------------------------------------------------------------------

  consents(): ConsentView[] {
    return consents(this.#sql());
  }

  /** Whether the holder allows this aggregator to read the account (blocked by default). */
  aggregatorAllowed(keyId: string): boolean {
    return this.#sql().exec('SELECT 1 FROM aggregator_consents WHERE key_id = ?', String(keyId)).toArray().length > 0;
  }

  setAggregatorConsent(keyId: string, name: string, allowed: boolean, context: RequestContext): boolean {
    const inner = internalsOf(this);
    if (!inner.view() || typeof keyId !== 'string' || keyId.length > 64 || typeof name !== 'string') return false;
    this.ctx.storage.transactionSync(() => {
      const changed = allowed
        ? inner.sql.exec(
            'INSERT INTO aggregator_consents (key_id, name, allowed_at) VALUES (?, ?, ?) ON CONFLICT (key_id) DO NOTHING',
            keyId,
            name.slice(0, 64),
            now(),
          ).rowsWritten
        : inner.sql.exec('DELETE FROM aggregator_consents WHERE key_id = ?', keyId).rowsWritten;
      if (changed > 0)
        inner.audit(allowed ? 'aggregator_allowed' : 'aggregator_revoked', {
          aggregator: name.slice(0, 64),
          ...context,
        });
    });
    return true;
  }

  /** What an allowed aggregator may read: the holder's name, payees and recent payments. */
  aggregatorView(
    keyId: string,
  ): { account: Pick<AccountView, 'handle' | 'displayName'>; payees: PayeeView[]; payments: PaymentView[] } | null {
    const account = internalsOf(this).view();
    if (account?.role !== 'customer' || !this.aggregatorAllowed(keyId)) return null;
    return {
      account: { handle: account.handle, displayName: account.displayName },
      payees: this.payees(),
      payments: this.payments(),
    };
  }

  #sql(): SqlStorage {
    return internalsOf(this).sql;
  }

  async #pending(token: string) {
    if (typeof token !== 'string' || token.length < 22 || token.length > 128) return null;
    const tokenHash = await sha256Hex(token);
    return (
      this.#sql()
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

function cleanPlace(p: Omit<SignInPlace, 'at' | 'credentialId'>): Omit<SignInPlace, 'at' | 'credentialId'> {
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
