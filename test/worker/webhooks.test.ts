/**
 * Webhook delivery (issue 12) against a local receiver (test/worker/webhook-receiver.ts): the
 * signature verifies with the documented algorithm, an old timestamp fails the receiver's check, a
 * 500 is retried with the same event id until a 200, a double enqueue delivers once, a type the
 * endpoint did not subscribe to is not sent, and the last retry marks the delivery failed.
 */
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayWindowSeconds, signatureHeader, verifyWebhook } from '../../shared/webhook-signature.ts';
import type { WebhookEventType } from '../../shared/webhooks.ts';
import { now, testClock } from '../../worker/core/clock.ts';
import { retryDelaysMs } from '../../worker/core/webhook-rules.ts';
import { staff } from './call-helpers.ts';
import {
  addEndpoint,
  deleteEndpoint,
  deliverDue,
  deliveriesOf,
  endpointAt,
  planAnswers,
  received,
  shardOf,
} from './webhook-helpers.ts';

let admin: Awaited<ReturnType<typeof staff>>['admin'];
/** The secret of the endpoint of the first test (the replay test checks its delivery again). */
let signedSecret = '';
beforeAll(async () => {
  ({ admin } = await staff('hooks.agent'));
});
afterAll(() => testClock.reset());

let serial = 0;
/** A new ceremony id (64 hex) and an event of it, as a ceremony would enqueue it. */
function event(type: WebhookEventType = 'verification.status_changed', status = 'approved') {
  const id = (++serial).toString(16).padStart(8, '0').repeat(8);
  const kind = type.split('.')[0] as string;
  return { id: `${id}:${status}`, type, createdAt: now(), data: { [`${kind}_id`]: id, status } };
}
const ceremonyOf = (e: { id: string }) => e.id.split(':')[0] as string;

