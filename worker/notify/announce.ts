/**
 * The one way a change to how an account is protected is announced (DESIGN.md): on every device
 * (the account's live sockets and Web Push; the audit log holds the security event) and by SMS to
 * the verified phone. Every such announcement goes through `announceProtectionChange`; its SMS goes
 * through the messenger (guard, caps, audit) like every other message.
 */

import { type ProtectionChange, protectionChangeText } from '../../shared/protection.ts';
import type { PushPayload } from '../../shared/push.ts';
import { now } from '../core/clock.ts';
import type { EventCause } from '../core/event-cause.ts';
import { log } from '../core/log.ts';
import { maskOf } from '../core/otp-destinations.ts';
import type { Env } from '../env.ts';
import { sendMessage } from '../messenger/messenger.ts';
import type { PushOptions } from './web-push.ts';

/** The devices of one account: what the Account object offers the announcement. */
export interface AccountDevices {
  /** The account whose devices these are (its audit log records the SMS). */
  accountId: string;
  pushToDevices(payload: PushPayload, cause: EventCause, options?: PushOptions): Promise<unknown>;
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
  cause: EventCause,
): Promise<void> {
  try {
    await devices.tellLiveSockets(JSON.stringify({ type: 'security', change, at: now() }));
    await devices.pushToDevices(
      {
        type: 'security',
        title: 'Your account security changed',
        body: `${protectionChangeText[change]} If this was not you, check your account now.`,
      },
      cause,
      { ttlSeconds: 86_400, urgency: 'high' },
    );
  } catch (error) {
    log('warn', 'announcement_not_pushed', { change, error: String(error) });
  }
  if (!phone) return;
  const sent = await sendMessage(env, {
    channel: 'sms',
    to: phone,
    masked: maskOf(phone),
    message: { kind: 'announcement', change },
    accountId: devices.accountId,
    budget: [`notices:${devices.accountId}`],
    // The account's own notice: a client's cap must not keep a change from being told.
    client: { ip: null, apiKey: null },
    cause,
  });
  if (!sent.ok) log('warn', 'announcement_not_sent', { change, reason: sent.reason });
}
