/**
 * The holder's lock ("This wasn't me" → "Lock my account") and the bank's unlock. The routes only
 * pass who is asking: the Account checks the lock on every effect and code (account/lock.ts), and
 * the unlock asks the CallVerification, which asks the Account, which asks the call again.
 */
import { Hono } from 'hono/tiny';
import { callIdParam } from '../../shared/calls.ts';
import type { AppEnv } from '../http/context.ts';
import { refuse } from '../http/refusals.ts';
import { requireRole, requireSession } from '../http/session.ts';
import { sessionCache } from '../http/session-cache.ts';
import { callById, signedInAccount } from '../http/stubs.ts';
import { pathParams } from '../http/validate.ts';

/** `/api/me/lock`: the holder's own lock. */
export const meLock = new Hono<AppEnv>()
  .use(requireSession)
  .get('/lock', async (c) => c.json({ lock: await signedInAccount(c).lockView() }, 200))

  // A safe action: no fresh passkey (a customer in danger must not be slowed down), audited, idempotent.
  .post('/lock', requireRole('customer'), async (c) => {
    const locked = await signedInAccount(c).lock(c.var.sessionToken, c.var.requestContext);
    if (!locked.ok) return refuse(c, 'lock', locked.reason);
    // Every other session ended in the Account; this isolate forgets them now (others within seconds).
    sessionCache.forgetAccount(c.var.account.id);
    return c.json({ lock: locked.value }, 200);
  });

/** `/api/calls/:id/lock` and `/unlock`: for the agent of the call only. */
export const callLock = new Hono<AppEnv>()
  .use(requireSession)
  .get('/:id/lock', requireRole('agent'), pathParams(callIdParam), async (c) => {
    const seen = await callById(c.env, c.req.valid('param').id)?.customerLock(c.var.account.id);
    if (!seen?.ok) return refuse(c, 'lock', 'not_found');
    return c.json(seen.value, 200);
  })

  .post('/:id/unlock', requireRole('agent'), pathParams(callIdParam), async (c) => {
    const done = await callById(c.env, c.req.valid('param').id)?.unlockCustomer(c.var.account.id);
    if (!done?.ok) return refuse(c, 'lock', done?.reason ?? 'not_found');
    return c.json({ unlocked: done.value.unlocked, lock: null }, 200);
  });
