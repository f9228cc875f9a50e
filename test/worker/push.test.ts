import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { CallAlert } from '../../shared/push.ts';
import { api } from '../../worker/app.ts';
import { sendWebPush, vapidFromEnv } from '../../worker/notify/web-push.ts';
import { accountRows, auditOf, call, errorCode, origin, register } from './client.ts';
import { directCall } from './direct-call.ts';
import { type BrowserSubscription, newSubscription, pushService, receivedBy } from './push-client.ts';

const subscribe = (session: string, body: unknown) =>
  call('/api/me/push-subscriptions', { method: 'POST', body, cookie: session });

const unsubscribe = (session: string, endpoint: string) =>
  call('/api/me/push-subscriptions', { method: 'DELETE', body: { endpoint }, cookie: session });

const accountStub = (accountId: string) => env.ACCOUNT.get(env.ACCOUNT.idFromString(accountId));

const storedSubscriptions = (accountId: string) =>
  accountRows<{ endpoint: string; p256dh: string; auth: string }>(
    accountId,
    'SELECT endpoint, p256dh, auth FROM push_subscriptions ORDER BY rowid',
  );

const alert = (callId: string): CallAlert => ({
  type: 'call',
  callId,
  agent: { displayName: 'Anna K.', team: 'Fraud team' },
});

describe('the VAPID public key', () => {
  it('is served without a session, as configured', async () => {
    const answer = await call('/api/push/key', { origin: null });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ publicKey: env.VAPID_PUBLIC_KEY });
    expect(answer.body.publicKey).toMatch(/^B[A-Za-z0-9_-]{86}$/);
  });

  it('is null when the VAPID keys are not configured', async () => {
    const unconfigured = { ...env, VAPID_PUBLIC_KEY: undefined, VAPID_PRIVATE_KEY: undefined };
    const response = await api.fetch(new Request(`${origin}/api/push/key`), unconfigured);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ publicKey: null });
  });

  it('is off unless public key, private key and a mailto: or https: subject are all valid', () => {
    const { VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY } = env;
    const subject = 'mailto:security@example.com';
    expect(vapidFromEnv({ VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT: subject })).toMatchObject({
      publicKey: VAPID_PUBLIC_KEY,
      privateKey: VAPID_PRIVATE_KEY,
      subject,
    });
    expect(vapidFromEnv({ VAPID_PRIVATE_KEY, VAPID_SUBJECT: subject })).toBeNull();
    expect(vapidFromEnv({ VAPID_PUBLIC_KEY, VAPID_SUBJECT: subject })).toBeNull();
    expect(vapidFromEnv({ VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY })).toBeNull();
    expect(vapidFromEnv({ VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT: 'security@example.com' })).toBeNull();
    expect(vapidFromEnv({ VAPID_PUBLIC_KEY: 'AAAA', VAPID_PRIVATE_KEY, VAPID_SUBJECT: subject })).toBeNull();
    expect(vapidFromEnv({ VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: 'AAAA', VAPID_SUBJECT: subject })).toBeNull();
  });
});

