/**
 * The account's passkeys (table `passkeys`, docs/storage.md): the credentials an assertion is
 * checked against, their counters, and adding or removing one, which changes how the account is
 * protected (a fresh assertion of a passkey the holder already has, announced).
 */
import { isStoredText, textLimits } from '../../../shared/text.ts';
import {
  counterAcceptable,
  defaultPasskeyName,
  type PasskeyView,
  type RequestContext,
} from '../../core/account-rules.ts';
import { now } from '../../core/clock.ts';
import type { NewCredential, StoredCredential } from '../../core/passkeys.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { Announcements } from './announcements.ts';
import type { AccountAudit } from './audit.ts';
import { hasProfile, profileView } from './profile.ts';
import type { AccountProofs } from './proofs.ts';
import type { AccountStorage } from './storage.ts';

/** A passkey assertion verified by the route, as the object receives it. */
export interface Assertion {
  credentialId: string;
  newCounter: number;
  backedUp: boolean;
}

type PasskeyRow = {
  credential_id: string;
  public_key: ArrayBuffer;
  counter: number;
  transports: string;
  device_type: string;
  backed_up: number;
  name: string;
  created_at: number;
  last_used_at: number | null;
};

export const isText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= max;

/** Checks a new credential from outside. */
export function validCredential(c: NewCredential): boolean {
  return (
    isText(c?.id, 1024) &&
    c.publicKey instanceof Uint8Array &&
    c.publicKey.length > 0 &&
    c.publicKey.length <= 1024 &&
    Number.isInteger(c.counter) &&
    c.counter >= 0 &&
    Array.isArray(c.transports) &&
    (c.deviceType === 'singleDevice' || c.deviceType === 'multiDevice') &&
    typeof c.backedUp === 'boolean'
  );
}

export class Passkeys {
  readonly #storage: AccountStorage;
  readonly #audit: AccountAudit;
  readonly #announcements: Announcements;
  readonly #proofs: AccountProofs;

  constructor(storage: AccountStorage, audit: AccountAudit, announcements: Announcements, proofs: AccountProofs) {
    this.#storage = storage;
    this.#audit = audit;
    this.#announcements = announcements;
    this.#proofs = proofs;
  }

