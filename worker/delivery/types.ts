/**
 * Message delivery: the one narrow interface every message goes out through (DESIGN.md, "Message
 * delivery"). The adapters (twilio.ts, email.ts, outbox.ts) implement it; provider.ts chooses one.
 */
import type { Result } from '../core/result.ts';

export type Channel = 'sms' | 'call' | 'email';

/** 'rejected': this message will never go (bad number, bad credentials); 'unavailable': try later or another channel. */
export type DeliveryFailure = 'rejected' | 'rate_limited' | 'unavailable';

/** A `Result`, with the provider's own words on a failure: for the log, never for the user. */
export type Delivery = Result<{ id: string }, DeliveryFailure> & { message?: string };

export interface DeliveryProvider {
  /** Sends `text` to `to` (E.164 for sms and call, an address for email); never throws. */
  send(channel: Channel, to: string, text: string): Promise<Delivery>;
}

/** A failure without a provider's answer (a channel or a setting missing). */
export const notSent = (reason: DeliveryFailure, message: string): Delivery => ({ ok: false, reason, message });
