/**
 * `/api/dev`: what only a development deployment has. Unless `DELIVERY` is `outbox` on a localhost
 * `ORIGIN`, every path here answers 404 `not_found`, exactly as an unknown route does.
 */
import { Hono } from 'hono/tiny';
import { outboxAllowed, outboxStub } from '../delivery/outbox.ts';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';

export const dev = new Hono<AppEnv>()
  .use(async (c, next) => (outboxAllowed(c.env) ? next() : errorResponse(c, 'not_found')))
  // No session: the outbox stands in for the phones and mailboxes of a dev laptop, which anyone
  // testing may read, and the whole route is absent wherever real messages are sent.
  .get('/outbox', async (c) => c.json({ messages: await outboxStub(c.env.OUTBOX).list(c.req.query('to')) }, 200));
