/**
 * Recovery as the account sees it (tables `recoveries`, `recovery_requests`; rows in
 * recovery-rows.ts): the recoveries of this account, kept for the owner to see and cancel; the
 * requests where this account is someone else's trusted contact; and the end of a recovery, when
 * the new device's passkey joins the account with the Recovery object's approval.
 */
import type { TrustedContactView } from '../../../shared/recovery.ts';
import type { RequestContext } from '../../core/account-rules.ts';
import { now } from '../../core/clock.ts';
import type { NewCredential } from '../../core/passkeys.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { Announcements } from './announcements.ts';
import type { AccountAudit } from './audit.ts';
import type { AccountLock } from './lock.ts';
import { type Passkeys, validCredential } from './passkeys.ts';
import { profileView, verifiedPhone } from './profile.ts';
import type { AccountProofs } from './proofs.ts';
import type { Push } from './push.ts';
import {
  type OwnRecoveryView,
  ownRecoveries,
  type RecoveryRequestView,
  recoveryRequests,
  trustedContacts,
} from './recovery-rows.ts';
import type { AccountStorage } from './storage.ts';

/** What a Recovery object needs of the account it recovers. */
export interface RecoveryProfile {
  handle: string;
  displayName: string;
  contacts: TrustedContactView[];
}

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

const hex64 = /^[0-9a-f]{64}$/;

/** What the inbox needs of the other parts of the account. */
export interface RecoveryInboxParts {
  audit: AccountAudit;
  passkeys: Passkeys;
  push: Push;
  announcements: Announcements;
  proofs: AccountProofs;
  lock: AccountLock;
}

export class RecoveryInbox {
  readonly #storage: AccountStorage;
  readonly #parts: RecoveryInboxParts;

  constructor(storage: AccountStorage, parts: RecoveryInboxParts) {
    this.#storage = storage;
    this.#parts = parts;
  }

  /** For a Recovery object: who the account is and whom it trusts. Null for anyone but a customer. */
  recoveryProfile(): RecoveryProfile | null {
    const account = profileView(this.#storage.sql);
    // A locked account is not recovered: to a Recovery it is as if it were nobody's.
    if (account?.role !== 'customer' || this.#parts.lock.refuses('recovery_started')) return null;
    return { handle: account.handle, displayName: account.displayName, contacts: trustedContacts(this.#storage.sql) };
  }

  /** A recovery of this account moved on: logged, kept for the owner to see, told to every device. */
  async recoveryUpdate(
    recoveryId: string,
    state: string,
    readyAt: number | null,
    event: RecoveryEvent | null,
  ): Promise<void> {
    const { sql } = this.#storage;
    if (!profileView(sql) || typeof recoveryId !== 'string' || !hex64.test(recoveryId) || typeof state !== 'string')
      return;
    const at = now();
    this.#storage.transactionSync(() => {
      sql.exec(
        `INSERT INTO recoveries (recovery_id, state, started_at, updated_at, ready_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (recovery_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, ready_at = excluded.ready_at`,
        recoveryId,
        state.slice(0, 32),
        at,
        at,
        readyAt,
      );
      if (event && recoveryEvents.has(event)) this.#parts.audit.append(event, { recovery: recoveryId, state, readyAt });
    });
    if (event === 'recovery_quorum') {
      const when = readyAt && readyAt > at ? `on ${new Date(readyAt).toUTCString()}` : 'now';
      await this.#parts.push.pushToDevices(
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
    return ownRecoveries(this.#storage.sql);
  }

  /** This account is someone's contact: their recovery asks it to approve in the app. */
  addRecoveryRequest(request: {
    recoveryId: string;
    contactId: string;
    requesterName: string;
    expiresAt: number;
  }): boolean {
    const r = request;
    const { sql } = this.#storage;
    if (
      !profileView(sql) ||
      !hex64.test(r?.recoveryId) ||
      typeof r.contactId !== 'string' ||
      typeof r.requesterName !== 'string'
    )
      return false;
    sql.exec(
      `INSERT INTO recovery_requests (recovery_id, contact_id, requester_name, created_at, expires_at, state) VALUES (?, ?, ?, ?, ?, 'pending')
       ON CONFLICT (recovery_id, contact_id) DO NOTHING`,
      r.recoveryId,
      r.contactId.slice(0, 32),
      r.requesterName.slice(0, 64),
      now(),
      Number(r.expiresAt) || now(),
    );
    this.#parts.audit.append('recovery_request_received', {
      recovery: r.recoveryId,
      from: r.requesterName.slice(0, 64),
    });
    return true;
  }

  recoveryRequests(): RecoveryRequestView[] {
    return recoveryRequests(this.#storage.sql, now());
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
    const changed = this.#storage.sql.exec(
      "UPDATE recovery_requests SET state = ? WHERE recovery_id = ? AND state = 'pending'",
      answer,
      String(recoveryId),
    ).rowsWritten;
    if (changed > 0 && answer !== 'ended')
      this.#parts.audit.append(answer === 'approved' ? 'recovery_request_approved' : 'recovery_request_declined', {
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
  ): Promise<Result<{ removed: number }, 'invalid' | 'duplicate' | 'no_account' | 'not_approved' | 'account_locked'>> {
    const { audit, passkeys, announcements } = this.#parts;
    const { sql } = this.#storage;
    const account = profileView(sql);
    if (!account) return fail('no_account');
    if (!validCredential(credential) || typeof revokeOld !== 'boolean') return fail('invalid');
    if (passkeys.credential(credential.id)) return fail('duplicate');
    const proof = await this.#parts.proofs.recovery(recoveryId, credential.id);
    if (!proof.ok && proof.reason === 'account_locked') return fail(proof.reason);
    if (!proof.ok) {
      audit.append('effect_refused', { effect: 'recovery_completed', reason: 'no_approval', ...context });
      return fail('not_approved');
    }
    let removed = 0;
    const phone = verifiedPhone(sql);
    this.#storage.transactionSync(() => {
      passkeys.insert(credential, context, 'Recovered device');
      if (revokeOld) {
        removed = sql.exec('DELETE FROM passkeys WHERE credential_id != ?', credential.id).rowsWritten;
        sql.exec('DELETE FROM sessions');
      }
      audit.append('recovery_completed', { recovery: recoveryId, revokedPasskeys: removed, ...context });
    });
    await announcements.protectionChanged('passkey_added', phone);
    return ok({ removed });
  }
}
