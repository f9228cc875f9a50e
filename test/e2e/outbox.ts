/**
 * The dev outbox (`DELIVERY=outbox`), read from Node as the customer's phone would read its
 * messages: `GET /api/dev/outbox?to=…`, newest first.
 */
import { expect } from 'vitest';

export interface OutboxMessage {
  id: string;
  channel: string;
  to: string;
  text: string;
  at: number;
}

/** Every message sent to `to` (exactly as stored: E.164 or e-mail), newest first. */
export async function outboxFor(origin: string, to: string): Promise<OutboxMessage[]> {
  const response = await fetch(`${origin}/api/dev/outbox?to=${encodeURIComponent(to)}`, {
    signal: AbortSignal.timeout(10_000),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { messages: OutboxMessage[] }).messages;
}

/**
 * Waits for a message to `to` that is not among `seen` (ids), and answers it with its code: the
 * message as the phone shows it, and the six digits in it.
 */
export async function nextCode(
  origin: string,
  to: string,
  seen: readonly OutboxMessage[] = [],
): Promise<{ message: OutboxMessage; code: string }> {
  const known = new Set(seen.map((m) => m.id));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const fresh = (await outboxFor(origin, to)).find((m) => !known.has(m.id));
    const code = /\b(\d{6})\b/.exec(fresh?.text ?? '')?.[1];
    if (fresh && code) return { message: fresh, code };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no new code was sent to ${to}`);
}
