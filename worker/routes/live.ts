/** The signed-in person's live channel: calls concerning them, as they change ("is the bank calling me now?"). */
import { Hono } from 'hono/tiny';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { requireRole, requireSession } from '../http/session.ts';
import { accountById } from '../http/stubs.ts';

export const live = new Hono<AppEnv>()
  .use(requireSession)

  .get('/calls', requireRole('customer'), async (c) => {
    const account = accountById(c.env, c.var.account.id);
    return c.json({ calls: (await account?.liveCalls()) ?? [] }, 200);
  })

  .get('/socket', async (c) => {
    if (c.req.header('Upgrade') !== 'websocket')
      return errorResponse(c, 'invalid_input', { Upgrade: { text: 'websocket' } });
    if (c.req.header('Origin') !== c.var.settings.origin) return errorResponse(c, 'origin_rejected');
    const account = accountById(c.env, c.var.account.id);
    if (!account) return errorResponse(c, 'not_signed_in');
    return account.fetch(new Request(c.req.url, { headers: c.req.raw.headers }));
  });
