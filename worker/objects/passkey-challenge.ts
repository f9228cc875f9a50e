/**
 * PasskeyChallenge: one Durable Object per passkey ceremony (registration, sign-in, adding a
 * passkey), created with `newUniqueId()`. Holds the challenge server-side; `consume` hands it out
 * once and forgets it; an alarm deletes it at expiry (at most 5 minutes, DESIGN.md).
 *
 * A fresh assertion (`assert`) is verified here, by this object, against the account's own passkey;
 * it then stands as an approval that the Account asks for (`consumeApproval`) when it applies the
 * change the assertion was for (DESIGN.md: every effect carries its proof). Used once.
 */

import { DurableObject } from 'cloudflare:workers';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Role } from '../../shared/api.ts';
import type { Transaction } from '../../shared/payee.ts';
import { now } from '../core/clock.ts';
import { readSettings } from '../core/config.ts';
import { verifyAssertion } from '../core/passkeys.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { Env } from '../env.ts';
import { type Migration, migrate } from './schema-migrations.ts';
import { accountOf } from './stubs.ts';

export type CeremonyPurpose =
  | 'register'
  | 'sign_in'
  | 'add_passkey'
  | 'payment'
  | 'contacts'
  | 'recover'
  | 'recovery_approval'
  /** Fresh assertions before a change of how the account is protected. */
  | 'protect_passkeys'
  | 'protect_contact'
  | 'protect_settings'
  /** Fresh assertions of staff: an admin invite or an API key, disabling or enabling staff, a webhook endpoint. */
  | 'staff_invite'
  | 'staff_api_key'
  | 'staff_access'
  | 'staff_webhook';

/** What a ceremony remembers between its options and its verification. */
export interface PendingCeremony {
  purpose: CeremonyPurpose;
  challenge: string;
  /** The account being created (register) or extended (add_passkey); null for sign-in. */
  accountId: string | null;
  registration: {
    handle: string;
    displayName: string;
    phone: string | null;
    /** The Invite object name (`bootstrap` or `invite:<sha256>`), never the code itself. */
    inviteKey: string | null;
  } | null;
  role: Role | null;
  /** A payment approved by passkey: the challenge is derived from this nonce and transaction. */
  payment?: { nonce: string; transaction: Transaction } | null;
  /** The recovery a new device's passkey (recover) or a contact's approval (recovery_approval) is for. */
  recoveryId?: string | null;
  /** A registration that needs a fresh assertion first (adding a passkey): that assertion's ceremony. */
  proofId?: string | null;
}

const schema = `CREATE TABLE IF NOT EXISTS ceremony (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS approval (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL, credential_id TEXT NOT NULL, expires_at INTEGER NOT NULL);`;
/** PasskeyChallenge's schema versions (schema-migrations.ts); version 1 is the schema before migrations. */
const migrations: readonly Migration[] = [{ version: 1, name: 'initial', up: schema }];
const maxTtlMs = 5 * 60_000;
const purposes = new Set<CeremonyPurpose>([
  'register',
  'sign_in',
  'add_passkey',
  'payment',
  'contacts',
  'recover',
  'recovery_approval',
  'protect_passkeys',
  'protect_contact',
  'protect_settings',
  'staff_invite',
  'staff_api_key',
  'staff_access',
  'staff_webhook',
]);

const hex64 = /^[0-9a-f]{64}$/;

