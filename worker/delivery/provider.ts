/**
 * Message delivery: the one narrow interface every one-time code goes out through (DESIGN.md,
 * "Message delivery"), and the choice of provider by the `DELIVERY` var.
 */
import type { Result } from '../core/result.ts';
import type { Outbox } from '../objects/outbox.ts';
import { type EmailVars, emailFromEnv } from './email.ts';
import { outboxAllowed, outboxProvider } from './outbox.ts';
import { type TwilioVars, twilioFromEnv } from './twilio.ts';

export type Channel = 'sms' | 'call' | 'email';

/** 'rejected': this message will never go (bad number, bad credentials); 'unavailable': try later or another channel. */
export type DeliveryFailure = 'rejected' | 'rate_limited' | 'unavailable';

/** A `Result`, with the provider's own words on a failure: for the log, never for the user. */
export type Delivery = Result<{ id: string }, DeliveryFailure> & { message?: string };

export interface DeliveryProvider {
  /** Sends `text` to `to` (E.164 for sms and call, an address for email); never throws. */
  send(channel: Channel, to: string, text: string): Promise<Delivery>;
}

export interface DeliveryVars extends TwilioVars, EmailVars {
  /** `outbox` (the dev default in wrangler.toml) or `twilio` (SMS and voice; e-mail by the e-mail adapter). */
  DELIVERY?: string;
  ORIGIN?: string;
  OUTBOX: DurableObjectNamespace<Outbox>;
}

/** A failure without a provider's answer (a channel or a setting missing). */
export const notSent = (reason: DeliveryFailure, message: string): Delivery => ({ ok: false, reason, message });

/**
 * The provider `DELIVERY` names, or null when it names none or its settings are missing (the caller
 * answers `not_configured`). Unset is not the outbox: a deployment must choose, so that the dev
 * outbox, which shows every message to anyone, never runs by accident.
 */
export function providerFromEnv(env: DeliveryVars): DeliveryProvider | null {
  if (env.DELIVERY === 'outbox') {
    if (outboxAllowed(env)) return outboxProvider(env.OUTBOX);
    console.error(`delivery: the dev outbox runs only on a localhost ORIGIN, not ${env.ORIGIN}; nothing can be sent`);
    return null;
  }
  if (env.DELIVERY !== 'twilio') {
    console.error(`delivery: DELIVERY is ${env.DELIVERY ?? 'unset'}, not outbox or twilio; nothing can be sent`);
    return null;
  }
  const phone = twilioFromEnv(env);
  if (!phone) {
    console.error(
      'delivery: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM (or a messaging service) are needed',
    );
    return null;
  }
  const email = emailFromEnv(env);
  return {
    send: (channel, to, text) =>
      channel !== 'email'
        ? phone.send(channel, to, text)
        : (email?.send(channel, to, text) ?? Promise.resolve(notSent('rejected', 'e-mail delivery is not configured'))),
  };
}
