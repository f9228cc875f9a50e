/** Web Push: the public VAPID key browsers subscribe with, and the signed-in account's subscriptions. */
import { Hono } from 'hono/tiny';
import { pushSubscriptionBody, pushUnsubscribeBody } from '../../shared/api.ts';
import type { AppEnv } from '../http/context.ts';
import { refuse } from '../http/refusals.ts';
import { requireSession } from '../http/session.ts';
import { signedInAccount } from '../http/stubs.ts';
import { jsonBody } from '../http/validate.ts';
import { pushEndpointAllowed, pushEndpointPolicy } from '../notify/push-endpoints.ts';
import { vapidFromEnv } from '../notify/web-push.ts';

/** `/api/push`: the application server key (RFC 8292 §3.2) is public, so no session is needed. */
export const pushKey = new Hono<AppEnv>().get('/key', (c) =>
  c.json({ publicKey: vapidFromEnv(c.env)?.publicKey ?? null }, 200),
);

/** `/api/me/push-subscriptions`: the browsers of the signed-in account that get call alerts. */
export const pushSubscriptions = new Hono<AppEnv>()
  .use(requireSession)
  .post('/', jsonBody(pushSubscriptionBody), async (c) => {
    // Checked here for the field error, and again by the Account object and by the sender.
    if (!pushEndpointAllowed(c.req.valid('json').endpoint, pushEndpointPolicy(c.env))) {
      return refuse(c, 'push', 'unknown_push_service');
    }
    const account = signedInAccount(c);
    const added = await account.addPushSubscription(c.req.valid('json'), c.var.requestContext);
    if (!added.ok) return refuse(c, 'push', added.reason);
    return c.json({ subscribed: true }, 201);
  })

  // Idempotent: a subscription already dropped (gone, or over the cap) is as good as removed.
  .delete('/', jsonBody(pushUnsubscribeBody), async (c) => {
    const account = signedInAccount(c);
    await account.removePushSubscription(c.req.valid('json').endpoint, c.var.requestContext);
    return c.json({ subscribed: false }, 200);
  });
