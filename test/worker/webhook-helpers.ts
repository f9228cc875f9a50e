/** Steps for webhook tests: endpoints at the local receiver, running a shard's alarm, reading deliveries. */
import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { inject } from 'vitest';
import type { WebhookEndpointWire, WebhookEventBody, WebhookEventType } from '../../shared/webhooks.ts';
import { webhookShardOf } from '../../worker/core/webhook-rules.ts';
import type { Person } from './call-helpers.ts';
import { call } from './client.ts';
import { staffAssertion } from './otp-helpers.ts';
import type { ReceivedDelivery } from './webhook-receiver.ts';

export const receiver = inject('webhookReceiver');

/** Adds an endpoint with the admin's fresh passkey assertion (purpose webhook); answers the raw answer. */
export async function addEndpoint(admin: Person, body: Record<string, unknown>) {
  return call<{ endpoint: WebhookEndpointWire; secret: string }>('/api/admin/webhooks', {
    body: { ...body, ...(await staffAssertion(admin, 'webhook')) },
    cookie: admin.session,
  });
}

/** Deletes an endpoint with the admin's fresh passkey assertion; answers the raw answer. */
export async function deleteEndpoint(admin: Person, id: string) {
  return call(`/api/admin/webhooks/${id}/delete`, {
    body: await staffAssertion(admin, 'webhook'),
    cookie: admin.session,
  });
}

/** An endpoint at the local receiver, under its own name; answers the endpoint and its secret. */
export async function endpointAt(admin: Person, name: string, types: WebhookEventType[]) {
  const created = await addEndpoint(admin, { url: `${receiver}/hooks/${name}`, types });
  if (created.status !== 201) throw new Error(`endpoint: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}

/** The statuses the receiver `name` answers its next deliveries with (then 200 again). */
export async function planAnswers(name: string, statuses: number[]) {
  await fetch(`${receiver}/plans/${name}`, { method: 'PUT', body: JSON.stringify(statuses) });
}

/** What the receiver `name` got, in order. */
export async function received(name: string): Promise<(ReceivedDelivery & { event: WebhookEventBody })[]> {
  const log = (await (await fetch(`${receiver}/log/${name}`)).json()) as ReceivedDelivery[];
  return log.map((d) => ({ ...d, event: JSON.parse(d.body) as WebhookEventBody }));
}

/** The shard that holds a ceremony's events. */
export const shardOf = (ceremonyId: string) =>
  env.WEBHOOK_OUTBOX.get(env.WEBHOOK_OUTBOX.idFromName(`webhooks:${webhookShardOf(ceremonyId)}`));

/**
 * Runs the shard's alarm until nothing is due now (a run the runtime started itself is waited for):
 * deliveries due later (a retry) stay for the test to reach by moving the clock.
 */
export async function deliverDue(ceremonyId: string): Promise<void> {
  const shard = shardOf(ceremonyId);
  for (let round = 0; round < 50; round++) {
    if ((await shard.settled()) === 0) return;
    if (!(await runDurableObjectAlarm(shard))) await new Promise((resume) => setTimeout(resume, 5));
  }
  throw new Error(`shard of ${ceremonyId} still has work after 50 rounds`);
}

/** The shard's deliveries of one event. */
export async function deliveriesOf(eventId: string) {
  const all = await shardOf(eventId.split(':')[0] as string).deliveries(100);
  return all.filter((d) => d.eventId === eventId);
}
