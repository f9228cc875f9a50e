/** The agent console's own data. */
import { Hono } from 'hono/tiny';
import type { AppEnv } from '../http/context';
import { requireRole, requireSession } from '../http/session';

export const agent = new Hono<AppEnv>().use(requireSession, requireRole('agent')).get('/console', (c) => {
  const { displayName, team, handle } = c.var.account;
  return c.json({ agent: { displayName, team, handle } }, 200);
});
