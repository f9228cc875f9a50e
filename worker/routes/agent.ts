/** The agent console's own data. */
import { Hono } from 'hono/tiny';
import { fallbackCodeBody } from '../../shared/calls.ts';
import type { AppEnv } from '../http/context.ts';
import { requireRole, requireSession } from '../http/session.ts';
import { jsonBody } from '../http/validate.ts';
import { startVerification } from '../http/verification-start.ts';

export const agent = new Hono<AppEnv>()
  .use(requireSession, requireRole('agent'))
  .get('/console', (c) => {
    const { displayName, team, handle } = c.var.account;
    return c.json({ agent: { displayName, team, handle } }, 200);
  })

  /**
   * A customer without the app: a one-time code to their registered (verified) phone, which they
   * read back; the agent checks it at `/api/v1/verifications/{id}/check`. An unknown customer, or
   * one with no verified phone, gets the same answer and nothing is sent.
   */
  .post('/fallback-code', jsonBody(fallbackCodeBody), async (c) => {
    const { customer, channel } = c.req.valid('json');
    const started = await startVerification(c, {
      purpose: 'call_fallback',
      channel,
      account: { handle: customer },
      transaction: null,
      owner: `account:${c.var.account.id}`,
    });
    return started.ok ? c.json(started.view, 201) : started.response;
  });
