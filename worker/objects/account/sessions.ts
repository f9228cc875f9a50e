/**
 * Login sessions (table `sessions`, docs/storage.md): opaque random tokens, stored only as their
 * SHA-256, with an idle and an absolute expiry (DESIGN.md). A session is opened in one place,
 * `#insert`, whether after a passkey assertion, a registration or a step-up code.
 */
import type { AccountView, RequestContext } from '../../core/account-rules.ts';
import { now } from '../../core/clock.ts';
import type { EventCause } from '../../core/event-cause.ts';
import { sha256Hex } from '../../core/hash.ts';
import { randomToken } from '../../core/random.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { AccountAudit } from './audit.ts';
import type { Assertion, Passkeys } from './passkeys.ts';
import { hasProfile, profileView } from './profile.ts';
import type { Staff } from './staff.ts';
import type { AccountStorage } from './storage.ts';

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export interface SignedIn {
  token: string;
  account: AccountView;
}

export class Sessions {
  readonly #storage: AccountStorage;
  readonly #audit: AccountAudit;
  readonly #passkeys: Passkeys;
  readonly #staff: Staff;

  constructor(storage: AccountStorage, audit: AccountAudit, passkeys: Passkeys, staff: Staff) {
    this.#storage = storage;
    this.#audit = audit;
    this.#passkeys = passkeys;
    this.#staff = staff;
  }

  /** Records a verified assertion and opens a new login session; returns its token (once). */
  async signIn(
    assertion: Assertion,
    policy: SessionPolicy,
    context: RequestContext,
  ): Promise<Result<SignedIn, 'unknown_credential' | 'counter_regressed' | 'disabled'>> {
    const stored = this.#passkeys.credential(assertion.credentialId);
    if (!stored) return fail('unknown_credential');
    if (this.#staff.disabled()) {
      // A disabled agent or admin: their passkeys no longer sign in.
      this.#audit.append('sign_in_failed', { reason: 'disabled', credential: stored.id, ...context }, context);
      return fail('disabled');
    }
    if (!this.#passkeys.counterMovesOn(stored, assertion)) {
      this.#audit.append('sign_in_failed', { reason: 'counter_regressed', credential: stored.id, ...context }, context);
      return fail('counter_regressed');
    }
    const token = randomToken(32);
    const tokenHash = await sha256Hex(token);
    const at = now();
    this.#storage.transactionSync(() => {
      this.#storage.sql.exec('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?', at, at - policy.idleMs);
      this.#passkeys.noteUse(stored.id, assertion, at);
      this.#insert(tokenHash, stored.id, at, policy);
      this.#audit.append('signed_in', { credential: stored.id, ...context }, context);
    });
    return ok({ token, account: await this.#signedIn(at) });
  }

  /** Opens a session right after registration or a step-up code (the passkey was just verified). */
  async openFirstSession(credentialId: string, policy: SessionPolicy): Promise<Result<SignedIn, 'unknown_credential'>> {
    const stored = this.#passkeys.credential(credentialId);
    if (!stored || this.#staff.disabled()) return fail('unknown_credential');
    const token = randomToken(32);
    const tokenHash = await sha256Hex(token);
    const at = now();
    this.#insert(tokenHash, stored.id, at, policy);
    return ok({ token, account: await this.#signedIn(at) });
  }

  /** Records a failed sign-in against this account (the reason stays in the log, not on the wire). */
  recordFailedSignIn(reason: string, context: RequestContext): void {
    if (!hasProfile(this.#storage.sql)) return;
    this.#audit.append('sign_in_failed', { reason: String(reason).slice(0, 64), ...context }, context);
  }

  /** The account behind a session token, or null when the token is unknown, idle too long or too old. */
  async authenticate(
    token: string,
    policy: SessionPolicy,
    cause: EventCause,
  ): Promise<{ account: AccountView; validUntil: number } | null> {
    if (typeof token !== 'string' || token.length < 22 || token.length > 128) return null;
    const { sql } = this.#storage;
    const tokenHash = await sha256Hex(token);
    const session = sql
      .exec<{ last_seen_at: number; expires_at: number }>(
        'SELECT last_seen_at, expires_at FROM sessions WHERE token_hash = ?',
        tokenHash,
      )
      .toArray()[0];
    if (!session || this.#staff.disabled()) return null;
    const at = now();
    if (at >= session.expires_at || at - session.last_seen_at >= policy.idleMs) {
      sql.exec('DELETE FROM sessions WHERE token_hash = ?', tokenHash);
      this.#audit.append('session_expired', { why: at >= session.expires_at ? 'absolute' : 'idle' }, cause);
      return null;
    }
    // Sliding idle expiry, written at most once a minute so that reads stay cheap.
    let lastSeen = session.last_seen_at;
    if (at - lastSeen > 60_000) {
      sql.exec('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?', at, tokenHash);
      lastSeen = at;
    }
    const account = profileView(sql);
    if (!account) return null;
    // Until when the session is good without another use: its absolute or its idle expiry.
    return { account, validUntil: Math.min(session.expires_at, lastSeen + policy.idleMs) };
  }

  /** Ends the session with this token (sign-out). */
  async signOut(token: string, context: RequestContext): Promise<void> {
    const tokenHash = await sha256Hex(String(token));
    const removed = this.#storage.sql.exec('DELETE FROM sessions WHERE token_hash = ?', tokenHash).rowsWritten;
    if (removed > 0) this.#audit.append('signed_out', { ...context }, context);
  }

  /** The one write of a new session. */
  #insert(tokenHash: string, credentialId: string, at: number, policy: SessionPolicy): void {
    this.#storage.sql.exec(
      'INSERT INTO sessions (token_hash, credential_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      tokenHash,
      credentialId,
      at,
      at,
      at + policy.absoluteMs,
    );
  }

  /** The account just signed in to; staff accounts note the sign-in in the StaffDirectory. */
  async #signedIn(at: number): Promise<AccountView> {
    const view = profileView(this.#storage.sql) as AccountView;
    await this.#staff.note(view, at);
    return view;
  }
}
