/** The dev outbox as a provider: every message is stored in the Outbox object, nothing leaves. */
import type { Outbox } from '../objects/outbox';
import type { DeliveryProvider } from './provider';

/** The one Outbox object (dev only, so one object is never hot). */
/**
 * The outbox shows every message to anyone who asks, so it runs only when DELIVERY says so AND the
 * app's origin is this machine: a production deploy that kept the dev vars sends nothing instead.
 */
export function outboxAllowed(env: { DELIVERY?: string; ORIGIN?: string }): boolean {
  if (env.DELIVERY !== 'outbox') return false;
  try {
    const host = new URL(env.ORIGIN ?? 'http://localhost:8787').hostname;
    return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  } catch {
    return false;
  }
}

export const outboxStub = (ns: DurableObjectNamespace<Outbox>) => ns.get(ns.idFromName('outbox'));

export const outboxProvider = (ns: DurableObjectNamespace<Outbox>): DeliveryProvider => ({
  send: (channel, to, text) => outboxStub(ns).store(channel, to, text),
});
