/**
 * WebhookOutbox: one shard of the webhook queue, `idFromName('webhooks:<n>')`, n from a
 * hash of the ceremony id (worker/core/webhook-rules.ts), so no single object takes every event.
 * A ceremony enqueues each status it enters; the event id is the primary key, so a retried enqueue
 * is harmless. The shard's alarm fans each event out to the endpoints that subscribed to its type
 * (read from WebhookConfig, kept 30 s) and delivers, retrying with backoff; 2xx is delivered, after
 * the last retry the delivery is failed. Tables `events`, `deliveries` (docs/storage.md).
 */
import { DurableObject } from 'cloudflare:workers';
import type { WebhookDeliveryWire, WebhookEventType } from '../../shared/webhooks.ts';
import { now } from '../core/clock.ts';
import { errorText, log } from '../core/log.ts';
import { deliveryTimeoutOf, nextAttemptAfter } from '../core/webhook-rules.ts';
import type { Env } from '../env.ts';
import { attemptDelivery } from '../webhooks/deliver.ts';
import { migrate } from './schema-migrations.ts';
import type { DeliveryEndpoint } from './webhook-config.ts';
import { bodyOf, type DeliveryRow, type OutboxEvent, webhookOutboxMigrations } from './webhook-outbox-schema.ts';

export type { OutboxEvent };

/** How long the endpoints read from WebhookConfig are trusted (an admin's change takes at most this). */
export const endpointCacheMs = 30_000;
/** Ended deliveries are kept this long for the admin's list, then deleted with their event. */
const retentionMs = 7 * 86_400_000;
/**
 * An event no endpoint subscribed to is kept only this long: long enough to dedupe a ceremony's
 * retried enqueue (a minute apart), short enough that a busy bank with no endpoints stores nothing.
 */
const unsentRetentionMs = 3_600_000;
/** Deliveries attempted per alarm run (in parallel); more due ones run in the next, at once. */
const batch = 25;