describe('push subscriptions of a signed-in account', () => {
  it('stores a subscription and records it in the security events', async () => {
    const { session, account } = await register('push.subscriber');
    const browser = await newSubscription();
    const answer = await subscribe(session, browser);
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ subscribed: true });

    expect(await storedSubscriptions(account.id)).toEqual([
      { endpoint: browser.endpoint, p256dh: browser.keys.p256dh, auth: browser.keys.auth },
    ]);
    const [event] = await auditOf(session);
    expect(event?.type).toBe('push_enabled');
    expect(event?.detail.service).toBe(pushService);
  });

  it('refuses malformed subscriptions with a message per field and stores nothing', async () => {
    const { session, account } = await register('push.malformed');
    const good = await newSubscription();
    const cases: [unknown, string, RegExp][] = [
      [{ ...good, endpoint: 'http://push.example.com/x' }, 'endpoint', /https URL/],
      [{ ...good, endpoint: 'not a url' }, 'endpoint', /https URL/],
      [{ ...good, endpoint: `https://push.example.com/${'a'.repeat(2048)}` }, 'endpoint', /2048/],
      [{ ...good, endpoint: 'https://user:secret@push.example.com/x' }, 'endpoint', /https URL/],
      [{ ...good, keys: { ...good.keys, p256dh: good.keys.p256dh.slice(1) } }, 'keys.p256dh', /65 bytes/],
      // A compressed point (0x02 prefix) is refused: RFC 8291 wants the uncompressed form.
      [{ ...good, keys: { ...good.keys, p256dh: `A${good.keys.p256dh.slice(1)}` } }, 'keys.p256dh', /65 bytes/],
      [{ ...good, keys: { ...good.keys, auth: 'AAAAAAAAAAAAAAAAAAAA' } }, 'keys.auth', /16 bytes/],
      [{ ...good, keys: { ...good.keys, auth: 'AAAAAAAAAAAAAAAAAAAA+A' } }, 'keys.auth', /16 bytes/],
      [{ endpoint: good.endpoint }, 'keys', /Missing the subscription keys/],
      [{ ...good, expirationTime: null }, '(body)', /Unexpected field: expirationTime/],
      [{ ...good, keys: { ...good.keys, extra: 'x' } }, 'keys', /Unexpected field: extra/],
    ];
    for (const [body, field, message] of cases) {
      const answer = await subscribe(session, body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(errorCode(answer)).toBe('invalid_input');
      const fields = (answer.body as { error: { fields: Record<string, string> } }).error.fields;
      expect(Object.keys(fields)).toEqual([field]);
      expect(fields[field]).toMatch(message);
    }
    expect(await storedSubscriptions(account.id)).toEqual([]);
    expect((await auditOf(session)).map((e) => e.type)).not.toContain('push_enabled');
  });

  it('refuses a p256dh key that is well-formed but not a point on P-256', async () => {
    const { session, account } = await register('push.offcurve');
    const good = await newSubscription();
    // 0x04 followed by 64 zero bytes: the right shape, but (0, 0) is not on the curve.
    const offCurve = `BA${'A'.repeat(85)}`;
    const answer = await subscribe(session, { ...good, keys: { ...good.keys, p256dh: offCurve } });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('invalid_input');
    expect((answer.body as { error: { fields: Record<string, string> } }).error.fields).toEqual({
      'keys.p256dh': 'This key is not a point on the P-256 curve.',
    });
    expect(await storedSubscriptions(account.id)).toEqual([]);
  });

  it('checks a subscription inside the Account object too, whatever the caller', async () => {
    const { account } = await register('push.rpc.checks');
    const stub = accountStub(account.id);
    const good = await newSubscription();
    const context = directCall;
    const bad: [unknown, string][] = [
      [null, 'invalid_endpoint'],
      [{ ...good, endpoint: 'javascript:alert(1)' }, 'invalid_endpoint'],
      [{ ...good, endpoint: 'http://10.0.0.1/push' }, 'invalid_endpoint'],
      [{ ...good, endpoint: 42 }, 'invalid_endpoint'],
      [{ endpoint: good.endpoint }, 'invalid_p256dh'],
      [{ ...good, keys: { ...good.keys, p256dh: `BA${'A'.repeat(85)}` } }, 'invalid_p256dh'],
      [{ ...good, keys: { ...good.keys, auth: ['x'] } }, 'invalid_auth'],
    ];
    for (const [subscription, reason] of bad) {
      // biome-ignore lint/suspicious/noExplicitAny: deliberately not a PushTarget, as a bad caller would send
      expect(await stub.addPushSubscription(subscription as any, context)).toEqual({ ok: false, reason });
    }
    expect(await storedSubscriptions(account.id)).toEqual([]);
    expect(await stub.addPushSubscription(good, context)).toEqual({ ok: true, value: null });
    expect(await storedSubscriptions(account.id)).toHaveLength(1);
  });

  it('replaces the keys of an endpoint that subscribes again, and audits only a change', async () => {
    const { session, account } = await register('push.resubscribe');
    const browser = await newSubscription();
    expect((await subscribe(session, browser)).status).toBe(201);
    expect((await subscribe(session, browser)).status).toBe(201);
    const renewed = await newSubscription();
    const sameEndpoint = { endpoint: browser.endpoint, keys: renewed.keys };
    expect((await subscribe(session, sameEndpoint)).status).toBe(201);

    expect(await storedSubscriptions(account.id)).toEqual([
      { endpoint: browser.endpoint, p256dh: renewed.keys.p256dh, auth: renewed.keys.auth },
    ]);
    const types = (await auditOf(session)).map((e) => e.type);
    expect(types.filter((t) => t === 'push_enabled')).toHaveLength(2);
  });

  it('keeps at most ten subscriptions, dropping the oldest', async () => {
    const { session, account } = await register('push.eleven');
    const browsers: BrowserSubscription[] = [];
    for (let i = 0; i < 11; i++) {
      const browser = await newSubscription();
      browsers.push(browser);
      expect((await subscribe(session, browser)).status).toBe(201);
    }
    const stored = (await storedSubscriptions(account.id)).map((s) => s.endpoint);
    expect(stored).toEqual(browsers.slice(1).map((b) => b.endpoint));
    const [latest] = await auditOf(session);
    expect(latest).toMatchObject({ type: 'push_disabled', detail: { reason: 'limit', service: pushService } });
  });

  it('removes a subscription when the browser unsubscribes, and only that one', async () => {
    const { session, account } = await register('push.unsubscribe');
    const phone = await newSubscription();
    const laptop = await newSubscription();
    expect((await subscribe(session, phone)).status).toBe(201);
    expect((await subscribe(session, laptop)).status).toBe(201);

    const answer = await unsubscribe(session, phone.endpoint);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ subscribed: false });
    expect((await storedSubscriptions(account.id)).map((s) => s.endpoint)).toEqual([laptop.endpoint]);
    const [event] = await auditOf(session);
    expect(event).toMatchObject({ type: 'push_disabled', detail: { reason: 'user', service: pushService } });

    expect(await accountStub(account.id).pushToDevices(alert('call-after-unsubscribe'), directCall)).toEqual({
      sent: 1,
      removed: 0,
    });
    expect((await receivedBy(phone)).messages).toEqual([]);
    expect((await receivedBy(laptop)).messages).toHaveLength(1);
  });

  it('answers 200 to unsubscribing an endpoint it does not hold, without an event', async () => {
    const { session } = await register('push.unknown');
    const before = (await auditOf(session)).length;
    const answer = await unsubscribe(session, 'https://push.example.com/never-subscribed');
    expect(answer.status).toBe(200);
    expect(await auditOf(session)).toHaveLength(before);
    const bad = await unsubscribe(session, 'ftp://push.example.com/x');
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('invalid_input');
  });

  it('does not let one account remove another account’s subscription', async () => {
    const alice = await register('push.alice');
    const bob = await register('push.bob');
    const alicePhone = await newSubscription();
    expect((await subscribe(alice.session, alicePhone)).status).toBe(201);
    expect((await unsubscribe(bob.session, alicePhone.endpoint)).status).toBe(200);
    expect(await storedSubscriptions(alice.account.id)).toHaveLength(1);
  });

  it('needs a session to subscribe or unsubscribe', async () => {
    const browser = await newSubscription();
    for (const method of ['POST', 'DELETE']) {
      const answer = await call('/api/me/push-subscriptions', { method, body: browser });
      expect(answer.status).toBe(401);
      expect(errorCode(answer)).toBe('not_signed_in');
    }
  });

  it('refuses a subscription from another origin', async () => {
    const { session, account } = await register('push.csrf');
    const answer = await call('/api/me/push-subscriptions', {
      method: 'POST',
      body: await newSubscription(),
      cookie: session,
      origin: 'https://evil.example',
    });
    expect(answer.status).toBe(403);
    expect(await storedSubscriptions(account.id)).toEqual([]);
  });
});

