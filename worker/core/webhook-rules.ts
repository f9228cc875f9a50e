/**
 * Pure rules of webhook delivery: where the worker may POST, when it tries again, and
 * which outbox shard holds a ceremony's events. No binding: unit-tested beside it.
 */
import { maxWebhookUrlLength } from '../../shared/webhooks.ts';
import { isDevOrigin } from './config.ts';

/** Deliveries are spread over this many WebhookOutbox objects (`webhooks:0` … `webhooks:15`). */
export const webhookShardCount = 16;

/**
 * The waits after each failed attempt: 30 s, 2 min, 10 min, 1 h, 6 h, 24 h. Seven attempts over
 * about 31 hours; after the last the delivery is `failed`.
 */
export const retryDelaysMs = [30_000, 120_000, 600_000, 3_600_000, 21_600_000, 86_400_000] as const;

/** How long one attempt may take before it counts as failed, by default. */
export const deliveryTimeoutMs = 10_000;

/**
 * The attempt timeout from `WEBHOOK_TIMEOUT_SECONDS`: 0.05 to 30 seconds (a receiver that holds an
 * attempt longer holds its shard's other deliveries to it as long); unset or out of range, 10 s.
 */
export function deliveryTimeoutOf(seconds: string | undefined): number {
  const ms = Math.round(Number(seconds) * 1000);
  return seconds !== undefined && seconds.trim() !== '' && ms >= 50 && ms <= 30_000 ? ms : deliveryTimeoutMs;
}

/** When to try again after `attempts` failed attempts; null when the delivery has failed for good. */
export function nextAttemptAfter(attempts: number, at: number): number | null {
  const wait = retryDelaysMs[attempts - 1];
  return wait === undefined ? null : at + wait;
}

/**
 * Where webhooks may go: https on the default port or any, no user name or password in the URL, no
 * fragment; plain http only to localhost, and only when the app itself runs on localhost (dev, tests).
 */
export function webhookUrlAllowed(value: string, origin: string | undefined): boolean {
  if (typeof value !== 'string' || value.length > maxWebhookUrlLength) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '' || url.hash !== '') return false;
  if (url.protocol === 'https:') return url.hostname !== '';
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  return url.protocol === 'http:' && local && isDevOrigin(origin) && origin !== undefined;
}

/**
 * The outbox shard of a ceremony: FNV-1a of its id, so one ceremony's events stay in one shard,
 * then MurmurHash3's finaliser: FNV's low bits alone depend only on the characters' low bits.
 */
export function webhookShardOf(ceremonyId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < ceremonyId.length; i++) {
    hash ^= ceremonyId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) % webhookShardCount;
}
