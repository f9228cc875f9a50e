/**
 * Account: one Durable Object per person. account-base.ts holds the profile, passkeys, sessions,
 * audit log, invites and calls; account-codes.ts what out-of-band codes need; this part adds
 * trusted-contact recovery (issue 5): the contacts the holder nominated (changes need a fresh
 * passkey, are rate-limited and announced), the recoveries of this account, and the requests where
 * this account is someone else's contact. Tables in account-recovery.ts (docs/storage.md).
 */
import type { TrustedContactView } from '../../shared/recovery.ts';
import type { RequestContext } from '../core/account-rules.ts';
import { now } from '../core/clock.ts';
import { readSettings } from '../core/config.ts';
import { type CustomerLookupAudit, lookupAuditDetail } from '../core/customer-lookup.ts';
import { errorText, log } from '../core/log.ts';
import type { NewCredential } from '../core/passkeys.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { announceProtectionChange } from '../notify/announce.ts';
import { internalsOf } from './account-base.ts';
import { AccountWithCodes } from './account-codes.ts';
import { passkeyApproval, recoveryCompletion } from './account-proofs.ts';
import {
  insertContact,
  logChange,
  maxContacts,
  minContacts,
  nextChangeAt,
  type OwnRecoveryView,
  ownRecoveries,
  type RecoveryRequestView,
  recoveryRequests,
  trustedContacts,
  validContacts,
} from './account-recovery.ts';

export type { NewAccount, SessionPolicy, SignedIn } from './account-base.ts';
export type { RiskySignIn } from './account-codes.ts';

/** What a Recovery object needs of the account it recovers. */
export interface RecoveryProfile {
  handle: string;
  displayName: string;
  contacts: TrustedContactView[];
}

export type ContactChangeRefusal = {
  ok: false;
  reason: 'invalid' | 'not_set_up' | 'set_up_already' | 'too_many' | 'too_few' | 'too_soon' | 'not_found' | 'no_proof';
  retryAt?: number;
};

/** Recovery steps the account's log and devices hear of. */
export type RecoveryEvent =
  | 'recovery_started'
  | 'recovery_quorum'
  | 'recovery_completed'
  | 'recovery_aborted'
  | 'recovery_canceled'
  | 'recovery_expired';
const recoveryEvents = new Set<string>([
  'recovery_started',
  'recovery_quorum',
  'recovery_completed',
  'recovery_aborted',
  'recovery_canceled',
  'recovery_expired',
]);

export class Account extends AccountWithCodes {
  trustedContacts(): TrustedContactView[] {
    return trustedContacts(internalsOf(this).sql);
  }

  /** When the next change of contacts may be made (0: now). */
  nextContactChangeAt(intervalMs: number): number {
    const at = nextChangeAt(internalsOf(this).sql, Number(intervalMs));
    return at > now() ? at : 0;
  }