export class WebhookOutbox extends DurableObject<Env> {
  #sql: SqlStorage;
  #endpoints: { at: number; list: DeliveryEndpoint[] } | null = null;
  #running: Promise<void> | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    migrate(ctx.storage, 'WebhookOutbox', webhookOutboxMigrations);
  }

  /** Queues an event once (its id is the key); the alarm delivers it. False for a malformed event. */
  async enqueue(event: OutboxEvent): Promise<{ queued: boolean; duplicate: boolean }> {
    const body = bodyOf(event);
    if (!body) return { queued: false, duplicate: false };
    const written = this.#sql.exec(
      'INSERT INTO events (event_id, type, body, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING',
      event.id,
      event.type,
      body,
      event.createdAt,
    ).rowsWritten;
    if (written > 0) {
      const alarm = await this.ctx.storage.getAlarm();
      if (alarm === null || alarm > now()) await this.ctx.storage.setAlarm(now());
    }
    return { queued: true, duplicate: written === 0 };
  }

  /** An admin changed the endpoints: read them again at the next delivery. */
  forgetEndpoints(): void {
    this.#endpoints = null;
  }

  /** The most recent deliveries of this shard, newest first. */
  deliveries(limit: number): WebhookDeliveryWire[] {
    const n = Math.min(100, Math.max(1, Math.floor(Number(limit) || 50)));
    return this.#sql
      .exec<DeliveryRow & { type: WebhookEventType; created_at: number }>(
        `SELECT d.*, e.type, e.created_at FROM deliveries d JOIN events e ON e.event_id = d.event_id
         ORDER BY e.created_at DESC, d.endpoint_id LIMIT ?`,
        n,
      )
      .toArray()
      .map((r) => ({
        eventId: r.event_id,
        type: r.type,
        endpointId: r.endpoint_id,
        status: r.status,
        attempts: r.attempts,
        createdAt: r.created_at,
        lastAttemptAt: r.last_attempt_at,
        lastResponse: r.last_response,
        lastError: r.last_error,
        nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
      }));
  }

  /** What waits to be done now: events not yet fanned out and deliveries due (for operators and tests). */
  backlog(): number {
    const fresh = this.#sql.exec<{ n: number }>('SELECT count(*) AS n FROM events WHERE fanned_out = 0').one().n;
    const due = this.#sql
      .exec<{ n: number }>(
        "SELECT count(*) AS n FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ?",
        now(),
      )
      .one().n;
    return fresh + due;
  }

  /** Waits for an alarm run in progress to finish, then answers the backlog. */
  async settled(): Promise<number> {
    await this.#running;
    return this.backlog();
  }

  /**
   * One run at a time, even where a runtime (or a test) starts a second alarm while the first
   * awaits a receiver: the second waits, then sees what the first delivered, and sends it no more.
   */
  override async alarm(): Promise<void> {
    const previous = this.#running;
    const run = (async () => {
      await previous?.catch(() => {});
      await this.#run();
    })();
    this.#running = run;
    try {
      await run;
    } finally {
      if (this.#running === run) this.#running = null;
    }
  }

  /** Fans new events out, delivers what is due, forgets what ended a week ago, sets the next alarm. */
  async #run(): Promise<void> {
    const endpoints = await this.#readEndpoints();
    if (!endpoints) {
      await this.ctx.storage.setAlarm(now() + endpointCacheMs);
      return;
    }
    this.#fanOut(endpoints);
    const due = this.#sql
      .exec<DeliveryRow>(
        `SELECT d.* FROM deliveries d JOIN events e ON e.event_id = d.event_id
         WHERE d.status = 'pending' AND d.next_attempt_at <= ? ORDER BY e.created_at, e.event_id LIMIT ?`,
        now(),
        batch,
      )
      .toArray();
    // Endpoints in parallel; each endpoint's events one after another, oldest first (a slow
    // receiver delays only itself, and a healthy one sees a ceremony's statuses in order).
    const byEndpoint = new Map<string, DeliveryRow[]>();
    for (const d of due) byEndpoint.set(d.endpoint_id, [...(byEndpoint.get(d.endpoint_id) ?? []), d]);
    await Promise.all(
      [...byEndpoint.values()].map(async (deliveries) => {
        for (const d of deliveries) await this.#attempt(d, endpoints);
      }),
    );
    this.#sql.exec(
      `DELETE FROM deliveries WHERE event_id IN (SELECT event_id FROM events WHERE created_at < ?)
         AND event_id NOT IN (SELECT event_id FROM deliveries WHERE status = 'pending')`,
      now() - retentionMs,
    );
    this.#sql.exec(
      'DELETE FROM events WHERE created_at < ? AND fanned_out = 1 AND event_id NOT IN (SELECT event_id FROM deliveries)',
      now() - unsentRetentionMs,
    );
    await this.#scheduleNext();
  }

  /** Each new event gets one pending delivery per endpoint subscribed to its type (possibly none). */
  #fanOut(endpoints: DeliveryEndpoint[]): void {
    const fresh = this.#sql
      .exec<{ event_id: string; type: WebhookEventType }>('SELECT event_id, type FROM events WHERE fanned_out = 0')
      .toArray();
    for (const event of fresh) {
      for (const endpoint of endpoints.filter((e) => e.types.includes(event.type))) {
        this.#sql.exec(
          `INSERT INTO deliveries (event_id, endpoint_id, status, next_attempt_at) VALUES (?, ?, 'pending', ?)
           ON CONFLICT DO NOTHING`,
          event.event_id,
          endpoint.id,
          now(),
        );
      }
      this.#sql.exec('UPDATE events SET fanned_out = 1 WHERE event_id = ?', event.event_id);
    }
  }

  async #attempt(delivery: DeliveryRow, endpoints: DeliveryEndpoint[]): Promise<void> {
    const endpoint = endpoints.find((e) => e.id === delivery.endpoint_id);
    const at = now();
    if (!endpoint) {
      this.#record(delivery, 'failed', null, null, 'endpoint deleted', at);
      return;
    }
    const event = this.#sql
      .exec<{ body: string }>('SELECT body FROM events WHERE event_id = ?', delivery.event_id)
      .toArray()[0];
    if (!event) return;
    const timeoutMs = deliveryTimeoutOf(this.env.WEBHOOK_TIMEOUT_SECONDS);
    const attempt = await attemptDelivery(endpoint, delivery.event_id, event.body, this.env.ORIGIN, timeoutMs);
    const attempts = delivery.attempts + 1;
    const answeredAt = now();
    if (attempt.delivered) return this.#record(delivery, 'delivered', null, attempt.status, null, answeredAt);
    const next = nextAttemptAfter(attempts, answeredAt);
    log(next === null ? 'error' : 'warn', 'webhook_not_delivered', {
      eventId: delivery.event_id,
      endpoint: endpoint.id,
      attempts,
      status: attempt.status,
      error: attempt.detail ?? attempt.error,
      retry: next === null ? 'none' : new Date(next).toISOString(),
    });
    this.#record(delivery, next === null ? 'failed' : 'pending', next, attempt.status, attempt.error, answeredAt);
  }

  #record(
    d: DeliveryRow,
    status: DeliveryRow['status'],
    next: number | null,
    response: number | null,
    error: string | null,
    at: number,
  ): void {
    this.#sql.exec(
      `UPDATE deliveries SET status = ?, attempts = attempts + 1, next_attempt_at = ?, last_attempt_at = ?,
         last_response = ?, last_error = ? WHERE event_id = ? AND endpoint_id = ?`,
      status,
      next,
      at,
      response,
      error,
      d.event_id,
      d.endpoint_id,
    );
  }

  /** The endpoints, from WebhookConfig at most every 30 s; null when it cannot be read now. */
  async #readEndpoints(): Promise<DeliveryEndpoint[] | null> {
    if (this.#endpoints && now() - this.#endpoints.at < endpointCacheMs) return this.#endpoints.list;
    try {
      const list = await this.env.WEBHOOK_CONFIG.get(this.env.WEBHOOK_CONFIG.idFromName('webhooks')).forDelivery();
      this.#endpoints = { at: now(), list };
      return list;
    } catch (error) {
      log('warn', 'webhook_config_unread', { error: errorText(error) });
      return null;
    }
  }

  async #scheduleNext(): Promise<void> {
    const fresh = this.#sql.exec('SELECT 1 FROM events WHERE fanned_out = 0 LIMIT 1').toArray().length > 0;
    const next = this.#sql
      .exec<{ at: number | null }>("SELECT min(next_attempt_at) AS at FROM deliveries WHERE status = 'pending'")
      .one().at;
    // Otherwise wake up to forget: the oldest unsent event after an hour, the oldest delivered one after a week.
    const unsent = this.#sql
      .exec<{ at: number | null }>(
        'SELECT min(created_at) AS at FROM events WHERE event_id NOT IN (SELECT event_id FROM deliveries)',
      )
      .one().at;
    const ended = this.#sql.exec<{ at: number | null }>('SELECT min(created_at) AS at FROM events').one().at;
    const forget = [unsent === null ? null : unsent + unsentRetentionMs, ended === null ? null : ended + retentionMs]
      .filter((t): t is number => t !== null)
      .sort((a, b) => a - b)[0];
    const at = fresh ? now() : (next ?? forget ?? null);
    if (at === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(Math.max(at, now()));
  }
}
