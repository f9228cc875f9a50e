/**
 * The one way a change to how an account is protected is announced (DESIGN.md): on every device
 * (the account's live sockets and Web Push; the audit log holds the security event) and by SMS to
 * the verified phone. Every such announcement goes through `announceProtectionChange`, so the
 * messenger can be put behind it in one place.
 */

import { type ProtectionChange, protectionChangeSms, protectionChangeText } from '../../shared/protection.ts';
import type { PushPayload } from '../../shared/push.ts';
import { now } from '../core/clock.ts';
import { providerFromEnv } from '../delivery/provider.ts';
import type { Env } from '../env.ts';
import type { PushOptions } from './web-push.ts';

/** The devices of one account: what the Account object offers the announcement. */
export interface AccountDevices {
  pushToDevices(payload: PushPayload, options?: PushOptions): Promise<unknown>;
  /** Sends a message to the account's open apps (live sockets). */
  tellLiveSockets(message: string): void | Promise<void>;
}

/**
 * Announces `change` on every device of the account and by SMS to `phone` (the phone verified
 * before the change: the one an attacker cannot have swapped). Failures are logged, never thrown:
 * the change stands.
 */
export async function announceProtectionChange(
  env: Env,
  devices: AccountDevices,
  change: ProtectionChange,
  phone: string | null,
): Promise<void> {
  try {
    await devices.tellLiveSockets(JSON.stringify({ type: 'security', change, at: now() }));
    await devices.pushToDevices(
      {
        type: 'security',
        title: 'Your account security changed',
        body: `${protectionChangeText[change]} If this was not you, check your account now.`,
      },
      { ttlSeconds: 86_400, urgency: 'high' },
    );
  } catch (error) {
    console.error('announce: the devices were not told', change, error);
  }
  if (!phone) return;
  const sent = await providerFromEnv(env)
    ?.send('sms', phone, protectionChangeSms(change))
    .catch(() => null);
  if (!sent?.ok) console.error('announce: the SMS announcement was not delivered', change);
}
