/**
 * The CallVerification object's inputs and the customer's passkey step: the options bound to the
 * call, and the check of the assertion over its challenge with the customer's own passkey.
 */
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { CallRecord } from '../core/call-rules.ts';
import { now } from '../core/clock.ts';
import { readSettings } from '../core/config.ts';
import { authenticationOptions, verifyAssertion } from '../core/passkeys.ts';
import type { Env } from '../env.ts';
import { accountOf } from './stubs.ts';

export interface CallStart {
  agent: { id: string; displayName: string; team: string | null };
  customer: { id: string; displayName: string; handle: string };
}

/** Assertion options as plain JSON (the library's type does not cross an RPC boundary intact). */
export interface AssertionOptions {
  challenge: string;
  rpId?: string;
  timeout?: number;
  userVerification?: 'required' | 'preferred' | 'discouraged';
  allowCredentials?: { id: string; type: 'public-key'; transports?: string[] }[];
}

export type CallFailure = 'not_found' | 'wrong_state' | 'not_configured' | 'invalid';

/** Passkey options for the customer's own passkeys, and when their challenge stops working. */
export async function assertionOptions(
  env: Env,
  call: CallRecord,
): Promise<{ options: AssertionOptions; challenge: string; expiresAt: number }> {
  const settings = readSettings(env);
  const credentials = await accountOf(env, call.customerId).credentials();
  const options = await authenticationOptions(settings, credentials);
  const expiresAt = Math.min(now() + settings.passkeyChallengeTtlMs, call.expiresAt);
  return { options: options as AssertionOptions, challenge: options.challenge, expiresAt };
}

/** Whether the assertion is the customer's, over `challenge`; its counter is then recorded. */
export async function checkAssertion(
  env: Env,
  call: CallRecord,
  response: AuthenticationResponseJSON,
  challenge: string,
): Promise<boolean> {
  const account = accountOf(env, call.customerId);
  const stored = await account.credential(String(response?.id));
  if (!stored) return false;
  const verified = await verifyAssertion(readSettings(env), response, challenge, stored);
  if (!verified.ok) return false;
  const { newCounter, backedUp } = verified.value;
  const recorded = await account.recordAssertion({ credentialId: stored.id, newCounter, backedUp });
  return recorded.ok;
}
