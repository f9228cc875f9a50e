/**
 * Webhooks for integrators: the event types, the admin's request bodies and the wire
 * shapes of endpoints, deliveries and the event body a receiver gets. Zod: the worker imports the
 * schemas; the PWA only the types.
 */
import * as z from 'zod/mini';
import { authenticationCredential } from './api.ts';

/** One event type per ceremony: its status changed (the new status is in `data.status`). */
export const webhookEventTypes = [
  'verification.status_changed',
  'call.status_changed',
  'recovery.status_changed',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export const maxWebhookUrlLength = 2048;

const ceremonyId = z
  .string({ error: 'Missing ceremony id.' })
  .check(z.regex(/^[0-9a-f]{64}$/, { error: 'Not a ceremony id.' }));

/**
 * An endpoint change (adding or deleting) carries the admin's fresh passkey assertion, purpose
 * `webhook` (`POST /api/admin/assertion/options`), as an API key does. Optional in the schema so
 * that a request without one is answered `403 fresh_assertion_required`, not a field error.
 */
const assertion = { ceremonyId: z.optional(ceremonyId), credential: z.optional(authenticationCredential) };
export const webhookChangeBody = z.strictObject(assertion);
export type WebhookChangeBody = z.input<typeof webhookChangeBody>;

export const createWebhookBody = z.strictObject({
  ...assertion,
  url: z
    .string({ error: 'Give the https URL that receives the events.' })
    .check(
      z.minLength(1, { error: 'Give the https URL that receives the events.' }),
      z.maxLength(maxWebhookUrlLength, { error: `At most ${maxWebhookUrlLength} characters.` }),
    ),
  types: z
    .array(z.enum(webhookEventTypes, { error: `Choose from ${webhookEventTypes.join(', ')}.` }), {
      error: 'Choose at least one event type.',
    })
    .check(
      z.minLength(1, { error: 'Choose at least one event type.' }),
      z.maxLength(webhookEventTypes.length, { error: 'Each event type once.' }),
    ),
});
export type CreateWebhookBody = z.input<typeof createWebhookBody>;

export const webhookIdParam = z.strictObject({
  id: z.string().check(z.regex(/^wh_[0-9a-f]{16}$/, { error: 'Not a webhook endpoint id.' })),
});

export const webhookDeliveriesQuery = z.strictObject({
  limit: z.optional(z.string().check(z.regex(/^(?:[1-9]|[1-9]\d|100)$/, { error: 'A number from 1 to 100.' }))),
});

/** An endpoint as the admin sees it (its secret is shown once, at creation, never again). */
export interface WebhookEndpointWire {
  id: string;
  url: string;
  types: WebhookEventType[];
  createdAt: number;
  createdBy: string;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event's delivery to one endpoint. */
export interface WebhookDeliveryWire {
  eventId: string;
  type: WebhookEventType;
  endpointId: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  createdAt: number;
  lastAttemptAt: number | null;
  /** The receiver's HTTP status of the last attempt, or null (no answer: timeout, network error). */
  lastResponse: number | null;
  lastError: string | null;
  nextAttemptAt: number | null;
}

/** What a receiver gets: ids and statuses only, never a code, a name or a full phone number. */
export interface WebhookEventBody {
  /** Stable: `<ceremony id>:<status>`. A retry, or a second delivery, carries the same id: dedupe on it. */
  id: string;
  type: WebhookEventType;
  /** When the status changed (ISO 8601). */
  created_at: string;
  data: Record<string, string | number | null>;
}
