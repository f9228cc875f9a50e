/**
 * A fresh passkey assertion by the signed-in person, bound to one purpose (changing trusted
 * contacts, approving a contact's recovery): options first, then the check. The challenge is held
 * by a PasskeyChallenge object, single use, for this account only.
 */
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Context } from 'hono';
import { authenticationOptions, verifyAssertion } from '../core/passkeys.ts';
import type { CeremonyPurpose, PendingCeremony } from '../objects/passkey-challenge.ts';
import type { AppEnv } from './context.ts';
import { errorResponse } from './errors.ts';
import { ceremonyById } from './stubs.ts';

const accountOf = (c: Context<AppEnv>) => c.env.ACCOUNT.get(c.env.ACCOUNT.idFromString(c.var.account.id));

/** Opens a ceremony for the signed-in account's own passkeys. */
export async function openAssertion(c: Context<AppEnv>, purpose: CeremonyPurpose, recoveryId: string | null = null) {
  const options = await authenticationOptions(c.var.settings, await accountOf(c).credentials());
  const ceremonyId = c.env.PASSKEY_CHALLENGE.newUniqueId();
  await c.env.PASSKEY_CHALLENGE.get(ceremonyId).open(
    { purpose, challenge: options.challenge, accountId: c.var.account.id, registration: null, role: null, recoveryId },
    c.var.settings.passkeyChallengeTtlMs,
  );
  return { ceremonyId: ceremonyId.toString(), options };
}

/** Checks the assertion; the counter moves on as at sign-in. Answers the error to send, or the ceremony. */
export async function checkAssertion(
  c: Context<AppEnv>,
  purpose: CeremonyPurpose,
  ceremonyId: string,
  credential: { id: string },
): Promise<{ ok: true; ceremony: PendingCeremony } | { ok: false; response: Response }> {
  const ceremony = await ceremonyById(c.env, ceremonyId)?.consume(purpose);
  if (!ceremony?.ok || ceremony.value.accountId !== c.var.account.id)
    return { ok: false, response: errorResponse(c, 'ceremony_invalid') };
  const account = accountOf(c);
  const stored = await account.credential(credential.id);
  const rejected = { ok: false as const, response: errorResponse(c, 'passkey_rejected') };
  if (!stored) return rejected;
  const verified = await verifyAssertion(
    c.var.settings,
    credential as AuthenticationResponseJSON,
    ceremony.value.challenge,
    stored,
  );
  if (!verified.ok) return rejected;
  const counted = await account.recordAssertion({
    credentialId: stored.id,
    newCounter: verified.value.newCounter,
    backedUp: verified.value.backedUp,
  });
  return counted.ok ? { ok: true, ceremony: ceremony.value } : rejected;
}
