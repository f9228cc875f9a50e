/**
 * The webhook attempt timeout (worker/webhooks/deliver.ts; `WEBHOOK_TIMEOUT_SECONDS`, 10 s by
 * default) against a local receiver endpoint that never answers: the attempt counts as a failure,
 * is retried with the backoff, and the outbox goes on (its run ends; the retry is delivered). The
 * test gives the shard a short timeout instead of waiting 10 s.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { now, testClock } from '../../worker/core/clock.ts';
import { deliveryTimeoutOf, retryDelaysMs } from '../../worker/core/webhook-rules.ts';
import type { Env } from '../../worker/env.ts';
import { bootstrapAdmin } from './client.ts';
import { deliverDue, deliveriesOf, endpointAt, planAnswers, received, shardOf } from './webhook-helpers.ts';

let admin: Awaited<ReturnType<typeof bootstrapAdmin>>;
beforeAll(async () => {
  admin = await bootstrapAdmin();
});
afterAll(() => testClock.reset());

const ceremony = 'c0ffee00'.repeat(8);

/** Gives the shard's live instance `vars` (its alarms, the runtime's own included, read them) until restored. */
async function withShardVars(id: string, vars: Partial<Env>): Promise<() => Promise<void>> {
  const shard = shardOf(id);
  const own = await runInDurableObject(shard, (instance) => {
    const before = (instance as unknown as { env: Env }).env;
    Object.defineProperty(instance, 'env', { value: { ...before, ...vars }, configurable: true, writable: true });
    return before;
  });
  return () =>
    runInDurableObject(shard, (instance) => {
      Object.defineProperty(instance, 'env', { value: own, configurable: true, writable: true });
    });
}

describe('the webhook attempt timeout', () => {
  it('is 10 s unless configured (the tests, as production, leave it unset)', () => {
    expect(env.WEBHOOK_TIMEOUT_SECONDS).toBeUndefined();
    expect(deliveryTimeoutOf(env.WEBHOOK_TIMEOUT_SECONDS)).toBe(10_000);
  });

  it('fails an attempt nobody answers, retries it after 30 s, and the outbox goes on', async () => {
    const { endpoint } = await endpointAt(admin, 'silent', ['call.status_changed']);
    // The first delivery is held open by the receiver and never answered; the next gets a 200.
    await planAnswers('silent', [0]);
    const restore = await withShardVars(ceremony, { WEBHOOK_TIMEOUT_SECONDS: '0.2' });
    try {
      const e = {
        id: `${ceremony}:verified`,
        type: 'call.status_changed' as const,
        createdAt: now(),
        data: { call_id: ceremony, status: 'verified' },
      };
      expect(await shardOf(ceremony).enqueue(e)).toEqual({ queued: true, duplicate: false });
      // The run ends although the receiver never answers: nothing due is left behind.
      await deliverDue(ceremony);
      expect((await received('silent')).map((d) => d.answered)).toEqual([0]);
      const [waiting] = (await deliveriesOf(e.id)).filter((d) => d.endpointId === endpoint.id);
      expect(waiting).toMatchObject({
        status: 'pending',
        attempts: 1,
        lastResponse: null,
        lastError: 'no answer within 0.2 s',
      });
      expect((waiting?.nextAttemptAt ?? 0) - (waiting?.lastAttemptAt ?? 0)).toBe(retryDelaysMs[0]);

      testClock.advance(retryDelaysMs[0]);
      await deliverDue(ceremony);
      const both = await received('silent');
      expect(both.map((d) => d.answered)).toEqual([0, 200]);
      expect(both[1]?.body).toBe(both[0]?.body);
      const [done] = (await deliveriesOf(e.id)).filter((d) => d.endpointId === endpoint.id);
      expect(done).toMatchObject({ status: 'delivered', attempts: 2, lastResponse: 200 });
      expect(await shardOf(ceremony).settled()).toBe(0);
    } finally {
      await restore();
    }
  });
});
