/**
 * The holder's lock (table `account_lock`, docs/storage.md): "This wasn't me" → "Lock my account".
 * While a row is here the account applies no effect and starts no code (`refuses`, the one check:
 * every proof an effect needs is asked through it, proofs.ts, and every code a Verification starts
 * or resends for this account asks it too); only the bank unlocks, after a verified call.
 */
import type { LockView } from '../../../shared/lock.ts';
import type { RequestContext } from '../../core/account-rules.ts';
import { now } from '../../core/clock.ts';
import { sha256Hex } from '../../core/hash.ts';
import { errorText, log } from '../../core/log.ts';
import type { OtpPurpose } from '../../core/otp-rules.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { Env } from '../../env.ts';
import { closeQuietly } from '../sockets.ts';
import { fromString } from '../stubs.ts';
import type { AccountAudit } from './audit.ts';
import { profileView } from './profile.ts';
import { ownRecoveries } from './recovery-rows.ts';
import type { AccountStorage } from './storage.ts';

export const accountLockSchema = `
CREATE TABLE IF NOT EXISTS account_lock (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  locked_at INTEGER NOT NULL,
  locked_by TEXT NOT NULL
);
`;

/** What the lock stops: every effect that carries a proof, and every code started for the account. */
export type LockedEffect =
  | 'passkey_added'
  | 'passkey_removed'
  | 'payee_added'
  | 'payment_approved'
  | 'contact_verified'
  | 'contact_change_allowed'
  | 'preferences_changed'
  | 'trusted_contacts_changed'
  | 'recovery_completed'
  | 'recovery_started'
  | 'step_up_completed'
  | `code:${OtpPurpose}`;

/**
 * The one exception: the agent's one-time code by phone, a way the bank verifies the caller on
 * the call that may end with the unlock (a two-way call verification is not an effect at all).
 */
const allowedWhileLocked = new Set<LockedEffect>(['code:call_fallback']);

export class AccountLock {
  readonly #storage: AccountStorage;
  readonly #env: () => Env;
  readonly #audit: AccountAudit;
  readonly #liveSockets: () => WebSocket[];

  constructor(storage: AccountStorage, env: () => Env, audit: AccountAudit, liveSockets: () => WebSocket[]) {
    this.#storage = storage;
    this.#env = env;
    this.#audit = audit;
    this.#liveSockets = liveSockets;
  }

  /** The lock, or null when the account is not locked. */
  view(): LockView | null {
    const row = this.#storage.sql
      .exec<{ locked_at: number }>('SELECT locked_at FROM account_lock WHERE id = 1')
      .toArray()[0];
    return row ? { lockedAt: row.locked_at } : null;
  }

  /**
   * THE check of the lock: true (and the refusal in the log) when the account is locked and
   * `effect` is not the one exception. Synchronous, so a caller that writes right after it writes
   * under the same answer.
   */
  refuses(effect: LockedEffect): boolean {
    if (allowedWhileLocked.has(effect) || !this.view()) return false;
    this.#audit.append('effect_refused', { effect: String(effect).slice(0, 40), reason: 'account_locked' });
    return true;
  }

  /**
   * The holder locks the account: a safe action, so no fresh assertion, and idempotent (a second
   * lock changes nothing and logs nothing). In one transaction every session but `keepToken`'s ends;
   * then the live sockets close and every recovery of the account still going is stopped, as the
   * owner's cancel would.
   */
  async lock(keepToken: string, context: RequestContext): Promise<Result<LockView, 'no_account'>> {
    const { sql } = this.#storage;
    const account = profileView(sql);
    if (account?.role !== 'customer') return fail('no_account');
    const keep = await sha256Hex(String(keepToken));
    const at = now();
    const locked = this.#storage.transactionSync(() => {
      const before = this.view();
      if (before) return { lock: before, recoveries: [] as string[], newly: false };
      sql.exec("INSERT INTO account_lock (id, locked_at, locked_by) VALUES (1, ?, 'holder')", at);
      const signedOut = sql.exec('DELETE FROM sessions WHERE token_hash != ?', keep).rowsWritten;
      const recoveries = ownRecoveries(sql).map((r) => r.id);
      this.#audit.append('account_locked', { by: 'holder', signedOut, recoveries: recoveries.length, ...context });
      return { lock: { lockedAt: at }, recoveries, newly: true };
    });
    // The open apps' live sockets close too: a signed-out device must not go on hearing of calls.
    // The device that locked reconnects with its session; the others cannot.
    if (locked.newly) for (const socket of this.#liveSockets()) closeQuietly(socket, 4003, 'account locked');
    for (const id of locked.recoveries) {
      await fromString(this.#env().RECOVERY, id)
        ?.cancelByOwner(account.id)
        .catch((error: unknown) => log('error', 'recovery_not_stopped', { recovery: id, error: errorText(error) }));
    }
    return ok(locked.lock);
  }

  /**
   * The bank unlocks, on call `callId`: the CallVerification itself is asked (never the caller)
   * whether that call verified this customer, and by which agent. Unlocking an account that is not
   * locked changes nothing.
   */
  async unlock(callId: string): Promise<Result<{ unlocked: boolean }, 'not_verified'>> {
    const account = profileView(this.#storage.sql);
    const call = fromString(this.#env().CALL, callId);
    const approval = account && call ? await call.unlockApproval(account.id) : null;
    if (!account || !approval) {
      if (account) this.#audit.append('effect_refused', { effect: 'account_unlocked', reason: 'no_verified_call' });
      return fail('not_verified');
    }
    const unlocked = this.#storage.transactionSync(() => {
      if (!this.view()) return false;
      this.#storage.sql.exec('DELETE FROM account_lock');
      this.#audit.append('account_unlocked', {
        by: 'bank',
        call: String(callId),
        agent: approval.agentId,
        agentName: approval.agentName,
      });
      return true;
    });
    return ok({ unlocked });
  }
}
