/**
 * `/api/v1/verifications`: out-of-band one-time codes, shaped like Twilio Verify. Bank systems call
 * it with an API key (scope `verifications`); customers' apps with their session, for themselves.
 * A verification is seen and used only by whoever started it; anyone else is told it does not exist.
 */
import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import type { Transaction } from '../../shared/payee.ts';
import {
  checkVerificationBody,
  listVerificationsQuery,
  resendVerificationBody,
  startVerificationBody,
  type VerificationPage,
  verificationIdParam,
} from '../../shared/verifications.ts';
import { requireCaller } from '../http/api-auth.ts';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { startOnce } from '../http/idempotent-start.ts';
import { refuse } from '../http/refusals.ts';
import { fromString } from '../http/stubs.ts';
import { jsonBody, pathParams, queryParams } from '../http/validate.ts';
import {
  clientIpOf,
  launchStart,
  prepareStart,
  startVerification,
  type VerificationRequest,
} from '../http/verification-start.ts';

/** Who owns what a caller starts: its key, or its account. */
export function ownerOf(c: Context<AppEnv>): string {
  const caller = c.var.caller;
  return caller.kind === 'key' ? `key:${caller.key.id}` : `account:${caller.account.id}`;
}

const verificationOf = (c: Context<AppEnv>, id: string) => fromString(c.env.VERIFICATION, id);

export const verifications = new Hono<AppEnv>()
  .use(requireCaller('verifications', true))

  .post('/', jsonBody(startVerificationBody), async (c) => {
    const body = c.req.valid('json');
    const caller = c.var.caller;
    let account: { handle: string } | { id: string; handle: string } | undefined = body.account
      ? { handle: body.account }
      : undefined;
    // A bank system names the account, the destination, or both; the app's session names its own.
    if (caller.kind === 'key' && body.account === undefined && body.to === undefined) {
      return errorResponse(c, 'invalid_input', { account: { text: 'name_account' } });
    }
    if (caller.kind === 'account') {
      // In the app, a customer asks codes for their own account only.
      if (
        caller.account.role !== 'customer' ||
        (body.account !== undefined && body.account !== caller.account.handle)
      ) {
        return errorResponse(c, 'forbidden');
      }
      account = { id: caller.account.id, handle: caller.account.handle };
    }
    const request = () =>
      ({
        purpose: body.purpose,
        channel: body.channel,
        account,
        to: body.to,
        transaction: (body.transaction as Transaction | undefined) ?? null,
        owner: ownerOf(c),
        endUserIp: body.rate_limits?.end_user_ip_address,
      }) satisfies VerificationRequest;
    if (caller.kind === 'key')
      return startOnce(
        c,
        caller.key.id,
        body,
        () => prepareStart(c, request()),
        (input) => launchStart(c, input),
      );
    const started = await startVerification(c, request());
    return started.ok ? c.json(started.view, 201) : started.response;
  })

  .get('/', queryParams(listVerificationsQuery), async (c) => {
    const caller = c.var.caller;
    // Only a key has a list: each key sees only what it started (kept in its own ApiKey object).
    if (caller.kind !== 'key') return errorResponse(c, 'forbidden');
    const { limit, cursor } = c.req.valid('query');
    const page = await c.env.API_KEY.get(c.env.API_KEY.idFromName(`key:${caller.key.id}`)).listStarted(
      Number(limit ?? 20),
      cursor === undefined ? null : Number(cursor),
    );
    const answer: VerificationPage = {
      verifications: page.views,
      next_cursor: page.next === null ? null : String(page.next),
    };
    return c.json(answer, 200);
  })

  .get('/:id', pathParams(verificationIdParam), async (c) => {
    const view = await verificationOf(c, c.req.valid('param').id)?.view(ownerOf(c));
    return view ? c.json(view, 200) : errorResponse(c, 'verification_not_found');
  })

  .post('/:id/check', pathParams(verificationIdParam), jsonBody(checkVerificationBody), async (c) => {
    const { code, transaction } = c.req.valid('json');
    const checked = await verificationOf(c, c.req.valid('param').id)?.check(
      ownerOf(c),
      code,
      (transaction as Transaction | undefined) ?? null,
    );
    if (!checked) return errorResponse(c, 'verification_not_found');
    return checked.ok ? c.json(checked.value, 200) : refuse(c, 'send', checked.reason);
  })

  .post('/:id/resend', pathParams(verificationIdParam), jsonBody(resendVerificationBody), async (c) => {
    const { channel, rate_limits } = c.req.valid('json');
    const sent = await verificationOf(c, c.req.valid('param').id)?.resend(
      ownerOf(c),
      channel ?? null,
      clientIpOf(c, rate_limits?.end_user_ip_address),
    );
    if (!sent) return errorResponse(c, 'verification_not_found');
    if (sent.ok) return c.json(sent.value, 200);
    // A verification that still stands (a provider failure) comes back beside the error.
    return refuse(c, 'send', sent.reason, {
      retryAfterMs: sent.retryAfterMs,
      with: sent.view ? { verification: sent.view } : undefined,
    });
  })

  .post('/:id/cancel', pathParams(verificationIdParam), async (c) => {
    const canceled = await verificationOf(c, c.req.valid('param').id)?.cancel(ownerOf(c));
    if (!canceled) return errorResponse(c, 'verification_not_found');
    return canceled.ok ? c.json(canceled.value, 200) : refuse(c, 'send', canceled.reason);
  });