  /**
   * The first nomination: 3 to 5 contacts at once, with the holder's fresh passkey assertion
   * (PasskeyChallenge `proofId`, purpose `contacts`, asked here and used up).
   */
  async setUpContacts(
    contacts: { name: string; phone: string }[],
    context: RequestContext,
    proofId: string,
  ): Promise<Result<TrustedContactView[], never> | ContactChangeRefusal> {
    const inner = internalsOf(this);
    const account = inner.view();
    if (account?.role !== 'customer' || !validContacts(contacts, this.contacts().phone, this.#allowedCallingCodes()))
      return fail('invalid');
    if (contacts.length < minContacts || contacts.length > maxContacts) return fail('invalid');
    if (this.trustedContacts().length > 0) return fail('set_up_already');
    if (!(await this.#contactsProof(proofId, context))) return fail('no_proof');
    if (this.trustedContacts().length > 0) return fail('set_up_already');
    const at = now();
    const added = this.ctx.storage.transactionSync(() => {
      const views = contacts.map((c) => insertContact(inner.sql, c, at));
      logChange(inner.sql, 'setup', at);
      inner.audit('contacts_set_up', {
        count: views.length,
        names: views
          .map((v) => v.name)
          .join(', ')
          .slice(0, 300),
        ...context,
      });
      return views;
    });
    return ok(added);
  }

  /** Adds one contact: after the set-up, at most one change per interval, never more than 5; with a fresh assertion. */
  async addTrustedContact(
    contact: { name: string; phone: string },
    context: RequestContext,
    intervalMs: number,
    proofId: string,
  ): Promise<Result<TrustedContactView, never> | ContactChangeRefusal> {
    const inner = internalsOf(this);
    const existing = this.trustedContacts();
    if (
      !inner.view() ||
      !validContacts(
        [...existing.map(({ name, phone }) => ({ name, phone })), contact],
        this.contacts().phone,
        this.#allowedCallingCodes(),
      )
    )
      return fail('invalid');
    if (existing.length === 0) return fail('not_set_up');
    if (existing.length >= maxContacts) return fail('too_many');
    const at = now();
    const retryAt = nextChangeAt(inner.sql, Number(intervalMs));
    if (at < retryAt) return { ...fail('too_soon'), retryAt };
    if (!(await this.#contactsProof(proofId, context))) return fail('no_proof');
    // Read again after the await: two changes at once cannot both pass the interval or the limit.
    if (this.trustedContacts().length >= maxContacts) return fail('too_many');
    if (now() < nextChangeAt(inner.sql, Number(intervalMs))) return { ...fail('too_soon'), retryAt };
    const added = this.ctx.storage.transactionSync(() => {
      const view = insertContact(inner.sql, contact, at);
      logChange(inner.sql, 'add', at);
      inner.audit('contact_added', { name: view.name, phone: view.phone.slice(-3), ...context });
      return view;
    });
    return ok(added);
  }

  /** Removes one contact: never below 3, at most one change per interval; with a fresh assertion. */
  async removeTrustedContact(
    contactId: string,
    context: RequestContext,
    intervalMs: number,
    proofId: string,
  ): Promise<Result<TrustedContactView, never> | ContactChangeRefusal> {
    const inner = internalsOf(this);
    const existing = this.trustedContacts();
    const contact = existing.find((c) => c.id === contactId);
    if (!contact) return fail('not_found');
    if (existing.length <= minContacts) return fail('too_few');
    const at = now();
    const retryAt = nextChangeAt(inner.sql, Number(intervalMs));
    if (at < retryAt) return { ...fail('too_soon'), retryAt };
    if (!(await this.#contactsProof(proofId, context))) return fail('no_proof');
    if (this.trustedContacts().length <= minContacts) return fail('too_few');
    if (now() < nextChangeAt(inner.sql, Number(intervalMs))) return { ...fail('too_soon'), retryAt };
    this.ctx.storage.transactionSync(() => {
      inner.sql.exec('DELETE FROM trusted_contacts WHERE contact_id = ?', contact.id);
      logChange(inner.sql, 'remove', at);
      inner.audit('contact_removed', { name: contact.name, phone: contact.phone.slice(-3), ...context });
    });
    return ok(contact);
  }

  /** For a Recovery object: who the account is and whom it trusts. Null for anyone but a customer. */
  recoveryProfile(): RecoveryProfile | null {
    const account = internalsOf(this).view();
    if (account?.role !== 'customer') return null;
    return { handle: account.handle, displayName: account.displayName, contacts: this.trustedContacts() };
  }

  /** A recovery of this account moved on: logged, kept for the owner to see, told to every device. */
  async recoveryUpdate(
    recoveryId: string,
    state: string,
    readyAt: number | null,
    event: RecoveryEvent | null,
  ): Promise<void> {
    const inner = internalsOf(this);
    if (
      !inner.view() ||
      typeof recoveryId !== 'string' ||
      !/^[0-9a-f]{64}$/.test(recoveryId) ||
      typeof state !== 'string'
    )
      return;
    const at = now();
    this.ctx.storage.transactionSync(() => {
      inner.sql.exec(
        `INSERT INTO recoveries (recovery_id, state, started_at, updated_at, ready_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (recovery_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, ready_at = excluded.ready_at`,
        recoveryId,
        state.slice(0, 32),
        at,
        at,
        readyAt,
      );
      if (event && recoveryEvents.has(event)) inner.audit(event, { recovery: recoveryId, state, readyAt });
    });
    if (event === 'recovery_quorum') {
      const when = readyAt && readyAt > at ? `on ${new Date(readyAt).toUTCString()}` : 'now';
      await this.pushToDevices(
        {
          type: 'security',
          title: 'Someone is recovering your Countersign account',
          body: `Your trusted contacts gave their codes. A new device can sign in ${when}. If this is not you, open Countersign and cancel it.`,
        },
        { ttlSeconds: 86_400, urgency: 'high' },
      );
    }
  }

  ownRecoveries(): OwnRecoveryView[] {
    return ownRecoveries(internalsOf(this).sql);
  }

  /** This account is someone's contact: their recovery asks it to approve in the app. */
  addRecoveryRequest(request: {
    recoveryId: string;
    contactId: string;
    requesterName: string;
    expiresAt: number;
  }): boolean {
    const inner = internalsOf(this);
    const r = request;
    if (
      !inner.view() ||
      !/^[0-9a-f]{64}$/.test(r?.recoveryId) ||
      typeof r.contactId !== 'string' ||
      typeof r.requesterName !== 'string'
    )
      return false;
    inner.sql.exec(
      `INSERT INTO recovery_requests (recovery_id, contact_id, requester_name, created_at, expires_at, state) VALUES (?, ?, ?, ?, ?, 'pending')
       ON CONFLICT (recovery_id, contact_id) DO NOTHING`,
      r.recoveryId,
      r.contactId.slice(0, 32),
      r.requesterName.slice(0, 64),
      now(),
      Number(r.expiresAt) || now(),
    );
    inner.audit('recovery_request_received', { recovery: r.recoveryId, from: r.requesterName.slice(0, 64) });
    return true;
  }

  recoveryRequests(): RecoveryRequestView[] {
    return recoveryRequests(internalsOf(this).sql, now());
  }

  /** The pending request of this recovery to this account, or null. */
  recoveryRequest(recoveryId: string): RecoveryRequestView | null {
    return this.recoveryRequests().find((r) => r.recoveryId === recoveryId) ?? null;
  }

  /** The holder answered a request: approved with their passkey, or "I was not asked by them". */
  answerRecoveryRequest(
    recoveryId: string,
    answer: 'approved' | 'declined' | 'ended',
    context: RequestContext,
  ): boolean {
    const inner = internalsOf(this);
    const changed = inner.sql.exec(
      "UPDATE recovery_requests SET state = ? WHERE recovery_id = ? AND state = 'pending'",
      answer,
      String(recoveryId),
    ).rowsWritten;
    if (changed > 0 && answer !== 'ended')
      inner.audit(answer === 'approved' ? 'recovery_request_approved' : 'recovery_request_declined', {
        recovery: String(recoveryId),
        ...context,
      });
    return changed > 0;
  }

  /**
   * The end of a recovery: the new device's passkey joins the account; if the holder chose so, every
   * older passkey and every session goes. The Recovery object is asked, by id, whether it approves
   * finishing with this passkey for this account (once; a cancel before that wins).
   */
  async finishRecovery(
    credential: NewCredential,
    revokeOld: boolean,
    recoveryId: string,
    context: RequestContext,
  ): Promise<Result<{ removed: number }, 'invalid' | 'duplicate' | 'no_account' | 'not_approved'>> {
    const inner = internalsOf(this);
    const account = inner.view();
    if (!account) return fail('no_account');
    if (!inner.validCredential(credential) || typeof revokeOld !== 'boolean') return fail('invalid');
    if (this.credential(credential.id)) return fail('duplicate');
    if (!(await recoveryCompletion(this.env, account.id, recoveryId, credential.id))) {
      inner.audit('effect_refused', { effect: 'recovery_completed', reason: 'no_approval', ...context });
      return fail('not_approved');
    }
    let removed = 0;
    const phone = this.contacts().phone;
    this.ctx.storage.transactionSync(() => {
      inner.insertPasskey(credential, context, 'Recovered device');
      if (revokeOld) {
        removed = inner.sql.exec('DELETE FROM passkeys WHERE credential_id != ?', credential.id).rowsWritten;
        inner.sql.exec('DELETE FROM sessions');
      }
      inner.audit('recovery_completed', { recovery: recoveryId, revokedPasskeys: removed, ...context });
    });
    await announceProtectionChange(this.env, inner.devices, 'passkey_added', phone);
    return ok({ removed });
  }

  // --- staff lifecycle (issue 9) ------------------------------------------------------------------

  /**
   * Applies what the StaffDirectory decided for this agent or admin (asked here, not taken from the
   * caller). Disabled: every session ends, the passkeys no longer sign in, calls in progress are
   * cancelled, the open apps are closed. Enabled again: sign-in works again.
   */
  async applyStaffAccess(adminId: string): Promise<boolean> {
    const inner = internalsOf(this);
    const account = inner.view();
    if (!account || account.role === 'customer') return false;
    const access = await this.env.STAFF.get(this.env.STAFF.idFromName('staff')).access(account.id);
    if (!access) return false;
    const by = String(adminId).slice(0, 64);
    if (!access.enabled && !inner.disabled()) {
      const calls = this.ctx.storage.transactionSync(() => {
        inner.sql.exec('INSERT INTO staff_access (id, disabled_at, disabled_by) VALUES (1, ?, ?)', now(), by);
        inner.sql.exec('DELETE FROM sessions');
        inner.audit('disabled_by_admin', { by });
        return inner.sql
          .exec<{ call_id: string }>(
            "SELECT call_id FROM calls WHERE role = 'agent' AND state NOT IN ('verified', 'failed', 'canceled', 'expired', 'declined')",
          )
          .toArray();
      });
      for (const socket of this.ctx.getWebSockets('live')) socket.close(4001, 'staff access disabled');
      for (const { call_id } of calls) {
        // Calls this agent started and that are still going end now (the customer's screen is told).
        await this.env.CALL.get(this.env.CALL.idFromString(call_id))
          .cancelForRemovedStaff(account.id)
          .catch((error: unknown) => log('error', 'call_not_cancelled', { call: call_id, error: errorText(error) }));
      }
    } else if (access.enabled && inner.disabled()) {
      this.ctx.storage.transactionSync(() => {
        inner.sql.exec('DELETE FROM staff_access');
        inner.audit('enabled_by_admin', { by });
      });
    }
    return true;
  }

  /** The admin's own log: they disabled or enabled a staff member (checked with the directory). */
  async recordStaffChange(targetId: string, handle: string, enabled: boolean): Promise<void> {
    const inner = internalsOf(this);
    if (inner.view()?.role !== 'admin') return;
    const access = await this.env.STAFF.get(this.env.STAFF.idFromName('staff')).access(String(targetId));
    if (access?.enabled !== enabled) return;
    inner.audit(enabled ? 'staff_enabled' : 'staff_disabled', {
      staff: String(targetId).slice(0, 64),
      handle: String(handle).slice(0, 32),
    });
  }

  /** An enabled agent's look-up of a customer (issue 11), kept in their own log; false when not recorded. */
  recordCustomerLookup(lookup: CustomerLookupAudit): boolean {
    const inner = internalsOf(this);
    const detail = lookupAuditDetail(lookup);
    if (!detail || inner.view()?.role !== 'agent' || inner.disabled()) return false;
    inner.audit('customer_lookup', detail);
    return true;
  }

  /** Whether an admin disabled this staff account. */
  staffDisabled(): boolean {
    return internalsOf(this).disabled();
  }

  /** The holder's fresh assertion for a change of trusted contacts, asked of its PasskeyChallenge. */
  /** The messenger's calling-code guard applies to contacts here too, whoever calls (issue 9). */
  #allowedCallingCodes(): readonly string[] {
    return readSettings(this.env).otp.allowedCallingCodes;
  }

  async #contactsProof(proofId: string, context: RequestContext): Promise<boolean> {
    const inner = internalsOf(this);
    const account = inner.view();
    if (account && (await passkeyApproval(this.env, account.id, proofId, 'contacts'))) return true;
    inner.audit('effect_refused', { effect: 'trusted_contacts_changed', reason: 'no_fresh_assertion', ...context });
    return false;
  }
}
