/**
 * A short memory, per worker isolate, of sessions the Account object has just confirmed, so that a
 * burst of requests (an agent checking codes) costs one Durable Object call instead of two each.
 * An entry lives at most SESSION_CACHE_SECONDS (default 5) and never past the session's own idle or
 * absolute expiry. Sign-out and passkey removal forget the entries in the isolate that handled them;
 * elsewhere they take effect within those seconds. 0 turns the memory off.
 */
import type { AccountView } from '../core/account-rules';

const maxEntries = 10_000;

export class SessionCache {
  #entries = new Map<string, { account: AccountView; until: number }>();

  /** The confirmed account for this cookie value, if confirmed recently enough. */
  get(key: string, at: number): AccountView | null {
    const entry = this.#entries.get(key);
    if (!entry) return null;
    if (at >= entry.until) {
      this.#entries.delete(key);
      return null;
    }
    return entry.account;
  }

  /** Remembers a confirmation until `until` (already capped by the caller). */
  put(key: string, account: AccountView, until: number): void {
    if (this.#entries.size >= maxEntries) {
      // Maps iterate in insertion order: drop the oldest.
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { account, until });
  }

  /** Forgets one session (sign-out). */
  forget(key: string): void {
    this.#entries.delete(key);
  }

  /** Forgets every session of an account (a passkey removed, and the sessions it opened with it). */
  forgetAccount(accountId: string): void {
    for (const [key, entry] of this.#entries) if (entry.account.id === accountId) this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** The isolate's one cache. */
export const sessionCache = new SessionCache();
