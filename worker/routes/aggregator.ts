/**
 * `/api/v1/accounts/{handle}`: what an aggregator (API key with scope `aggregator`) may read of an
 * account whose holder allowed it. Blocked by default; an unknown handle and a holder who did not
 * allow this aggregator get the same answer.
 */
import { Hono } from 'hono/tiny';
import { handleParam } from '../../shared/api.ts';
import { requireCaller } from '../http/api-auth.ts';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { accountById, handleClaim } from '../http/stubs.ts';
import { pathParams } from '../http/validate.ts';

export const aggregator = new Hono<AppEnv>()
  .use(requireCaller('aggregator', false))
  .get('/:handle', pathParams(handleParam), async (c) => {
    const caller = c.var.caller;
    const accountId = await handleClaim(c.env, c.req.valid('param').handle).owner();
    const account = accountId ? accountById(c.env, accountId) : null;
    const view = caller.kind === 'key' && account ? await account.aggregatorView(caller.key.id) : null;
    return view ? c.json(view, 200) : errorResponse(c, 'consent_required');
  });
