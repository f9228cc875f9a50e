/**
 * The Account's own checks of authority (DESIGN.md: every effect carries its proof). Before an
 * effect is applied, the Account asks the ceremony object that approved it, by id, whether it
 * approved exactly this effect for this account; that approval is used up there, once. Whoever
 * calls the Account (a route, another object, a test), an effect without its proof is refused.
 */
import type { Transaction } from '../../../shared/payee.ts';
import type { EventCause } from '../../core/event-cause.ts';
import type { OtpPurpose } from '../../core/otp-rules.ts';
import type { Env } from '../../env.ts';
import type { CeremonyPurpose, PendingCeremony } from '../passkey-challenge.ts';
import { fromString } from '../stubs.ts';

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
  cause: EventCause,
): Promise<boolean> {
  const stub = fromString(env.RECOVERY, recoveryId);
  return stub ? await stub.confirmCompletion(accountId, credentialId, cause) : false;
}