  /** The stored credential with this id, for checking an assertion. */
  credential(credentialId: string): StoredCredential | null {
    if (!hasProfile(this.#storage.sql)) return null;
    const row = this.#storage.sql
      .exec<PasskeyRow>('SELECT * FROM passkeys WHERE credential_id = ?', String(credentialId))
      .toArray()[0];
    if (!row) return null;
    return {
      id: row.credential_id,
      publicKey: new Uint8Array(row.public_key),
      counter: row.counter,
      transports: JSON.parse(row.transports) as string[],
    };
  }

  /** The account's passkeys, newest first. */
  passkeys(): PasskeyView[] {
    return this.#storage.sql
      .exec<PasskeyRow>('SELECT * FROM passkeys ORDER BY created_at DESC, credential_id')
      .toArray()
      .map((row) => ({
        id: row.credential_id,
        name: row.name,
        transports: JSON.parse(row.transports) as string[],
        deviceType: row.device_type === 'multiDevice' ? 'multiDevice' : 'singleDevice',
        backedUp: row.backed_up === 1,
        createdAt: row.created_at,
        lastUsedAt: row.last_used_at,
      }));
  }

  /** The credentials to exclude when registering another passkey. */
  credentials(): StoredCredential[] {
    return this.passkeys().map((p) => ({
      id: p.id,
      publicKey: new Uint8Array(),
      counter: 0,
      transports: p.transports,
    }));
  }

  /** Whether the assertion's counter may follow the stored one (it must move on, or both stay 0). */
  counterMovesOn(stored: StoredCredential, assertion: Assertion): boolean {
    return Number.isInteger(assertion.newCounter) && counterAcceptable(stored.counter, assertion.newCounter);
  }

  /** Notes a verified use of a passkey: its new counter, backup flag and last use. */
  noteUse(credentialId: string, assertion: Assertion, at: number): void {
    this.#storage.sql.exec(
      'UPDATE passkeys SET counter = ?, backed_up = ?, last_used_at = ? WHERE credential_id = ?',
      assertion.newCounter,
      assertion.backedUp ? 1 : 0,
      at,
      credentialId,
    );
  }

  /** A passkey assertion verified for a ceremony (not a sign-in): the counter must move on as at sign-in. */
  recordAssertion(assertion: Assertion): Result<null, 'unknown_credential' | 'counter_regressed'> {
    const stored = this.credential(String(assertion?.credentialId));
    if (!stored) return fail('unknown_credential');
    if (!this.counterMovesOn(stored, assertion)) return fail('counter_regressed');
    this.noteUse(stored.id, assertion, now());
    return ok(null);
  }

  /** Adds a verified passkey to a signed-in account, with the holder's fresh assertion (`protect_passkeys`); announced. */
  async addPasskey(
    credential: NewCredential,
    context: RequestContext,
    name: string | undefined,
    proofId: string,
  ): Promise<Result<PasskeyView, 'no_account' | 'duplicate' | 'invalid' | 'no_proof' | 'account_locked'>> {
    const account = profileView(this.#storage.sql);
    if (!account) return fail('no_account');
    if (!validCredential(credential) || (name !== undefined && !isStoredText(name, textLimits.passkeyName)))
      return fail('invalid');
    if (this.credential(credential.id)) return fail('duplicate');
    const proof = await this.#proofs.passkey('passkey_added', proofId, 'protect_passkeys');
    if (!proof.ok) {
      if (proof.reason === 'no_proof')
        this.#audit.append('effect_refused', { effect: 'passkey_added', reason: 'no_fresh_assertion', ...context });
      return fail(proof.reason);
    }
    if (this.credential(credential.id)) return fail('duplicate');
    this.#storage.transactionSync(() => this.insert(credential, context, name));
    await this.#announcements.protectionChanged('passkey_added');
    return ok(this.passkeys().find((p) => p.id === credential.id) as PasskeyView);
  }

  /** Removes a passkey, never the last one; its sessions end with it. Fresh assertion (`protect_passkeys`); announced. */
  async removePasskey(
    credentialId: string,
    context: RequestContext,
    proofId: string,
  ): Promise<Result<null, 'not_found' | 'last_passkey' | 'no_proof' | 'account_locked'>> {
    const account = profileView(this.#storage.sql);
    const exists = this.credential(String(credentialId));
    if (!account || !exists) return fail('not_found');
    if (this.#count() <= 1) return fail('last_passkey');
    const proof = await this.#proofs.passkey('passkey_removed', proofId, 'protect_passkeys');
    if (!proof.ok) {
      if (proof.reason === 'no_proof')
        this.#audit.append('effect_refused', { effect: 'passkey_removed', reason: 'no_fresh_assertion', ...context });
      return fail(proof.reason);
    }
    const removed = this.#storage.transactionSync(() => {
      // Checked again after the await: two removals at once cannot take the last passkey.
      if (!this.credential(exists.id) || this.#count() <= 1) return false;
      this.#storage.sql.exec('DELETE FROM passkeys WHERE credential_id = ?', exists.id);
      this.#storage.sql.exec('DELETE FROM sessions WHERE credential_id = ?', exists.id);
      this.#audit.append('passkey_removed', { credential: exists.id, ...context });
      return true;
    });
    if (!removed) return fail('last_passkey');
    await this.#announcements.protectionChanged('passkey_removed');
    return ok(null);
  }

  /** Inserts a checked credential (inside the caller's transaction) and logs it. */
  insert(credential: NewCredential, context: RequestContext, name?: string): void {
    const label = name?.trim() || defaultPasskeyName(credential.deviceType, this.#count() + 1);
    this.#storage.sql.exec(
      'INSERT INTO passkeys (credential_id, public_key, counter, transports, device_type, backed_up, name, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)',
      credential.id,
      new Uint8Array(credential.publicKey),
      credential.counter,
      JSON.stringify(credential.transports.slice(0, 8)),
      credential.deviceType,
      credential.backedUp ? 1 : 0,
      label.slice(0, 64),
      now(),
    );
    this.#audit.append('passkey_added', {
      credential: credential.id,
      name: label,
      backedUp: credential.backedUp,
      ...context,
    });
  }

  #count(): number {
    return this.#storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM passkeys').one().n;
  }
}
