/**
 * The choice of delivery provider by the `DELIVERY` var (the interface every message goes out
 * through is in types.ts, which the adapters import: no import cycle).
 */

import { log } from '../core/log.ts';
import type { Outbox } from '../objects/outbox.ts';
import { type EmailVars, emailFromEnv } from './email.ts';
import { outboxAllowed, outboxProvider } from './outbox.ts';
import { type TwilioVars, twilioFromEnv } from './twilio.ts';
import { type DeliveryProvider, notSent } from './types.ts';

export interface DeliveryVars extends TwilioVars, EmailVars {
  /** `outbox` (the dev default in wrangler.toml) or `twilio` (SMS and voice; e-mail by the e-mail adapter). */
  DELIVERY?: string;
  ORIGIN?: string;
  OUTBOX: DurableObjectNamespace<Outbox>;
}

/**
 * The provider `DELIVERY` names, or null when it names none or its settings are missing (the caller
 * answers `not_configured`). Unset is not the outbox: a deployment must choose, so that the dev
 * outbox, which shows every message to anyone, never runs by accident.
 */
export function providerFromEnv(env: DeliveryVars, bankName?: string): DeliveryProvider | null {
  if (env.DELIVERY === 'outbox') {
    if (outboxAllowed(env)) return outboxProvider(env.OUTBOX);
    log('error', 'delivery_off', { reason: 'the dev outbox runs only on a localhost ORIGIN', origin: env.ORIGIN });
    return null;
  }
  if (env.DELIVERY !== 'twilio') {
    log('error', 'delivery_off', {
      reason: 'DELIVERY is neither outbox nor twilio',
      delivery: env.DELIVERY ?? 'unset',
    });
    return null;
  }
  const phone = twilioFromEnv(env);
  if (!phone) {
    log('error', 'delivery_off', {
      reason: 'TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM (or a messaging service) are needed',
    });
    return null;
  }
  const email = emailFromEnv(env, bankName);
  return {
    send: (channel, to, text) =>
      channel !== 'email'
        ? phone.send(channel, to, text)
        : (email?.send(channel, to, text) ?? Promise.resolve(notSent('rejected', 'e-mail delivery is not configured'))),
  };
}
