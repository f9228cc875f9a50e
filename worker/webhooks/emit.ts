/**
 * The one way a ceremony (Verification, CallVerification, Recovery) announces a status to webhooks
 *. At least once, by construction:
 *
 * 1. The event is written to the ceremony's own `webhook_events` table first, with its stable id
 *    `<ceremony id>:<status>` (a status already written is not written again).
 * 2. Then every event not yet enqueued is handed to its WebhookOutbox shard, after the answer:
 *    the ceremony does not wait for its shard (`ctx.waitUntil`; one hand-over at a time per object,
 *    in the order the statuses came). The shard keys events by id, so handing one over twice is
 *    harmless. Only a shard's answer marks it enqueued.
 * 3. An event the shard did not take stays in the ceremony and is handed over again on the
 *    ceremony's next status and from its alarm: `retryAlarm` pulls the alarm to within a minute
 *    (for objects whose alarm may fire early), and `deleteAllOnceEnqueued` replaces the alarm's
 *    final `deleteAll`, so no object forgets an event it has not handed over.
 */
import type { WebhookEventType } from '../../shared/webhooks.ts';
import { now } from '../core/clock.ts';
import { errorText, log } from '../core/log.ts';
import { webhookShardOf } from '../core/webhook-rules.ts';
import type { Env } from '../env.ts';
import type { Migration } from '../objects/schema-migrations.ts';
import type { OutboxEvent } from '../objects/webhook-outbox.ts';

/** The table each ceremony object adds by a migration of its own (docs/storage.md). */
export const webhookEventsTable = `CREATE TABLE IF NOT EXISTS webhook_events (
  event_id TEXT PRIMARY KEY,
  event TEXT NOT NULL,
  enqueued INTEGER NOT NULL DEFAULT 0
)`;
export const webhookEventsMigration = (version: number): Migration => ({
  version,
  name: 'webhook events',
  up: webhookEventsTable,
});

/** A ceremony's status: its kind, its id (the object id), the status, and ids that go with it. */
export interface CeremonyStatus {
  kind: 'verification' | 'call' | 'recovery';
  id: string;
  status: string;
  data?: Record<string, string | number | null>;
}

/** How soon an event a shard did not take is handed over again. */
export const reenqueueMs = 60_000;

/** The shard that queues a ceremony's events. */
export const outboxOf = (env: Env, ceremonyId: string) =>
  env.WEBHOOK_OUTBOX.get(env.WEBHOOK_OUTBOX.idFromName(`webhooks:${webhookShardOf(ceremonyId)}`));

/** Each object's hand-over under way (one at a time, in order), for its alarm and for tests. */
const handingOver = new WeakMap<DurableObjectState, Promise<void>>();

/** Resolves once the hand-overs this object has begun are done (each ended taken or left waiting). */
export function handedOver(ctx: DurableObjectState): Promise<void> {
  return handingOver.get(ctx) ?? Promise.resolve();
}

/**
 * Records the ceremony's status as an event (once per status), before it returns, and hands every
 * waiting event over after the answer: a slow or unreachable shard does not delay the ceremony.
 * An event a hand-over did not place stays waiting, and the ceremony's alarm hands it over.
 */
export async function emitStatus(
  ctx: DurableObjectState,
  env: Env,
  status: CeremonyStatus | null,
  options: { retryAlarm: boolean } = { retryAlarm: true },
): Promise<void> {
  if (status) {
    const event: OutboxEvent = {
      id: `${status.id}:${status.status}`,
      type: `${status.kind}.status_changed` satisfies WebhookEventType,
      createdAt: now(),
      data: { [`${status.kind}_id`]: status.id, status: status.status, ...status.data },
    };
    ctx.storage.sql.exec(
      'INSERT INTO webhook_events (event_id, event) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING',
      event.id,
      JSON.stringify(event),
    );
  }
  const handOver = handedOver(ctx)
    .then(() => handOverNow(ctx, env, options.retryAlarm))
    .catch((error) => log('warn', 'webhook_hand_over_failed', { error: errorText(error), retry: 'alarm' }));
  handingOver.set(ctx, handOver);
  ctx.waitUntil(handOver);
}

/** Hands every waiting event over; if one is left, pulls the alarm to within a minute (when asked). */
async function handOverNow(ctx: DurableObjectState, env: Env, retryAlarm: boolean): Promise<void> {
  if (!(await enqueueWaiting(ctx, env)) && retryAlarm) {
    const alarm = await ctx.storage.getAlarm();
    if (alarm === null || alarm > now() + reenqueueMs) await ctx.storage.setAlarm(now() + reenqueueMs);
  }
}

/** Hands every event not yet enqueued to its shard; true when none is left waiting. */
export async function enqueueWaiting(ctx: DurableObjectState, env: Env): Promise<boolean> {
  const waiting = ctx.storage.sql
    .exec<{ event_id: string; event: string }>('SELECT event_id, event FROM webhook_events WHERE enqueued = 0')
    .toArray();
  let all = true;
  for (const row of waiting) {
    const event = JSON.parse(row.event) as OutboxEvent;
    try {
      const answer = await outboxOf(env, row.event_id.split(':')[0] as string).enqueue(event);
      // A malformed event is a fault of ours: logged, and not offered again and again.
      if (!answer.queued) log('error', 'webhook_event_malformed', { eventId: row.event_id });
      ctx.storage.sql.exec('UPDATE webhook_events SET enqueued = 1 WHERE event_id = ?', row.event_id);
    } catch (error) {
      all = false;
      log('warn', 'webhook_event_not_enqueued', { eventId: row.event_id, error: errorText(error), retry: 'alarm' });
    }
  }
  return all;
}

/**
 * For a ceremony's alarm, instead of `ctx.storage.deleteAll()`: deletes everything once every event
 * is enqueued (true); otherwise keeps the object and sets its alarm a minute away (false: the
 * caller returns and the next alarm tries again).
 */
export async function deleteAllOnceEnqueued(ctx: DurableObjectState, env: Env): Promise<boolean> {
  await handedOver(ctx);
  if (!(await enqueueWaiting(ctx, env))) {
    await ctx.storage.setAlarm(now() + reenqueueMs);
    return false;
  }
  await ctx.storage.deleteAll();
  return true;
}
