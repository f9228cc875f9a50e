/**
 * Every ceremony tells webhooks each status it enters (issue 12), through the one helper
 * (worker/webhooks/emit.ts), and loses no event when its shard cannot be reached: the event stays
 * in the ceremony's own table until a shard took it, and the ceremony is not deleted before.
 */
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../shared/webhook-signature.ts';
import { now, testClock } from '../../worker/core/clock.ts';
import type { Env } from '../../worker/env.ts';
import { CallVerification } from '../../worker/objects/call-verification.ts';
import { storedVersion } from '../../worker/objects/schema-migrations.ts';
import { deleteAllOnceEnqueued, handedOver, reenqueueMs } from '../../worker/webhooks/emit.ts';
import { type Person, staff, startCall } from './call-helpers.ts';
import { call, register } from './client.ts';
import { directCall } from './direct-call.ts';
import { checkVerification, customerWithPhone, issueKey, latestCode, startVerification } from './otp-helpers.ts';
import { RecoveringDevice } from './recovery-helpers.ts';
import { deliverDue, endpointAt, received } from './webhook-helpers.ts';

let admin: Person;
let agent: Person;
let key: { key: string; apiKey: { id: string } };
let secret: string;
beforeAll(async () => {
  ({ admin, agent } = await staff('ceremony.agent'));
  key = await issueKey(admin, ['verifications']);
  ({ secret } = await endpointAt(admin, 'all', [
    'verification.status_changed',
    'call.status_changed',
    'recovery.status_changed',
  ]));
});
afterAll(() => testClock.reset());

/** The ceremony's object, whichever kind it is. */
function ceremonyStub(ceremonyId: string): DurableObjectStub {
  for (const ns of [env.VERIFICATION, env.CALL, env.RECOVERY] as DurableObjectNamespace[]) {
    try {
      return ns.get(ns.idFromString(ceremonyId));
    } catch {
      // an id of another kind
    }
  }
  throw new Error(`no ceremony ${ceremonyId}`);
}

/** The events the receiver got for one ceremony, in order (once its hand-overs, after its answers, ended). */
async function eventsOf(ceremonyId: string) {
  await runInDurableObject(ceremonyStub(ceremonyId), (_instance, state) => handedOver(state));
  await deliverDue(ceremonyId);
  return (await received('all')).filter((d) => d.event.id.startsWith(`${ceremonyId}:`));
}

/** `env` with every shard unreachable: each enqueue fails as a dropped RPC would. */
const shardsDown = {
  ...env,
  WEBHOOK_OUTBOX: {
    idFromName: (name: string) => env.WEBHOOK_OUTBOX.idFromName(name),
    get: () => ({
      enqueue: () => Promise.reject(new Error('shard unreachable')),
    }),
  },
} as unknown as Env;

/** Swaps the object's env (its bindings) for the duration of `body`. */
async function withEnv<T>(instance: object, swapped: Env, body: () => Promise<T>): Promise<T> {
  const own = (instance as { env: Env }).env;
  Object.defineProperty(instance, 'env', { value: swapped, configurable: true, writable: true });
  try {
    return await body();
  } finally {
    Object.defineProperty(instance, 'env', { value: own, configurable: true, writable: true });
  }
}

