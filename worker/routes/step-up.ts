/**
 * The sign-in step-up (risk-based): after the passkey, an unusual sign-in (new country,
 * impossible travel, new device, or the holder chose "always") also needs a code sent to the
 * account's verified phone or e-mail. Until it comes back there is no session, only a pending
 * sign-in named by the `__Host-step-up` cookie.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import { checkVerificationBody, resendVerificationBody, type VerificationView } from '../../shared/verifications.ts';
import type { StepUpReason } from '../core/risk.ts';
import { stepUpOwner } from '../core/verification-owners.ts';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { refuse } from '../http/refusals.ts';
import { readSessionCookie, sessionPolicy, writeSessionCookie } from '../http/session.ts';
import { sessionCache } from '../http/session-cache.ts';
import { accountById, fromString } from '../http/stubs.ts';
import { jsonBody } from '../http/validate.ts';
import { startVerification } from '../http/verification-start.ts';
import type { RiskySignIn } from '../objects/account.ts';

const stepUpCookie = '__Host-step-up';
const cookiePattern = /^([0-9a-f]{64})\.([A-Za-z0-9_-]{22,128})$/;
const checkBody = z.strictObject({ code: checkVerificationBody.shape.code });

function readStepUp(c: Context<AppEnv>) {
  const match = cookiePattern.exec(getCookie(c, stepUpCookie) ?? '');
  if (!match) return null;
  const account = accountById(c.env, match[1] as string);
  return account ? { accountId: match[1] as string, token: match[2] as string, account } : null;
}

const clearStepUp = (c: Context<AppEnv>) => deleteCookie(c, stepUpCookie, { path: '/', secure: true });

/** Sends the step-up code and answers `{ stepUp: { verification, reasons } }` (no session yet). */
export async function beginStepUp(c: Context<AppEnv>, pending: Extract<RiskySignIn, { kind: 'step_up' }>) {
  const accountId = pending.signedInAccountId;
  const started = await startVerification(c, {
    purpose: 'sign_in',
    channel: pending.destination.channel,
    account: { id: accountId, handle: pending.handle },
    transaction: null,
    owner: stepUpOwner(accountId),
  });
  // Refused with no verification standing: nothing to wait for. Else the verification stands (sent or not).
  if (!started.ok && !started.view) return started.response;
  const view = started.view as VerificationView;
  await accountById(c.env, accountId)?.attachStepUp(pending.pendingToken, view.id);
  setCookie(c, stepUpCookie, `${accountId}.${pending.pendingToken}`, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    maxAge: 600,
  });
  if (!started.ok) return started.response;
  return c.json({ stepUp: { verification: view, reasons: pending.decision.reasons } }, 200);
}

export const stepUp = new Hono<AppEnv>()
  .get('/', async (c) => {
    const pending = readStepUp(c);
    const id = pending ? await pending.account.stepUpVerification(pending.token) : null;
    const view = id ? await fromString(c.env.VERIFICATION, id)?.view(stepUpOwner(pending?.accountId ?? '')) : null;
    if (!pending || !view) return errorResponse(c, 'verification_not_found');
    const reasons = (await pending.account.stepUpReasons(pending.token)) as StepUpReason[];
    return c.json({ stepUp: { verification: view, reasons } }, 200);
  })

  .post('/', jsonBody(checkBody), async (c) => {
    const pending = readStepUp(c);
    const id = pending ? await pending.account.stepUpVerification(pending.token) : null;
    const verification = id ? fromString(c.env.VERIFICATION, id) : null;
    if (!pending || !verification) return errorResponse(c, 'verification_not_found');
    const checked = await verification.check(
      stepUpOwner(pending.accountId),
      c.req.valid('json').code,
      null,
      c.var.requestContext,
    );
    if (!checked.ok) {
      clearStepUp(c);
      return refuse(c, 'send', checked.reason);
    }
    const { status, attempts_left: left } = checked.value;
    if (status === 'pending') {
      // The tries left as a number beside the error, so that the app need not read them from the words.
      return errorResponse(
        c,
        'code_wrong',
        { code: left === 1 ? { text: 'code_wrong_one' } : { text: 'code_wrong', params: { left } } },
        { attempts_left: left },
      );
    }
    if (status !== 'approved') {
      clearStepUp(c);
      return errorResponse(c, 'verification_closed');
    }
    const signedIn = await pending.account.completeStepUp(pending.token, sessionPolicy(c), c.var.requestContext);
    if (!signedIn.ok && signedIn.reason === 'account_locked') return refuse(c, 'lock', signedIn.reason);
    if (!signedIn.ok) return errorResponse(c, 'verification_closed');
    clearStepUp(c);
    const previous = readSessionCookie(c);
    if (previous) {
      sessionCache.forget(`${previous.accountId}.${previous.token}`);
      await accountById(c.env, previous.accountId)?.signOut(previous.token, c.var.requestContext);
    }
    writeSessionCookie(c, signedIn.value.account.id, signedIn.value.token);
    return c.json({ account: signedIn.value.account }, 200);
  })

  // "Start again": the pending sign-in's code stops working and the device forgets it.
  .delete('/', async (c) => {
    const pending = readStepUp(c);
    const id = pending ? await pending.account.stepUpVerification(pending.token) : null;
    if (pending && id)
      await fromString(c.env.VERIFICATION, id)?.cancel(stepUpOwner(pending.accountId), c.var.requestContext);
    clearStepUp(c);
    return c.json({ ended: true }, 200);
  })

  .post('/resend', jsonBody(resendVerificationBody), async (c) => {
    const pending = readStepUp(c);
    const id = pending ? await pending.account.stepUpVerification(pending.token) : null;
    const verification = id ? fromString(c.env.VERIFICATION, id) : null;
    if (!pending || !verification) return errorResponse(c, 'verification_not_found');
    const sent = await verification.resend(
      stepUpOwner(pending.accountId),
      c.req.valid('json').channel ?? null,
      c.var.requestContext.ip,
      c.var.requestContext,
    );
    if (sent.ok) return c.json({ stepUp: { verification: sent.value } }, 200);
    return refuse(c, 'send', sent.reason, { retryAfterMs: sent.retryAfterMs });
  });