export class PasskeyChallenge extends DurableObject<Env> {
  #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    migrate(ctx.storage, 'PasskeyChallenge', migrations);
  }

  /** Stores the ceremony; it can be opened once and lives at most 5 minutes. */
  async open(ceremony: PendingCeremony, ttlMs: number): Promise<Result<null, 'invalid' | 'exists'>> {
    if (!purposes.has(ceremony?.purpose) || typeof ceremony.challenge !== 'string' || ceremony.challenge.length < 16) {
      return fail('invalid');
    }
    const exists = this.#sql.exec('SELECT 1 FROM ceremony').toArray().length > 0;
    if (exists) return fail('exists');
    const expiresAt = now() + Math.min(maxTtlMs, Math.max(1_000, Number(ttlMs) || maxTtlMs));
    this.#sql.exec('INSERT INTO ceremony (id, body, expires_at) VALUES (1, ?, ?)', JSON.stringify(ceremony), expiresAt);
    await this.ctx.storage.setAlarm(expiresAt);
    return ok(null);
  }

  /** Hands out the ceremony once, if it is for this purpose and has not expired. */
  consume(purpose: CeremonyPurpose): Result<PendingCeremony, 'invalid'> {
    // Read and delete with no await in between: two concurrent verifications cannot both get it.
    const row = this.#sql
      .exec<{ body: string; expires_at: number }>('SELECT body, expires_at FROM ceremony')
      .toArray()[0];
    if (!row) return fail('invalid');
    const ceremony = JSON.parse(row.body) as PendingCeremony;
    if (ceremony.purpose !== purpose) return fail('invalid');
    this.#sql.exec('DELETE FROM ceremony');
    if (now() >= row.expires_at) return fail('invalid');
    return ok(ceremony);
  }

  /**
   * Verifies a fresh assertion of the account's own passkey for this ceremony: taken out of storage
   * before the first await (two concurrent tries cannot both pass), the counter moves on at the
   * account as at sign-in, and on success the approval stays here, once, until it expires.
   */
  async assert(
    purpose: CeremonyPurpose,
    accountId: string,
    credential: AuthenticationResponseJSON,
  ): Promise<Result<PendingCeremony, 'invalid' | 'rejected'>> {
    if (typeof accountId !== 'string' || !hex64.test(accountId) || typeof credential?.id !== 'string') {
      return fail('invalid');
    }
    const row = this.#sql
      .exec<{ body: string; expires_at: number }>('SELECT body, expires_at FROM ceremony')
      .toArray()[0];
    const ceremony = row ? (JSON.parse(row.body) as PendingCeremony) : null;
    if (!row || ceremony?.purpose !== purpose || ceremony.accountId !== accountId) return fail('invalid');
    this.#sql.exec('DELETE FROM ceremony');
    if (now() >= row.expires_at) return fail('invalid');
    const account = accountOf(this.env, accountId);
    const stored = await account.credential(credential.id);
    if (!stored) return fail('rejected');
    const verified = await verifyAssertion(readSettings(this.env), credential, ceremony.challenge, stored);
    if (!verified.ok) return fail('rejected');
    const counted = await account.recordAssertion({
      credentialId: stored.id,
      newCounter: verified.value.newCounter,
      backedUp: verified.value.backedUp,
    });
    if (!counted.ok) return fail('rejected');
    this.#sql.exec(
      'INSERT INTO approval (id, body, credential_id, expires_at) VALUES (1, ?, ?, ?)',
      row.body,
      stored.id,
      row.expires_at,
    );
    return ok(ceremony);
  }

  /**
   * The Account asks, when it applies a change: did a fresh assertion of this account, for this
   * purpose, pass here? True once (the approval is used up), never after expiry.
   */
  consumeApproval(accountId: string, purpose: CeremonyPurpose): PendingCeremony | null {
    const row = this.#sql
      .exec<{ body: string; expires_at: number }>('SELECT body, expires_at FROM approval')
      .toArray()[0];
    if (!row) return null;
    const ceremony = JSON.parse(row.body) as PendingCeremony;
    if (ceremony.purpose !== purpose || ceremony.accountId !== accountId || typeof accountId !== 'string') return null;
    this.#sql.exec('DELETE FROM approval');
    return now() < row.expires_at ? ceremony : null;
  }

  /** Expiry: forget everything. */
  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
    // This instance may still be asked (an old link, a reuse): keep answering "invalid", not 500.
    migrate(this.ctx.storage, 'PasskeyChallenge', migrations);
  }
}
