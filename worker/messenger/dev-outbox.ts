/**
 * Reading the dev outbox (`GET /api/dev/outbox`): the messenger's side of the outbox provider, so that
 * no code outside worker/messenger and worker/delivery imports a provider module. Reading only.
 */
import { outboxAllowed, outboxStub } from '../delivery/outbox.ts';
import type { Env } from '../env.ts';
import type { OutboxMessage } from '../objects/outbox.ts';

export interface DevOutbox {
  /** The messages to `to` (exactly), or all of them, newest first. */
  list(to?: string): Promise<OutboxMessage[]>;
}

/** The dev outbox, or null unless DELIVERY is `outbox` on a localhost ORIGIN. */
export function devOutbox(env: Env): DevOutbox | null {
  if (!outboxAllowed(env)) return null;
  const stub = outboxStub(env.OUTBOX);
  return { list: (to) => stub.list(to) };
}
