/**
 * The Account's own checks of authority (DESIGN.md: every effect carries its proof). Before an
 * effect is applied, the Account asks the ceremony object that approved it, by id, whether it
 * approved exactly this effect for this account; that approval is used up there, once. Whoever
 * calls the Account (a route, another object, a test), an effect without its proof is refused.
 */
import type { Transaction } from '../../../shared/payee.ts';
import type { OtpPurpose } from '../../core/otp-rules.ts';
import type { Env } from '../../env.ts';
import type { CeremonyPurpose, PendingCeremony } from '../passkey-challenge.ts';
import { fromString } from '../stubs.ts';
import type { AccountLock, LockedEffect } from './lock.ts';

/** A passkey assertion verified by the PasskeyChallenge `ceremonyId` for this account and purpose, used up. */
export async function passkeyApproval(
  env: Env,
  accountId: string,
  ceremonyId: unknown,
  purpose: CeremonyPurpose,
): Promise<PendingCeremony | null> {
  const stub = fromString(env.PASSKEY_CHALLENGE, ceremonyId);
  return stub ? ((await stub.consumeApproval(accountId, purpose)) as PendingCeremony | null) : null;
}

/** What an approved code of Verification `verificationId` approves for this account (once), or null. */
export async function verificationEffect(
  env: Env,
  accountId: string,
  verificationId: unknown,
  purpose: OtpPurpose,
): Promise<{ destination: string | null; transaction: Transaction | null } | null> {
  const stub = fromString(env.VERIFICATION, verificationId);
  return stub
    ? ((await stub.claimEffect(accountId, purpose)) as {
        destination: string | null;
        transaction: Transaction | null;
      } | null)
    : null;
}

/** Whether Recovery `recoveryId` of this account approves finishing with this new passkey (once). */
export async function recoveryCompletion(
  env: Env,
  accountId: string,
  recoveryId: unknown,
  credentialId: string,
): Promise<boolean> {
  const stub = fromString(env.RECOVERY, recoveryId);
  return stub ? await stub.confirmCompletion(accountId, credentialId) : false;
}

/** A proof asked through the Account's lock: what the ceremony approved, or why there is none. */
export type Proof<T> = { ok: true; value: T } | { ok: false; reason: 'account_locked' | 'no_proof' };

/**
 * The one way the parts of an Account ask for an effect's proof (test/worker/lock.test.ts checks
 * that no other file of `account/` asks a ceremony). Each ask goes through the lock's one check
 * (`AccountLock.refuses`) before the ceremony is asked (so a locked account uses up nothing) and
 * again when its answer comes back (the lock may have come in during the await); the caller
 * writes right after, without another await. So no effect is applied while the account is locked,
 * whatever path applies it.
 */
export class AccountProofs {
  readonly #env: () => Env;
  readonly #accountId: string;
  readonly #lock: AccountLock;

  constructor(env: () => Env, accountId: string, lock: AccountLock) {
    this.#env = env;
    this.#accountId = accountId;
    this.#lock = lock;
  }

  /** A fresh passkey assertion for `purpose` (PasskeyChallenge `ceremonyId`), used up. */
  passkey(effect: LockedEffect, ceremonyId: unknown, purpose: CeremonyPurpose): Promise<Proof<PendingCeremony>> {
    return this.#ask(effect, () => passkeyApproval(this.#env(), this.#accountId, ceremonyId, purpose));
  }

  /** What an approved code of Verification `verificationId` approves for `purpose`, once. */
  verification(effect: LockedEffect, verificationId: unknown, purpose: OtpPurpose) {
    return this.#ask(effect, () => verificationEffect(this.#env(), this.#accountId, verificationId, purpose));
  }

  /** Whether Recovery `recoveryId` approves finishing with this new passkey, once. */
  recovery(recoveryId: unknown, credentialId: string): Promise<Proof<true>> {
    return this.#ask('recovery_completed', async () =>
      (await recoveryCompletion(this.#env(), this.#accountId, recoveryId, credentialId)) ? (true as const) : null,
    );
  }

  /** Whether the step-up code of Verification `verificationId` was approved for `owner`, used up. */
  stepUp(verificationId: string, owner: string): Promise<Proof<true>> {
    return this.#ask('step_up_completed', async () => {
      const stub = fromString(this.#env().VERIFICATION, verificationId);
      return stub && (await stub.consumeApproval(owner)) ? (true as const) : null;
    });
  }

  async #ask<T>(effect: LockedEffect, ask: () => Promise<T | null>): Promise<Proof<T>> {
    if (this.#lock.refuses(effect)) return { ok: false, reason: 'account_locked' };
    const value = await ask();
    if (value === null) return { ok: false, reason: 'no_proof' };
    if (this.#lock.refuses(effect)) return { ok: false, reason: 'account_locked' };
    return { ok: true, value };
  }
}