describe('pushing to the account’s devices', () => {
  it('delivers the payload, encrypted, to every device; the push service decrypts exactly the JSON sent', async () => {
    const { session, account } = await register('push.delivery');
    const phone = await newSubscription();
    const laptop = await newSubscription();
    expect((await subscribe(session, phone)).status).toBe(201);
    expect((await subscribe(session, laptop)).status).toBe(201);

    const payload: CallAlert = {
      type: 'call',
      callId: 'a'.repeat(64),
      agent: { displayName: 'Anna Ł. “Kowalska”', team: 'Fraud team' },
    };
    expect(await accountStub(account.id).pushToDevices(payload, directCall)).toEqual({ sent: 2, removed: 0 });

    for (const device of [phone, laptop]) {
      const received = await receivedBy(device);
      expect(received.rejections).toEqual([]);
      expect(received.messages).toHaveLength(1);
      const [message] = received.messages;
      expect(message?.payload).toBe(JSON.stringify(payload));
      expect(JSON.parse(message?.payload as string)).toEqual(payload);
      // A call alert is worth nothing after the call's 5 minutes, and must wake the phone.
      expect(message).toMatchObject({ ttl: 300, urgency: 'high', vapidKey: env.VAPID_PUBLIC_KEY });
    }
  });

  it('deletes a subscription the push service reports gone (410) and keeps the others', async () => {
    const { session, account } = await register('push.gone');
    const expired = await newSubscription({ gone: true });
    const live = await newSubscription();
    expect((await subscribe(session, expired)).status).toBe(201);
    expect((await subscribe(session, live)).status).toBe(201);

    expect(await accountStub(account.id).pushToDevices(alert('call-gone'), directCall)).toEqual({
      sent: 1,
      removed: 1,
    });
    expect((await storedSubscriptions(account.id)).map((s) => s.endpoint)).toEqual([live.endpoint]);
    expect((await receivedBy(live)).messages).toHaveLength(1);
    const [event] = await auditOf(session);
    expect(event).toMatchObject({ type: 'push_disabled', detail: { reason: 'gone', service: pushService } });
  });

  it('keeps a subscription whose push service refuses the message', async () => {
    const { session, account } = await register('push.refused');
    // Made with another application server key: the service refuses our VAPID key (RFC 8292 §4.2).
    const otherKey = 'BLKQNyT8Yky2QzmMGh85tiG1q7CmhfvJylHeqTSjkHIqgA3MzHpQtdai-DOMvjoNV1nG8iD-coEj7jr_gyJU_qc';
    const foreign = await newSubscription({ applicationServerKey: otherKey });
    expect((await subscribe(session, foreign)).status).toBe(201);

    expect(await accountStub(account.id).pushToDevices(alert('call-refused'), directCall)).toEqual({
      sent: 0,
      removed: 0,
    });
    expect(await storedSubscriptions(account.id)).toHaveLength(1);
    expect((await receivedBy(foreign)).rejections).toEqual(['k is not the key this subscription was made with']);
  });

  it('sends nothing when no VAPID keys are configured', async () => {
    const { session, account } = await register('push.unconfigured');
    const browser = await newSubscription();
    expect((await subscribe(session, browser)).status).toBe(201);

    const result = await runInDurableObject(accountStub(account.id), async (instance) => {
      // The object reads its keys from `this.env`; take them away for this one call.
      const held = instance as unknown as { env: Record<string, unknown> };
      const configured = held.env;
      held.env = { ...configured, VAPID_PUBLIC_KEY: undefined, VAPID_PRIVATE_KEY: undefined };
      try {
        return await instance.pushToDevices(alert('call-unconfigured'), directCall);
      } finally {
        held.env = configured;
      }
    });
    expect(result).toEqual({ sent: 0, removed: 0 });
    expect(await receivedBy(browser)).toEqual({ messages: [], rejections: [] });
    expect(await storedSubscriptions(account.id)).toHaveLength(1);

    // The same object with its keys back does send: the empty result above came from the missing keys.
    expect(await accountStub(account.id).pushToDevices(alert('call-configured'), directCall)).toEqual({
      sent: 1,
      removed: 0,
    });
  });

  it('sends nothing to an account without subscriptions', async () => {
    const { account } = await register('push.nobody');
    expect(await accountStub(account.id).pushToDevices(alert('call-nobody'), directCall)).toEqual({
      sent: 0,
      removed: 0,
    });
  });
});

