/**
 * The account's verified phone and e-mail, reached by a code that came back, and its sign-in
 * preferences (tables `contacts`, `preferences`, `contact_change_grants`; rows in contact-rows.ts
 * and grants.ts). Changing either changes how the account is protected: a fresh passkey assertion,
 * announced on every device and by SMS to the phone verified before the change.
 */
import type { Channel } from '../../../shared/verifications.ts';
import type { RequestContext } from '../../core/account-rules.ts';
import { now } from '../../core/clock.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { Env } from '../../env.ts';
import type { Announcements } from './announcements.ts';
import type { AccountAudit } from './audit.ts';
import {
  type ContactsView,
  contactKindOf,
  contacts,
  type Preferences,
  preferences,
  saveContact,
  savePreferences,
  validPreferences,
} from './contact-rows.ts';
import { grantContactChange, hasContactGrant, useContactGrant } from './grants.ts';
import { profileView } from './profile.ts';
import type { AccountProofs } from './proofs.ts';
import type { AccountStorage } from './storage.ts';

export class VerifiedContacts {
  readonly #storage: AccountStorage;
  readonly #env: () => Env;
  readonly #audit: AccountAudit;
  readonly #announcements: Announcements;
  readonly #proofs: AccountProofs;

  constructor(
    storage: AccountStorage,
    env: () => Env,
    audit: AccountAudit,
    announcements: Announcements,
    proofs: AccountProofs,
  ) {
    this.#storage = storage;
    this.#env = env;
    this.#audit = audit;
    this.#announcements = announcements;
    this.#proofs = proofs;
  }

  /** The verified phone and e-mail. */
  contacts(): ContactsView {
    return contacts(this.#storage.sql);
  }

  /** Where a code on this channel goes: the verified phone (sms, call) or e-mail, or null. */
  contactFor(channel: Channel): string | null {
    if (!profileView(this.#storage.sql)) return null;
    const known = this.contacts();
    return channel === 'email' ? known.email : channel === 'sms' || channel === 'call' ? known.phone : null;
  }

  /**
   * Records a contact reached by an approved enrolment code; the phone index points here. The
   * Verification is asked whether it approved exactly this destination for this account (once); a
   * contact that replaces a verified one also needs the holder's fresh passkey assertion, given
   * before the code was asked for (`authorizeChange`). Announced on every device, and by SMS to the
   * phone verified before the change.
   */
  async confirmContact(value: string, verificationId: string): Promise<boolean> {
    const { sql } = this.#storage;
    const account = profileView(sql);
    if (!account || typeof value !== 'string') return false;
    const kind = contactKindOf(value);
    const before = this.contacts();
    const previous = kind ? before[kind] : null;
    const replacing = previous !== null && previous !== value;
    if (!kind || (replacing && !this.contactChangeAllowed(kind, value))) {
      this.#audit.append('effect_refused', {
        effect: 'contact_verified',
        reason: kind ? 'no_fresh_assertion' : 'invalid',
      });
      return false;
    }
    const proof = await this.#proofs.verification('contact_verified', verificationId, 'enrol_phone');
    if (!proof.ok && proof.reason === 'account_locked') return false;
    if (!proof.ok || proof.value.destination !== value) {
      this.#audit.append('effect_refused', { effect: 'contact_verified', reason: 'no_approval' });
      return false;
    }
    const saved = this.#storage.transactionSync(() => {
      // The grant is used up with the change it allowed (and only then).
      if (replacing && !useContactGrant(sql, now())) return null;
      const done = saveContact(sql, value, verificationId, now());
      if (done) this.#audit.append('contact_verified', { kind: done, verification: verificationId });
      return done;
    });
    if (!saved) return false;
    const index = (v: string) => this.#env().CONTACT_INDEX.get(this.#env().CONTACT_INDEX.idFromName(`${saved}:${v}`));
    if (previous && previous !== value) await index(previous).release(account.id);
    await index(value).claim(account.id);
    await this.#announcements.protectionChanged(kind === 'phone' ? 'phone_changed' : 'email_changed', before.phone);
    return true;
  }

  /**
   * A fresh passkey assertion (PasskeyChallenge `ceremonyId`, purpose `protect_contact`) allows one
   * change of the verified phone or e-mail within the next 15 minutes.
   */
  async authorizeContactChange(
    ceremonyId: string,
    context: RequestContext,
  ): Promise<Result<null, 'no_proof' | 'account_locked'>> {
    if (!profileView(this.#storage.sql)) return fail('no_proof');
    const proof = await this.#proofs.passkey('contact_change_allowed', ceremonyId, 'protect_contact');
    if (!proof.ok) return fail(proof.reason);
    grantContactChange(this.#storage.sql, now());
    this.#audit.append('contact_change_allowed', { ...context });
    return ok(null);
  }

  /** Whether a change of the verified phone or e-mail is allowed now (a fresh assertion was given). */
  contactChangeAllowed(kind: 'phone' | 'email', value?: string): boolean {
    const current = this.contacts()[kind === 'email' ? 'email' : 'phone'];
    return current === null || current === value || hasContactGrant(this.#storage.sql, now());
  }

  preferences(): Preferences {
    return preferences(this.#storage.sql);
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
  ): Promise<Result<Preferences, 'invalid' | 'no_proof' | 'account_locked'>> {
    const account = profileView(this.#storage.sql);
    if (!account || !validPreferences(next)) return fail('invalid');
    const proof = await this.#proofs.passkey('preferences_changed', ceremonyId, 'protect_settings');
    if (!proof.ok) return fail(proof.reason);
    const before = this.preferences();
    const saved = this.#storage.transactionSync(() => {
      if (!savePreferences(this.#storage.sql, next)) return false;
      if (before.stepUp !== next.stepUp || before.otpChannel !== next.otpChannel) {
        this.#audit.append('preferences_changed', { stepUp: next.stepUp, otpChannel: next.otpChannel, ...context });
      }
      return true;
    });
    if (!saved) return fail('invalid');
    await this.#announcements.protectionChanged('sign_in_settings_changed');
    return ok(this.preferences());
  }
}
