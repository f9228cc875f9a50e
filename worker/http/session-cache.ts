/**
 * Sessions the Account object has just confirmed, per worker isolate (an agent checking codes costs
 * one Durable Object call instead of two). An entry lives at most SESSION_CACHE_SECONDS (default 5)
 * and never past the session's own idle or absolute expiry. Sign-out and passkey removal forget the
 * entries in the isolate that handled them; elsewhere they take effect within those seconds.
 * 0 turns the memory off.
 */
import type { AccountView } from '../core/account-rules.ts';
import { ConfirmationCache } from './confirmation-cache.ts';

export class SessionCache extends ConfirmationCache<AccountView> {
  /** Forgets every session of an account (a passkey removed, and the sessions it opened with it). */
  forgetAccount(accountId: string): void {
    this.forgetWhere((account) => account.id === accountId);
  }
}

/** The isolate's one cache. */
export const sessionCache = new SessionCache();
