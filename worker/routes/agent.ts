/**
 * The agent console's own data: the agent, finding a customer, and the one-time code
 * to a customer's verified phone. Staff get the truth, audited (http/customer-lookup.ts).
 */
import { Hono } from 'hono/tiny';
import { fallbackCodeBody } from '../../shared/calls.ts';
import { customerLookupQuery, lookupKinds } from '../../shared/customers.ts';
import type { AppEnv } from '../http/context.ts';
import { findCustomer } from '../http/customer-lookup.ts';
import { refuse } from '../http/refusals.ts';
import { requireRole, requireSession } from '../http/session.ts';
import { jsonBody, queryParams } from '../http/validate.ts';
import { startVerification } from '../http/verification-start.ts';

export const agent = new Hono<AppEnv>()
  .use(requireSession, requireRole('agent'))
  .get('/console', (c) => {
    const { displayName, team, handle } = c.var.account;
    return c.json({ agent: { displayName, team, handle } }, 200);
  })

  /** Finds a customer by exactly one of handle, verified phone or the bank's reference. */
  .get('/customers', queryParams(customerLookupQuery), async (c) => {
    const query = c.req.valid('query');
    const kind = lookupKinds.find((k) => query[k] !== undefined) ?? 'handle';
    const found = await findCustomer(c, kind, query[kind] as string, 'search');
    if (!found.ok) return refuse(c, 'lookup', found.reason, { retryAfterMs: found.retryAfterMs });
    return c.json({ customer: found.value.details }, 200);
  })

  /**
   * A customer without the app: a one-time code to their verified phone, which they read back; the
   * agent checks it at `/api/v1/verifications/{id}/check`. An unknown customer, or one with no
   * verified phone, is said plainly (404, 409): never a decoy for staff.
   */
  .post('/fallback-code', jsonBody(fallbackCodeBody), async (c) => {
    const { customer, channel } = c.req.valid('json');
    const found = await findCustomer(c, 'handle', customer, 'fallback');
    if (!found.ok) return refuse(c, 'lookup', found.reason, { retryAfterMs: found.retryAfterMs });
    if (found.value.details.phone === null) return refuse(c, 'lookup', 'no_phone');
    const started = await startVerification(c, {
      purpose: 'call_fallback',
      channel,
      account: { id: found.value.id, handle: found.value.details.handle },
      transaction: null,
      owner: `account:${c.var.account.id}`,
      truthful: true,
    });
    return started.ok ? c.json(started.view, 201) : started.response;
  });
