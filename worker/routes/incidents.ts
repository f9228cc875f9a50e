/** Failed and reported call verifications, for agents and admins. */
import { Hono } from 'hono/tiny';
import type { AppEnv } from '../http/context.ts';
import { requireRole, requireSession } from '../http/session.ts';

export const incidents = new Hono<AppEnv>().use(requireSession, requireRole('agent', 'admin')).get('/', async (c) => {
  const log = c.env.INCIDENTS.get(c.env.INCIDENTS.idFromName('incidents'));
  return c.json({ incidents: await log.list(100) }, 200);
});
