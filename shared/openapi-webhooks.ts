/**
 * The `webhooks` of the OpenAPI document (OpenAPI 3.1 §4.8.1): what Countersign POSTs to an
 * endpoint an admin configured, one entry per event type, with the signature header and how a
 * receiver checks it (shared/webhook-signature.ts). The status lists are checked against the
 * ceremonies' own types: a state added there and not here is a type error.
 */
import type { CallState } from './call-view.ts';
import type { RecoveryState } from './recovery.ts';
import type { VerificationStatus } from './verifications.ts';
import { replayWindowSeconds, signatureHeader } from './webhook-signature.ts';
import type { WebhookEventType } from './webhooks.ts';

/** Every member of the union `T`, once: a missing one does not type-check. */
const every =
  <T extends string>() =>
  <const A extends readonly T[]>(...values: A & ([T] extends [A[number]] ? unknown : never)) =>
    values;

const id64 = { type: 'string', pattern: '^[0-9a-f]{64}$' };
const nullableId = { type: ['string', 'null'], pattern: '^[0-9a-f]{64}$' };

interface EventDoc {
  summary: string;
  statuses: readonly string[];
  idField: string;
  data: Record<string, Record<string, unknown> & { description: string }>;
}

const events: Record<WebhookEventType, EventDoc> = {
  'verification.status_changed': {
    summary: 'A one-time code verification changed status',
    statuses: every<VerificationStatus>()('pending', 'approved', 'max_attempts_reached', 'canceled', 'expired'),
    idField: 'verification_id',
    data: {
      purpose: {
        type: 'string',
        enum: ['sign_in', 'add_payee', 'payment', 'recovery', 'enrol_phone'],
        description: 'What the code is for.',
      },
      channel: { type: 'string', enum: ['sms', 'call', 'email'], description: 'How the code was sent.' },
      api_key_id: {
        type: ['string', 'null'],
        pattern: '^[0-9a-f]{16}$',
        description: 'The API key that started it; null when the app did.',
      },
    },
  },
  'call.status_changed': {
    summary: 'A two-way call verification changed status',
    statuses: every<CallState>()(
      'awaiting_customer',
      'customer_code_issued',
      'agent_code_issued',
      'verified',
      'declined',
      'failed',
      'canceled',
      'expired',
    ),
    idField: 'call_id',
    data: {
      agent_id: { ...id64, description: "The agent's account id." },
      customer_id: { ...id64, description: "The customer's account id." },
      failed_on: {
        type: ['string', 'null'],
        enum: ['customer_code', 'agent_code', null],
        description: 'Which code was wrong five times, when the call failed.',
      },
    },
  },
  'recovery.status_changed': {
    summary: 'A trusted-contact recovery changed status',
    statuses: every<RecoveryState>()(
      'first_factor',
      'choose_contacts',
      'collecting',
      'waiting',
      'ready',
      'completed',
      'aborted',
      'canceled',
      'expired',
    ),
    idField: 'recovery_id',
    data: {
      account_id: { ...nullableId, description: 'The account being recovered; null when the name given was nobody’s.' },
    },
  },
};

const verifying =
  `Verify before you trust it: take the raw body as received and the \`${signatureHeader}\` header ` +
  '`t=<unix seconds>,v1=<hex>`; refuse a `t` more than ' +
  `${replayWindowSeconds / 60} minutes from your clock; compute HMAC-SHA-256 of \`<t>.<raw body>\` keyed with ` +
  "the endpoint's secret (`whsec_…`, as shown once to the admin) and compare it with `v1` in constant time. " +
  'Delivery is at least once: answer 2xx within 10 s; anything else is retried after 30 s, 2 min, 10 min, 1 h, ' +
  '6 h and 24 h with the same body and `id`, so dedupe on `id`.';

function webhookOperation(type: WebhookEventType, doc: EventDoc) {
  const example = {
    id: `${'6b1e3c52'.repeat(8)}:${doc.statuses[1]}`,
    type,
    created_at: '2026-12-04T18:40:41.340Z',
    data: { [doc.idField]: '6b1e3c52'.repeat(8), status: doc.statuses[1] },
  };
  return {
    post: {
      operationId: `webhook_${type.replace('.', '_')}`,
      tags: ['Webhooks'],
      summary: doc.summary,
      description: `Sent to every endpoint subscribed to \`${type}\` when the ceremony enters a status. ${verifying}`,
      parameters: [
        {
          name: signatureHeader,
          in: 'header',
          required: true,
          description: '`t=<unix seconds>,v1=<hex HMAC-SHA-256 of "<t>.<raw body>">`',
          schema: { type: 'string' },
        },
        {
          name: 'Countersign-Event-Id',
          in: 'header',
          required: true,
          description: 'The event id, as in the body.',
          schema: { type: 'string' },
        },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['id', 'type', 'created_at', 'data'],
              additionalProperties: false,
              properties: {
                id: { type: 'string', description: '`<ceremony id>:<status>`: stable across retries. Dedupe on it.' },
                type: { type: 'string', const: type, description: 'The event type.' },
                created_at: { type: 'string', format: 'date-time', description: 'When the status changed.' },
                data: {
                  type: 'object',
                  required: [doc.idField, 'status', ...Object.keys(doc.data)],
                  properties: {
                    [doc.idField]: { ...id64, description: 'The ceremony id.' },
                    status: { type: 'string', enum: [...doc.statuses], description: 'The status it entered.' },
                    ...doc.data,
                  },
                },
              },
            },
            example,
          },
        },
      },
      responses: { '200': { description: 'Any 2xx: delivered. Anything else is retried.' } },
    },
  };
}

/** The document's `webhooks` object. */
export function webhookDocs() {
  return Object.fromEntries(
    (Object.entries(events) as [WebhookEventType, EventDoc][]).map(([type, doc]) => [
      type,
      webhookOperation(type, doc),
    ]),
  );
}
