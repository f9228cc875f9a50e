/**
 * The Web Push subscriptions of one Account (table `push_subscriptions`, docs/storage.md): plain
 * functions on the object's SQL storage, called by its RPC methods. Subscriptions are checked here
 * as if they came straight from the internet, whatever the route already checked.
 */
import { authSecretPattern, isPushEndpoint, p256dhPattern } from '../../../shared/push.ts';
import { fromBase64Url } from '../../core/random.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { type PushEndpointPolicy, pushEndpointAllowed } from '../../notify/push-endpoints.ts';
import type { PushTarget } from '../../notify/web-push.ts';

export const pushSubscriptionSchema = `
CREATE TABLE IF NOT EXISTS push_subscriptions (
  endpoint TEXT PRIMARY KEY,
  p256dh TEXT NOT NULL,
  auth TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
`;

/** One person rarely has more devices than this; the oldest subscription makes room for a new one. */
export const maxPushSubscriptions = 10;

export type InvalidPushSubscription = 'invalid_endpoint' | 'unknown_push_service' | 'invalid_p256dh' | 'invalid_auth';

/** What saving a subscription changed: the endpoints dropped to stay within the cap are listed. */
export interface SavedPushSubscription {
  change: 'added' | 'updated' | 'unchanged';
  dropped: string[];
}

type Row = { endpoint: string; p256dh: string; auth: string; created_at: number };

/** Checks a subscription from outside; the p256dh key must be a point on P-256 (Web Crypto imports it). */
export async function checkPushSubscription(
  input: unknown,
  endpoints: PushEndpointPolicy,
): Promise<Result<PushTarget, InvalidPushSubscription>> {
  const candidate = input as { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown } } | null;
  const endpoint = candidate?.endpoint;
  if (typeof endpoint !== 'string' || !isPushEndpoint(endpoint)) return fail('invalid_endpoint');
  if (!pushEndpointAllowed(endpoint, endpoints)) return fail('unknown_push_service');
  const p256dh = candidate?.keys?.p256dh;
  const auth = candidate?.keys?.auth;
  if (typeof p256dh !== 'string' || !p256dhPattern.test(p256dh)) return fail('invalid_p256dh');
  if (typeof auth !== 'string' || !authSecretPattern.test(auth)) return fail('invalid_auth');
  const point = fromBase64Url(p256dh);
  // RFC 8291 §3.1: the user agent's ECDH public key, an uncompressed P-256 point (SEC 1, 0x04 || X || Y).
  if (point?.length !== 65 || point[0] !== 0x04) return fail('invalid_p256dh');
  try {
    await crypto.subtle.importKey('raw', new Uint8Array(point), { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  } catch {
    return fail('invalid_p256dh');
  }
  return ok({ endpoint, keys: { p256dh, auth } });
}

/** Adds or replaces the subscription for its endpoint, then drops the oldest beyond the cap. */
export function savePushSubscription(sql: SqlStorage, subscription: PushTarget, at: number): SavedPushSubscription {
  const existing = sql
    .exec<Row>('SELECT * FROM push_subscriptions WHERE endpoint = ?', subscription.endpoint)
    .toArray()[0];
  if (existing && existing.p256dh === subscription.keys.p256dh && existing.auth === subscription.keys.auth) {
    return { change: 'unchanged', dropped: [] };
  }
  // Delete then insert, so that rowid order stays the order subscriptions were made in.
  sql.exec('DELETE FROM push_subscriptions WHERE endpoint = ?', subscription.endpoint);
  sql.exec(
    'INSERT INTO push_subscriptions (endpoint, p256dh, auth, created_at) VALUES (?, ?, ?, ?)',
    subscription.endpoint,
    subscription.keys.p256dh,
    subscription.keys.auth,
    at,
  );
  const dropped = sql
    .exec<{ endpoint: string }>(
      'SELECT endpoint FROM push_subscriptions ORDER BY created_at DESC, rowid DESC LIMIT -1 OFFSET ?',
      maxPushSubscriptions,
    )
    .toArray()
    .map((r) => r.endpoint);
  for (const endpoint of dropped) sql.exec('DELETE FROM push_subscriptions WHERE endpoint = ?', endpoint);
  return { change: existing ? 'updated' : 'added', dropped };
}

/**
 * Deletes the subscription for this endpoint; with `keys`, only if it still has those keys (a push
 * that found it gone must not delete a newer subscription the browser made on the same endpoint).
 */
export function deletePushSubscription(sql: SqlStorage, endpoint: string, keys?: PushTarget['keys']): boolean {
  const cursor = keys
    ? sql.exec(
        'DELETE FROM push_subscriptions WHERE endpoint = ? AND p256dh = ? AND auth = ?',
        endpoint,
        keys.p256dh,
        keys.auth,
      )
    : sql.exec('DELETE FROM push_subscriptions WHERE endpoint = ?', endpoint);
  return cursor.rowsWritten > 0;
}

/** Every subscription of the account, newest first. */
export function listPushSubscriptions(sql: SqlStorage): (PushTarget & { createdAt: number })[] {
  return sql
    .exec<Row>('SELECT * FROM push_subscriptions ORDER BY created_at DESC, rowid DESC')
    .toArray()
    .map((r) => ({ endpoint: r.endpoint, keys: { p256dh: r.p256dh, auth: r.auth }, createdAt: r.created_at }));
}

/** The push service a subscription belongs to (its endpoint's origin), for the audit log. */
export function pushServiceOf(endpoint: string): string {
  try {
    return new URL(endpoint).origin;
  } catch {
    return 'unknown';
  }
}
