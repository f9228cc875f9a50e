/** The dev outbox as a provider: every message is stored in the Outbox object, nothing leaves. */
import { isDevOrigin } from '../core/config.ts';
import type { Outbox } from '../objects/outbox.ts';
import type { DeliveryProvider } from './types.ts';

/** The one Outbox object (dev only, so one object is never hot). */
/**
 * The outbox shows every message to anyone who asks, so it runs only when DELIVERY says so AND the
 * app's origin is this machine: a production deploy that kept the dev vars sends nothing instead.
 */
export function outboxAllowed(env: { DELIVERY?: string; ORIGIN?: string }): boolean {
  return env.DELIVERY === 'outbox' && isDevOrigin(env.ORIGIN);
}

export const outboxStub = (ns: DurableObjectNamespace<Outbox>) => ns.get(ns.idFromName('outbox'));

export const outboxProvider = (ns: DurableObjectNamespace<Outbox>): DeliveryProvider => ({
  send: (channel, to, text) => outboxStub(ns).store(channel, to, text),
});
