/** The local Web Push service (test/worker/push-service.ts), as the tests use it. */
import { env } from 'cloudflare:workers';
import { expect, inject } from 'vitest';

/** The local push service (test/worker/push-service.ts): it checks and decrypts what it is sent. */
export const pushService = inject('pushService');

export interface BrowserSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface Received {
  messages: { payload: string; ttl: number; urgency: string | null; vapidKey: string }[];
  rejections: string[];
}

/** A new browser subscription at the local push service, bound to the tests' VAPID key by default. */
export async function newSubscription(
  options: { gone?: boolean; applicationServerKey?: string } = {},
): Promise<BrowserSubscription> {
  const response = await fetch(`${pushService}/subscriptions`, {
    method: 'POST',
    body: JSON.stringify({ applicationServerKey: env.VAPID_PUBLIC_KEY, ...options }),
  });
  expect(response.status).toBe(201);
  return response.json();
}

/** What the push service received for a subscription, decrypted. */
export async function receivedBy(subscription: BrowserSubscription): Promise<Received> {
  const id = subscription.endpoint.split('/').pop() as string;
  const response = await fetch(`${pushService}/received/${id}`);
  expect(response.status).toBe(200);
  return response.json();
}