describe('sendWebPush', () => {
  const vapid = () => vapidFromEnv(env) as NonNullable<ReturnType<typeof vapidFromEnv>>;

  it('answers ok when the push service accepts the message', async () => {
    const browser = await newSubscription();
    expect(await sendWebPush(browser, { hello: 'world' }, vapid(), { ttlSeconds: 60 })).toEqual({ ok: true });
    const [message] = (await receivedBy(browser)).messages;
    expect(message).toMatchObject({ payload: '{"hello":"world"}', ttl: 60, urgency: null });
  });

  it('answers gone for 404 and 410, so that the caller deletes the subscription', async () => {
    const expired = await newSubscription({ gone: true });
    expect(await sendWebPush(expired, {}, vapid())).toEqual({ ok: false, reason: 'gone' });
    const unknown = { ...expired, endpoint: `${pushService}/push/no-such-subscription` };
    expect(await sendWebPush(unknown, {}, vapid())).toEqual({ ok: false, reason: 'gone' });
  });

  it('answers rejected, without throwing, when the message cannot be built or is refused', async () => {
    const browser = await newSubscription();
    const tooBig = { filler: 'x'.repeat(4096) };
    expect(await sendWebPush(browser, tooBig, vapid())).toEqual({ ok: false, reason: 'rejected' });
    const offCurve = { ...browser, keys: { ...browser.keys, p256dh: `BA${'A'.repeat(85)}` } };
    expect(await sendWebPush(offCurve, {}, vapid())).toEqual({ ok: false, reason: 'rejected' });
    // A wrong auth secret: the service cannot decrypt the record and refuses it.
    const wrongAuth = { ...browser, keys: { ...browser.keys, auth: 'AAAAAAAAAAAAAAAAAAAAAA' } };
    expect(await sendWebPush(wrongAuth, {}, vapid())).toEqual({ ok: false, reason: 'rejected' });
    expect((await receivedBy(browser)).rejections).toEqual(['the record does not decrypt (AES-128-GCM tag mismatch)']);
    expect((await receivedBy(browser)).messages).toEqual([]);
  });

  it('answers unreachable, without throwing, when nothing listens at the endpoint', async () => {
    const browser = await newSubscription();
    const nowhere = { ...browser, endpoint: 'http://127.0.0.1:1/push/nowhere' };
    expect(await sendWebPush(nowhere, {}, vapid())).toEqual({ ok: false, reason: 'unreachable' });
  });
});