async function hex(bytes: ArrayBuffer) {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('webhook delivery', () => {
  it('signs each delivery: t=<seconds>,v1=<hex HMAC-SHA-256 of "<t>.<raw body>"> under the secret', async () => {
    const { endpoint, secret } = await endpointAt(admin, 'signed', ['verification.status_changed']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    signedSecret = secret;
    const e = event();
    await shardOf(ceremonyOf(e)).enqueue(e);
    await deliverDue(ceremonyOf(e));

    const [got] = await received('signed');
    expect(got?.contentType).toBe('application/json');
    expect(got?.eventId).toBe(e.id);
    expect(got?.event).toEqual({
      id: e.id,
      type: e.type,
      created_at: new Date(e.createdAt).toISOString(),
      data: e.data,
    });
    // The documented algorithm, by hand: no helper of ours in between.
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(got?.signature ?? '') ?? [];
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${t}.${got?.body}`));
    expect(await hex(mac)).toBe(v1);
    expect(Math.abs(Number(t) - now() / 1000)).toBeLessThan(5);
    // And the receiver-side helper integrators copy (shared/webhook-signature.ts).
    expect(await verifyWebhook(secret, got?.signature ?? null, got?.body ?? '', now() / 1000)).toBe(true);
    expect(await verifyWebhook(`${secret}x`, got?.signature ?? null, got?.body ?? '', now() / 1000)).toBe(false);
    expect(await verifyWebhook(secret, got?.signature ?? null, `${got?.body} `, now() / 1000)).toBe(false);
    expect(signatureHeader).toBe('Countersign-Signature');
    const [delivery] = await deliveriesOf(e.id);
    expect(delivery).toMatchObject({ endpointId: endpoint.id, status: 'delivered', attempts: 1, lastResponse: 200 });
  });

  it('fails the receiver check for a delivery replayed more than 5 minutes later (or dated ahead)', async () => {
    const [got] = await received('signed');
    const t = Number(/^t=(\d+)/.exec(got?.signature ?? '')?.[1]);
    const verifyAt = (seconds: number) => verifyWebhook(signedSecret, got?.signature ?? null, got?.body ?? '', seconds);
    expect(replayWindowSeconds).toBe(300);
    expect(await verifyAt(t + 299)).toBe(true);
    expect(await verifyAt(t + 301)).toBe(false);
    expect(await verifyAt(t - 301)).toBe(false);
    expect(await verifyWebhook(signedSecret, null, got?.body ?? '', t)).toBe(false);
    expect(await verifyWebhook(signedSecret, `t=${t}`, got?.body ?? '', t)).toBe(false);
  });

  it('retries a 500 after 30 s and delivers the same event, with the same id and body, once it answers 200', async () => {
    const { endpoint } = await endpointAt(admin, 'flaky', ['call.status_changed']);
    await planAnswers('flaky', [500]);
    const e = event('call.status_changed', 'verified');
    await shardOf(ceremonyOf(e)).enqueue(e);
    await deliverDue(ceremonyOf(e));
    expect((await received('flaky')).map((d) => d.answered)).toEqual([500]);
    const [waiting] = (await deliveriesOf(e.id)).filter((d) => d.endpointId === endpoint.id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, lastResponse: 500 });
    expect((waiting?.nextAttemptAt ?? 0) - (waiting?.lastAttemptAt ?? 0)).toBe(30_000);

    // Not before its time.
    testClock.advance(29_000);
    await deliverDue(ceremonyOf(e));
    expect(await received('flaky')).toHaveLength(1);
    testClock.advance(1_000);
    await deliverDue(ceremonyOf(e));
    const both = await received('flaky');
    expect(both.map((d) => d.answered)).toEqual([500, 200]);
    expect(both[1]?.eventId).toBe(e.id);
    expect(both[1]?.body).toBe(both[0]?.body);
    const [done] = (await deliveriesOf(e.id)).filter((d) => d.endpointId === endpoint.id);
    expect(done).toMatchObject({ status: 'delivered', attempts: 2, lastResponse: 200, nextAttemptAt: null });
  });

  it('delivers an event enqueued twice once (the event id is the key)', async () => {
    await endpointAt(admin, 'twice', ['recovery.status_changed']);
    const e = event('recovery.status_changed', 'completed');
    expect(await shardOf(ceremonyOf(e)).enqueue(e)).toEqual({ queued: true, duplicate: false });
    expect(await shardOf(ceremonyOf(e)).enqueue({ ...e, createdAt: e.createdAt + 5 })).toEqual({
      queued: true,
      duplicate: true,
    });
    await deliverDue(ceremonyOf(e));
    expect(await shardOf(ceremonyOf(e)).enqueue(e)).toEqual({ queued: true, duplicate: true });
    await deliverDue(ceremonyOf(e));
    const got = await received('twice');
    expect(got.map((d) => d.eventId)).toEqual([e.id]);
    expect(got[0]?.event.created_at).toBe(new Date(e.createdAt).toISOString());
  });

  it('sends an endpoint only the event types it subscribed to', async () => {
    await endpointAt(admin, 'calls-only', ['call.status_changed']);
    const verification = event('verification.status_changed', 'expired');
    const callEvent = event('call.status_changed', 'canceled');
    for (const e of [verification, callEvent]) {
      await shardOf(ceremonyOf(e)).enqueue(e);
      await deliverDue(ceremonyOf(e));
    }
    expect((await received('calls-only')).map((d) => d.eventId)).toEqual([callEvent.id]);
    expect((await received('signed')).map((d) => d.eventId)).toContain(verification.id);
  });

  it('refuses a malformed event: no body but ids and statuses', async () => {
    const e = event();
    const shard = shardOf(ceremonyOf(e));
    expect(await shard.enqueue({ ...e, id: 'not-an-id' })).toEqual({ queued: false, duplicate: false });
    expect(await shard.enqueue({ ...e, type: 'account.deleted' as WebhookEventType })).toMatchObject({ queued: false });
    expect(await shard.enqueue({ ...e, data: { code: 'x'.repeat(200) } })).toMatchObject({ queued: false });
  });

  it('does not send what was queued for an endpoint deleted since', async () => {
    const { endpoint } = await endpointAt(admin, 'gone', ['call.status_changed']);
    await planAnswers('gone', [503]);
    const e = event('call.status_changed', 'failed');
    await shardOf(ceremonyOf(e)).enqueue(e);
    await deliverDue(ceremonyOf(e));
    expect(await received('gone')).toHaveLength(1);
    const deleted = await deleteEndpoint(admin, endpoint.id);
    expect(deleted.status).toBe(200);
    testClock.advance(30_000);
    await deliverDue(ceremonyOf(e));
    expect(await received('gone')).toHaveLength(1);
    const [ended] = (await deliveriesOf(e.id)).filter((d) => d.endpointId === endpoint.id);
    expect(ended).toMatchObject({ status: 'failed', lastError: 'endpoint deleted' });
  });

  it('retries when nothing answers (a network error), like a 5xx', async () => {
    const created = await addEndpoint(admin, {
      url: 'http://localhost:1/nothing-listens',
      types: ['recovery.status_changed'],
    });
    const e = event('recovery.status_changed', 'aborted');
    await shardOf(ceremonyOf(e)).enqueue(e);
    await deliverDue(ceremonyOf(e));
    const [waiting] = (await deliveriesOf(e.id)).filter((d) => d.endpointId === created.body.endpoint.id);
    expect(waiting).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastResponse: null,
      lastError: 'no answer (network error)',
    });
    await deleteEndpoint(admin, created.body.endpoint.id);
  });

  // Last: it moves the clock by a day and more, past the admin's session.
  it('backs off 30 s, 2 min, 10 min, 1 h, 6 h, 24 h, then marks the delivery failed', async () => {
    const { endpoint } = await endpointAt(admin, 'down', ['verification.status_changed']);
    await planAnswers('down', Array(retryDelaysMs.length + 2).fill(500));
    const e = event('verification.status_changed', 'canceled');
    await shardOf(ceremonyOf(e)).enqueue(e);
    await deliverDue(ceremonyOf(e));
    for (const wait of retryDelaysMs) {
      const [pending] = (await deliveriesOf(e.id)).filter((d) => d.endpointId === endpoint.id);
      expect((pending?.nextAttemptAt ?? 0) - (pending?.lastAttemptAt ?? 0)).toBe(wait);
      testClock.advance(wait);
      await deliverDue(ceremonyOf(e));
    }
    expect(await received('down')).toHaveLength(retryDelaysMs.length + 1);
    const [failed] = (await deliveriesOf(e.id)).filter((d) => d.endpointId === endpoint.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 7, lastResponse: 500, nextAttemptAt: null });
  });
});

describe('webhook retention', () => {
  // After the backoff test: the clock is more than a day on.
  it('forgets an event nobody subscribed to after an hour, and ended deliveries after a week', async () => {
    const config = env.WEBHOOK_CONFIG.get(env.WEBHOOK_CONFIG.idFromName('webhooks'));
    // Past the admin's session: the endpoints go straight from the object's table.
    await runInDurableObject(config, (_o, state) => void state.storage.sql.exec('DELETE FROM endpoints'));
    const unsent = event('call.status_changed', 'declined');
    const shard = shardOf(ceremonyOf(unsent));
    await shard.forgetEndpoints();
    await shard.enqueue(unsent);
    await deliverDue(ceremonyOf(unsent));
    const stored = (id: string) =>
      runInDurableObject(
        shard,
        (_o, state) => state.storage.sql.exec('SELECT count(*) AS n FROM events WHERE event_id = ?', id).one().n,
      );
    expect(await stored(unsent.id)).toBe(1);
    // Within the hour a second enqueue is still a duplicate.
    expect(await shard.enqueue(unsent)).toEqual({ queued: true, duplicate: true });
    testClock.advance(3_600_000);
    expect(await runDurableObjectAlarm(shard)).toBe(true);
    expect(await stored(unsent.id)).toBe(0);

    const [first] = await received('signed');
    const delivered = first?.eventId as string;
    expect(await deliveriesOf(delivered)).toHaveLength(1);
    testClock.advance(7 * 86_400_000);
    await runDurableObjectAlarm(shardOf(ceremonyOf({ id: delivered })));
    expect(await deliveriesOf(delivered)).toEqual([]);
  });
});