describe('ceremony status events', () => {
  it('a verification: pending, then approved; ids and statuses only, signed', async () => {
    const customer = await customerWithPhone('hooks.verified', '+447911127301');
    const started = await startVerification(
      { key: key.key },
      { account: customer.handle, channel: 'sms', purpose: 'sign_in' },
    );
    const id = started.body.id;
    const code = (await latestCode(customer.phone)) as string;
    expect((await checkVerification({ key: key.key }, id, { code })).body.status).toBe('approved');

    const events = await eventsOf(id);
    expect(events.map((d) => d.event.id)).toEqual([`${id}:pending`, `${id}:approved`]);
    expect(events[1]?.event).toMatchObject({
      type: 'verification.status_changed',
      data: { verification_id: id, status: 'approved', purpose: 'sign_in', channel: 'sms', api_key_id: key.apiKey.id },
    });
    for (const d of events) {
      expect(d.body).not.toContain(code);
      expect(d.body).not.toContain('7911127301');
      expect(d.body).not.toContain(customer.handle);
      expect(await verifyWebhook(secret, d.signature, d.body, now() / 1000)).toBe(true);
    }
  });

  it('a call: each state it enters, awaiting_customer then canceled, with both accounts’ ids', async () => {
    const chris = await register('hooks.chris');
    const id = await startCall(agent, 'hooks.chris');
    expect((await call(`/api/calls/${id}/cancel`, { method: 'POST', cookie: agent.session })).status).toBe(200);
    const events = await eventsOf(id);
    expect(events.map((d) => d.event.data.status)).toEqual(['awaiting_customer', 'canceled']);
    expect(events[1]?.event).toMatchObject({
      id: `${id}:canceled`,
      type: 'call.status_changed',
      data: { call_id: id, agent_id: agent.account.id, customer_id: chris.account.id, failed_on: null },
    });
    expect(events[1]?.body).not.toContain('hooks.chris');
  });

  it('a call started before webhooks existed (schema version 1) is migrated and tells its next status', async () => {
    await register('hooks.older');
    const id = await startCall(agent, 'hooks.older');
    const stub = env.CALL.get(env.CALL.idFromString(id));
    await runInDurableObject(stub, (_instance, state) => {
      // As the previous deployment left it: version 1, no webhook_events.
      state.storage.sql.exec('DROP TABLE webhook_events');
      state.storage.sql.exec('UPDATE _schema SET version = 1');
      new CallVerification(state, env as unknown as Env);
      expect(storedVersion(state.storage.sql)).toBe(2);
      expect(state.storage.sql.exec('SELECT count(*) AS n FROM webhook_events').one().n).toBe(0);
      expect(state.storage.sql.exec('SELECT state FROM call').one().state).toBe('awaiting_customer');
    });
    expect((await call(`/api/calls/${id}/cancel`, { method: 'POST', cookie: agent.session })).status).toBe(200);
    expect((await eventsOf(id)).map((d) => d.event.data.status)).toEqual(['awaiting_customer', 'canceled']);
  });

  it('keeps a verification’s event while its shard is unreachable, and hands it over from its alarm', async () => {
    const customer = await customerWithPhone('hooks.kept', '+447911127302');
    const started = await startVerification(
      { key: key.key },
      { account: customer.handle, channel: 'sms', purpose: 'sign_in' },
    );
    const id = started.body.id;
    const stub = env.VERIFICATION.get(env.VERIFICATION.idFromString(id));
    await runInDurableObject(stub, async (instance, state) => {
      const canceled = await withEnv(instance, shardsDown, () => instance.cancel(`key:${key.apiKey.id}`, directCall));
      expect(canceled.ok).toBe(true);
      await handedOver(state);
      const waiting = state.storage.sql.exec('SELECT event_id FROM webhook_events WHERE enqueued = 0').toArray();
      expect(waiting).toEqual([{ event_id: `${id}:canceled` }]);
      // Its alarm comes within a minute to try again (not at expiry, minutes away).
      expect((await state.storage.getAlarm()) ?? Infinity).toBeLessThanOrEqual(now() + reenqueueMs);
    });
    expect((await eventsOf(id)).map((d) => d.event.data.status)).toEqual(['pending']);

    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await eventsOf(id)).map((d) => d.event.data.status)).toEqual(['pending', 'canceled']);
    await runInDurableObject(stub, (_instance, state) => {
      expect(state.storage.sql.exec('SELECT count(*) AS n FROM webhook_events WHERE enqueued = 0').one().n).toBe(0);
    });
  });

  it('answers without waiting for its shard, and hands the event over once the shard answers', async () => {
    const customer = await customerWithPhone('hooks.slowshard', '+447911127305');
    const started = await startVerification(
      { key: key.key },
      { account: customer.handle, channel: 'sms', purpose: 'sign_in' },
    );
    const id = started.body.id;
    // A shard that answers only when the test lets it: a ceremony that waited for it would never answer.
    let release = () => {};
    const shardAnswers = new Promise<void>((resolve) => {
      release = resolve;
    });
    const asked: string[] = [];
    const slowShard = {
      ...env,
      WEBHOOK_OUTBOX: {
        idFromName: (name: string) => env.WEBHOOK_OUTBOX.idFromName(name),
        get: (shardId: DurableObjectId) => ({
          enqueue: async (event: { id: string }) => {
            asked.push(event.id);
            await shardAnswers;
            return env.WEBHOOK_OUTBOX.get(shardId).enqueue(event as never);
          },
        }),
      },
    } as unknown as Env;
    const stub = env.VERIFICATION.get(env.VERIFICATION.idFromString(id));
    await runInDurableObject(stub, async (instance, state) => {
      const canceled = await withEnv(instance, slowShard, () => instance.cancel(`key:${key.apiKey.id}`, directCall));
      expect(canceled.ok).toBe(true);
      // Answered while the shard has not: the event is stored, asked for, not yet taken.
      expect(asked).toEqual([`${id}:canceled`]);
      const waiting = () => state.storage.sql.exec('SELECT event_id FROM webhook_events WHERE enqueued = 0').toArray();
      expect(waiting()).toEqual([{ event_id: `${id}:canceled` }]);
      release();
      await handedOver(state);
      expect(waiting()).toEqual([]);
    });
    expect((await eventsOf(id)).map((d) => d.event.data.status)).toEqual(['pending', 'canceled']);
  });

  it('does not delete a call at expiry before its events are handed over', async () => {
    await register('hooks.expiring');
    const id = await startCall(agent, 'hooks.expiring');
    const stub = env.CALL.get(env.CALL.idFromString(id));
    await runInDurableObject(stub, async (instance) => {
      await withEnv(instance, shardsDown, () => instance.alarm());
    });
    await runInDurableObject(stub, async (_instance, state) => {
      const rows = state.storage.sql.exec('SELECT event_id, enqueued FROM webhook_events ORDER BY event_id').toArray();
      expect(rows).toEqual([
        { event_id: `${id}:awaiting_customer`, enqueued: 1 },
        { event_id: `${id}:expired`, enqueued: 0 },
      ]);
      expect(state.storage.sql.exec('SELECT state FROM call').toArray()).toEqual([{ state: 'expired' }]);
      expect(await deleteAllOnceEnqueued(state, shardsDown)).toBe(false);
      expect(await state.storage.getAlarm()).not.toBeNull();
    });
    // The next alarm, with the shard back: handed over, then everything deleted.
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await eventsOf(id)).map((d) => d.event.data.status)).toEqual(['awaiting_customer', 'expired']);
    await runInDurableObject(stub, (_instance, state) => {
      expect(state.storage.sql.exec("SELECT name FROM sqlite_master WHERE name = 'call'").toArray()).toHaveLength(1);
      expect(state.storage.sql.exec('SELECT count(*) AS n FROM call').one().n).toBe(0);
    });
  });

  it('a recovery its owner cancels: first_factor, choose_contacts, canceled', async () => {
    const customer = await customerWithPhone('hooks.canceling', '+447911127304');
    const device = new RecoveringDevice();
    const view = await device.throughFirstFactor(customer.handle, customer.phone, '198.51.100.234');
    const canceled = await call(`/api/me/recoveries/${view.id}/cancel`, { method: 'POST', cookie: customer.session });
    expect(canceled.status).toBe(200);
    const events = await eventsOf(view.id);
    expect(events.map((d) => d.event.data.status)).toEqual(['first_factor', 'choose_contacts', 'canceled']);
    expect(events.map((d) => d.event.type)).toEqual(Array(3).fill('recovery.status_changed'));
  });

  // Last: it moves the clock past the recovery's 30 minutes (and the sessions' idle time).
  it('a recovery: first_factor, choose_contacts, then expired by its alarm', async () => {
    const customer = await customerWithPhone('hooks.recovering', '+447911127303');
    const device = new RecoveringDevice();
    const view = await device.throughFirstFactor(customer.handle, customer.phone, '198.51.100.233');
    testClock.advance(31 * 60_000);
    expect(await runDurableObjectAlarm(env.RECOVERY.get(env.RECOVERY.idFromString(view.id)))).toBe(true);
    const events = await eventsOf(view.id);
    expect(events.map((d) => d.event.data.status)).toEqual(['first_factor', 'choose_contacts', 'expired']);
    expect(events[2]?.event).toMatchObject({
      id: `${view.id}:expired`,
      type: 'recovery.status_changed',
      data: { recovery_id: view.id, account_id: customer.account.id },
    });
  });
});
