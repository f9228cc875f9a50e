/**
 * `/api/dev`: what only a development deployment has. Unless `DELIVERY` is `outbox` on a localhost
 * `ORIGIN`, every path here answers 404 `not_found`, exactly as an unknown route does.
 */
import { Hono } from 'hono/tiny';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { devOutbox } from '../messenger/dev-outbox.ts';

export const dev = new Hono<AppEnv>()
  .use(async (c, next) => (devOutbox(c.env) ? next() : errorResponse(c, 'not_found')))
  // No session: the outbox stands in for the phones and mailboxes of a dev laptop, which anyone
  // testing may read, and the whole route is absent wherever real messages are sent.
  .get('/outbox', async (c) => c.json({ messages: (await devOutbox(c.env)?.list(c.req.query('to'))) ?? [] }, 200));
