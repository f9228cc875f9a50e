/**
 * Admin: webhook endpoints. Adding one answers its signing secret, once; listing and
 * deleting; and the recent deliveries of every shard with their status. Admin role and session,
 * like the rest of `/api/admin`; adding and deleting also need the admin's fresh passkey assertion
 * (`/api/admin/assertion/options`, purpose webhook), which WebhookConfig uses up itself. An
 * endpoint change is told to every shard at once (their cache of the endpoints would otherwise keep
 * it up to 30 s).
 */
import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import {
  createWebhookBody,
  type WebhookChangeBody,
  webhookChangeBody,
  webhookDeliveriesQuery,
  webhookIdParam,
} from '../../shared/webhooks.ts';
import { errorText, log } from '../core/log.ts';
import { webhookShardCount } from '../core/webhook-rules.ts';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { checkAssertion } from '../http/fresh-assertion.ts';
import { refuse } from '../http/refusals.ts';
import { requireRole, requireSession } from '../http/session.ts';
import { jsonBody, pathParams, queryParams } from '../http/validate.ts';

type Bindings = AppEnv['Bindings'];

const configOf = (env: Bindings) => env.WEBHOOK_CONFIG.get(env.WEBHOOK_CONFIG.idFromName('webhooks'));
const shards = (env: Bindings) =>
  Array.from({ length: webhookShardCount }, (_, n) =>
    env.WEBHOOK_OUTBOX.get(env.WEBHOOK_OUTBOX.idFromName(`webhooks:${n}`)),
  );

/** Every shard reads the endpoints again at its next delivery; one that cannot be told catches up within 30 s. */
async function forgetEndpointsEverywhere(env: Bindings): Promise<void> {
  const told = await Promise.allSettled(shards(env).map((s) => s.forgetEndpoints()));
  const untold = told.filter((t) => t.status === 'rejected');
  if (untold.length > 0) log('warn', 'webhook_shards_not_told', { untold: untold.length, error: errorText(untold[0]) });
}

/** The admin's fresh assertion for an endpoint change, checked; none at all is 403 `fresh_assertion_required`. */
async function webhookAssertion(c: Context<AppEnv>, body: WebhookChangeBody) {
  if (!body.ceremonyId || !body.credential) {
    return { ok: false as const, response: errorResponse(c, 'fresh_assertion_required') };
  }
  const asserted = await checkAssertion(c, 'staff_webhook', body.ceremonyId, body.credential);
  return asserted.ok ? { ok: true as const, ceremonyId: body.ceremonyId } : asserted;
}

export const webhooks = new Hono<AppEnv>()
  .use(requireSession, requireRole('admin'))

  .post('/', jsonBody(createWebhookBody), async (c) => {
    const body = c.req.valid('json');
    const asserted = await webhookAssertion(c, body);
    if (!asserted.ok) return asserted.response;
    const created = await configOf(c.env).create(
      { url: body.url, types: body.types, createdBy: c.var.account.handle },
      { adminId: c.var.account.id, proofId: asserted.ceremonyId, context: c.var.requestContext },
    );
    if (!created.ok) return refuse(c, 'webhooks', created.reason);
    await forgetEndpointsEverywhere(c.env);
    log('info', 'webhook_endpoint_created', { endpoint: created.value.endpoint.id, by: c.var.account.id });
    // The secret is shown once, here; the worker keeps it only to sign.
    return c.json(created.value, 201);
  })

  .get('/', async (c) => c.json({ endpoints: await configOf(c.env).list() }, 200))

  .get('/deliveries', queryParams(webhookDeliveriesQuery), async (c) => {
    const limit = Number(c.req.valid('query').limit ?? 50);
    const each = await Promise.all(shards(c.env).map((s) => s.deliveries(limit)));
    const deliveries = each
      .flat()
      .sort((a, b) => b.createdAt - a.createdAt || a.eventId.localeCompare(b.eventId))
      .slice(0, limit);
    return c.json({ deliveries }, 200);
  })

  // A POST with the assertion in its body (as `POST /api/me/passkeys/:id/remove`), not a DELETE.
  .post('/:id/delete', pathParams(webhookIdParam), jsonBody(webhookChangeBody), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const asserted = await webhookAssertion(c, body);
    if (!asserted.ok) return asserted.response;
    const removed = await configOf(c.env).remove(id, {
      adminId: c.var.account.id,
      proofId: asserted.ceremonyId,
      context: c.var.requestContext,
    });
    if (!removed.ok) return refuse(c, 'webhooks', removed.reason);
    await forgetEndpointsEverywhere(c.env);
    log('info', 'webhook_endpoint_deleted', { endpoint: id, by: c.var.account.id });
    return c.json({ deleted: id }, 200);
  });
