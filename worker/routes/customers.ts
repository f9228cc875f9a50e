/**
 * `/api/v1/customers/{handle}/reference`: the bank's systems (API key with scope `customers`) set
 * the bank's own reference for a customer, which agents can then find them by. A
 * reference names one customer at a time (CustomerReference: of two concurrent claims one wins,
 * the other is told 409); changing it releases the old one.
 */
import { Hono } from 'hono/tiny';
import { handleParam } from '../../shared/api.ts';
import { type ReferenceView, setReferenceBody } from '../../shared/customers.ts';
import { requireCaller } from '../http/api-auth.ts';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { handleOwner } from '../http/handle-owners.ts';
import { refuse } from '../http/refusals.ts';
import { accountById } from '../http/stubs.ts';
import { jsonBody, pathParams } from '../http/validate.ts';
import { accountSlotName, referenceName } from '../objects/customer-reference.ts';

export const customers = new Hono<AppEnv>()
  .use(requireCaller('customers', false))
  .put('/:handle/reference', pathParams(handleParam), jsonBody(setReferenceBody), async (c) => {
    const caller = c.var.caller;
    if (caller.kind !== 'key') return errorResponse(c, 'forbidden');
    const { handle } = c.req.valid('param');
    const { reference } = c.req.valid('json');
    // The bank's own systems know their customers: an unknown handle is said plainly.
    const accountId = await handleOwner(c, handle);
    const profile = accountId ? await accountById(c.env, accountId)?.view() : null;
    if (!accountId || profile?.role !== 'customer') return refuse(c, 'reference', 'not_found');

    const refs = c.env.CUSTOMER_REFERENCE;
    const claimed = await refs.get(refs.idFromName(referenceName(reference))).claim(accountId, reference);
    if (!claimed.ok) return refuse(c, 'reference', claimed.reason);
    const set = await refs.get(refs.idFromName(accountSlotName(accountId))).set(reference, `key:${caller.key.id}`);
    if (!set.ok) return refuse(c, 'reference', set.reason);
    const { previous } = set.value;
    if (previous !== null) await refs.get(refs.idFromName(referenceName(previous))).release(accountId);
    const answer: ReferenceView = { handle: profile.handle, reference };
    return c.json(answer, 200);
  });
