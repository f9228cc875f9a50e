/** SQL schema of the WebhookOutbox shards (docs/storage.md), and the one check of what a ceremony enqueues. */
import { type WebhookDeliveryWire, type WebhookEventType, webhookEventTypes } from '../../shared/webhooks.ts';
import type { Migration } from './schema-migrations.ts';

/** What a ceremony enqueues. */
export interface OutboxEvent {
  id: string;
  type: WebhookEventType;
  createdAt: number;
  data: Record<string, string | number | null>;
}

/** WebhookOutbox's schema versions (schema-migrations.ts). */
export const webhookOutboxMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    up: `CREATE TABLE IF NOT EXISTS events (
        event_id TEXT PRIMARY KEY, type TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL,
        fanned_out INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE IF NOT EXISTS deliveries (
        event_id TEXT NOT NULL, endpoint_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER, last_attempt_at INTEGER,
        last_response INTEGER, last_error TEXT, PRIMARY KEY (event_id, endpoint_id));
      CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (status, next_attempt_at);`,
  },
];

export type DeliveryRow = {
  event_id: string;
  endpoint_id: string;
  status: WebhookDeliveryWire['status'];
  attempts: number;
  next_attempt_at: number | null;
  last_attempt_at: number | null;
  last_response: number | null;
  last_error: string | null;
};

const eventIdPattern = /^[0-9a-f]{64}:[a-z_]{1,32}$/;

/** The event as a receiver gets it, or null when it is not well formed (ids and statuses only). */
export function bodyOf(event: OutboxEvent): string | null {
  if (!eventIdPattern.test(String(event?.id)) || !webhookEventTypes.includes(event.type)) return null;
  if (!Number.isFinite(event.createdAt) || typeof event.data !== 'object' || event.data === null) return null;
  const entries = Object.entries(event.data);
  const fits = ([k, v]: [string, unknown]) =>
    /^[a-z_]{1,32}$/.test(k) && (v === null || Number.isFinite(v) || (typeof v === 'string' && v.length <= 128));
  if (entries.length > 12 || !entries.every(fits)) return null;
  const created = new Date(event.createdAt).toISOString();
  return JSON.stringify({ id: event.id, type: event.type, created_at: created, data: event.data });
}
