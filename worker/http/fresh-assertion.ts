/**
 * A fresh passkey assertion by the signed-in person, bound to one purpose (changing trusted
 * contacts or how the account is protected, approving a contact's recovery, staff changes): options
 * first, then the check. The challenge is held by a PasskeyChallenge object, single use, for this
 * account only; that object verifies the assertion itself and keeps the approval for the Account
 * to use up when it applies the change (the route's check is never the only one).
 */
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Context } from 'hono';
import { authenticationOptions } from '../core/passkeys.ts';
import type { CeremonyPurpose, PendingCeremony } from '../objects/passkey-challenge.ts';
import type { AppEnv } from './context.ts';
import { errorResponse } from './errors.ts';
import { ceremonyById, signedInAccount } from './stubs.ts';

/** Opens a ceremony for the signed-in account's own passkeys. */
export async function openAssertion(c: Context<AppEnv>, purpose: CeremonyPurpose, recoveryId: string | null = null) {
  const options = await authenticationOptions(c.var.settings, await signedInAccount(c).credentials());
  const ceremonyId = c.env.PASSKEY_CHALLENGE.newUniqueId();
  await c.env.PASSKEY_CHALLENGE.get(ceremonyId).open(
    { purpose, challenge: options.challenge, accountId: c.var.account.id, registration: null, role: null, recoveryId },
    c.var.settings.passkeyChallengeTtlMs,
  );
  return { ceremonyId: ceremonyId.toString(), options };
}

/**
 * Checks the assertion (in the PasskeyChallenge object; the counter moves on as at sign-in).
 * Answers the error to send, or the ceremony; its approval then waits in that object, once.
 */
export async function checkAssertion(
  c: Context<AppEnv>,
  purpose: CeremonyPurpose,
  ceremonyId: string,
  credential: { id: string },
): Promise<{ ok: true; ceremony: PendingCeremony } | { ok: false; response: ReturnType<typeof errorResponse> }> {
  const stub = ceremonyById(c.env, ceremonyId);
  const asserted = await stub?.assert(purpose, c.var.account.id, credential as AuthenticationResponseJSON);
  if (!asserted) return { ok: false, response: errorResponse(c, 'ceremony_invalid') };
  if (!asserted.ok)
    return {
      ok: false,
      response: errorResponse(c, asserted.reason === 'invalid' ? 'ceremony_invalid' : 'passkey_rejected'),
    };
  return { ok: true, ceremony: asserted.value };
}
