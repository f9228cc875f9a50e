/**
 * Issue 9, hole 6: the worker posts only to the browsers' push services (PUSH_SERVICE_HOSTS), and to
 * a local push service on http://localhost only when the app runs on localhost. Checked where a
 * subscription is saved (route and Account object) and where a message is sent.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Env } from '../../../worker/env.ts';
import { pushEndpointAllowed, pushEndpointPolicy } from '../../../worker/notify/push-endpoints.ts';
import { sendWebPush, vapidFromEnv } from '../../../worker/notify/web-push.ts';
import type { Account } from '../../../worker/objects/account.ts';
import { accountRows, call, errorCode, register } from '../client.ts';
import { directCall } from '../direct-call.ts';
import { newSubscription, receivedBy } from '../push-client.ts';

const subscribe = (session: string, body: unknown) =>
  call('/api/me/push-subscriptions', { method: 'POST', body, cookie: session });

const stored = (accountId: string) =>
  accountRows<{ endpoint: string }>(accountId, 'SELECT endpoint FROM push_subscriptions ORDER BY rowid');

const production = { ORIGIN: 'https://bank.example', PUSH_SERVICE_HOSTS: undefined };

describe('push subscriptions name a known push service', () => {
  it('accepts the endpoints of Chrome (FCM), Firefox, Safari and Windows', async () => {
    const { session, account } = await register('push.known');
    const keys = (await newSubscription()).keys;
    const endpoints = [
      'https://fcm.googleapis.com/fcm/send/abc123',
      'https://updates.push.services.mozilla.com/wpush/v2/gAAAA',
      'https://web.push.apple.com/QGm7abc',
      'https://wns2-by3p.notify.windows.com/w/?token=BQYAAAB',
    ];
    for (const endpoint of endpoints) expect((await subscribe(session, { endpoint, keys })).status).toBe(201);
    expect((await stored(account.id)).map((r) => r.endpoint)).toEqual(endpoints);
  });

  it('refuses any other host, a look-alike, another port or plain http, with a field error, and stores nothing', async () => {
    const { session, account } = await register('push.unknown');
    const keys = (await newSubscription()).keys;
    for (const endpoint of [
      'https://evil.example.com/push',
      'https://fcm.googleapis.com.evil.example/fcm/send/x',
      'https://notify.windows.com/w/x',
      'https://fcm.googleapis.com:8443/fcm/send/x',
      'http://fcm.googleapis.com/fcm/send/x',
    ]) {
      const answer = await subscribe(session, { endpoint, keys });
      expect(answer.status).toBe(400);
      expect(errorCode(answer)).toBe('invalid_input');
      const fields = (answer.body as unknown as { error: { fields: Record<string, string> } }).error.fields;
      expect(Object.keys(fields)).toEqual(['endpoint']);
    }
    expect(await stored(account.id)).toEqual([]);
  });

  it('is refused by the Account object too, when called directly', async () => {
    const { account } = await register('push.direct');
    const good = await newSubscription();
    const stub = env.ACCOUNT.get(env.ACCOUNT.idFromString(account.id));
    const context = directCall;
    const evil = { ...good, endpoint: 'https://evil.example.com/push' };
    expect(await stub.addPushSubscription(evil, context)).toEqual({ ok: false, reason: 'unknown_push_service' });
    expect(await stored(account.id)).toEqual([]);
  });

  it('takes the list from PUSH_SERVICE_HOSTS when it is set', () => {
    const policy = pushEndpointPolicy({ ...production, PUSH_SERVICE_HOSTS: 'push.example.org, *.push.example.net' });
    expect(pushEndpointAllowed('https://push.example.org/s/1', policy)).toBe(true);
    expect(pushEndpointAllowed('https://eu.push.example.net/s/1', policy)).toBe(true);
    expect(pushEndpointAllowed('https://push.example.net/s/1', policy)).toBe(false);
    expect(pushEndpointAllowed('https://fcm.googleapis.com/fcm/send/x', policy)).toBe(false);
  });
});

describe('a local push service on localhost is allowed in development only', () => {
  it('is accepted and reached on a localhost ORIGIN (the tests’ own push service)', async () => {
    const { session, account } = await register('push.dev');
    const browser = await newSubscription();
    expect(new URL(browser.endpoint).hostname).toBe('localhost');
    expect((await subscribe(session, browser)).status).toBe(201);
    expect(await stored(account.id)).toHaveLength(1);
  });

  it('is refused by the Account object of a deployment on another ORIGIN, and nothing is stored', async () => {
    const { account } = await register('push.prod');
    const browser = await newSubscription();
    const stub = env.ACCOUNT.get(env.ACCOUNT.idFromString(account.id));
    const refused = await runInDurableObject(stub, async (instance: Account) => {
      const inner = instance as unknown as { env: Env };
      const own = inner.env;
      inner.env = { ...own, ...production };
      try {
        return await instance.addPushSubscription(browser, directCall);
      } finally {
        inner.env = own;
      }
    });
    expect(refused).toEqual({ ok: false, reason: 'unknown_push_service' });
    expect(await stored(account.id)).toEqual([]);
  });

  it('is never posted to by a deployment on another ORIGIN, even for a subscription already stored', async () => {
    const browser = await newSubscription();
    const vapid = vapidFromEnv({ ...env, ...production });
    expect(vapid).not.toBeNull();
    const sent = await sendWebPush(browser, { type: 'security', title: 't', body: 'b' }, vapid as never);
    expect(sent).toEqual({ ok: false, reason: 'rejected' });
    expect((await receivedBy(browser)).messages).toHaveLength(0);
  });
});
