/** Signing in with a passkey (usernameless: the authenticator offers the account) and signing out. */
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { Hono } from 'hono/tiny';
import { signInVerifyBody } from '../../shared/api.ts';
import { toHex } from '../core/hash.ts';
import { authenticationOptions, verifyAssertion } from '../core/passkeys.ts';
import { fromBase64Url } from '../core/random.ts';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { requestPlace } from '../http/place.ts';
import {
  clearSessionCookie,
  readSessionCookie,
  requireSession,
  sessionPolicy,
  writeSessionCookie,
} from '../http/session.ts';
import { sessionCache } from '../http/session-cache.ts';
import { accountById, ceremonyById } from '../http/stubs.ts';
import { jsonBody } from '../http/validate.ts';
import { beginStepUp, stepUp } from './step-up.ts';

export const session = new Hono<AppEnv>()
  .post('/options', async (c) => {
    const options = await authenticationOptions(c.var.settings);
    const ceremonyId = c.env.PASSKEY_CHALLENGE.newUniqueId();
    await c.env.PASSKEY_CHALLENGE.get(ceremonyId).open(
      { purpose: 'sign_in', challenge: options.challenge, accountId: null, registration: null, role: null },
      c.var.settings.passkeyChallengeTtlMs,
    );
    return c.json({ ceremonyId: ceremonyId.toString(), options }, 200);
  })

  .post('/verify', jsonBody(signInVerifyBody), async (c) => {
    const body = c.req.valid('json');
    const ceremony = await ceremonyById(c.env, body.ceremonyId)?.consume('sign_in');
    if (!ceremony?.ok) return errorResponse(c, 'ceremony_invalid');

    // The user handle is the account id (set at registration): no lookup table is needed.
    const userHandle = fromBase64Url(body.credential.response.userHandle ?? '');
    const account = userHandle ? accountById(c.env, toHex(userHandle)) : null;
    const stored = account ? await account.credential(body.credential.id) : null;
    const context = c.var.requestContext;
    // Unknown account and unknown passkey answer exactly like a bad signature (no enumeration).
    if (!account || !stored) {
      await account?.recordFailedSignIn('unknown_credential', context);
      return errorResponse(c, 'sign_in_failed');
    }
    const verified = await verifyAssertion(
      c.var.settings,
      body.credential as AuthenticationResponseJSON,
      ceremony.value.challenge,
      stored,
    );
    if (!verified.ok) {
      await account.recordFailedSignIn('passkey_rejected', context);
      return errorResponse(c, 'sign_in_failed');
    }
    const outcome = await account.signInWithRisk(
      { credentialId: stored.id, newCounter: verified.value.newCounter, backedUp: verified.value.backedUp },
      sessionPolicy(c),
      context,
      requestPlace(c.req.raw, c.var.settings.origin),
      c.var.settings.otp.maxTravelKmh,
    );
    if (!outcome.ok) return errorResponse(c, 'sign_in_failed');
    if (outcome.value.kind === 'step_up') return beginStepUp(c, outcome.value);
    const signedIn = { value: outcome.value.signedIn };

    // A new session at every sign-in: the one this browser had before ends now.
    const previous = readSessionCookie(c);
    if (previous) {
      sessionCache.forget(`${previous.accountId}.${previous.token}`);
      await accountById(c.env, previous.accountId)?.signOut(previous.token, context);
    }
    writeSessionCookie(c, signedIn.value.account.id, signedIn.value.token);
    return c.json({ account: signedIn.value.account }, 200);
  })

  .route('/step-up', stepUp)

  .delete('/', requireSession, async (c) => {
    sessionCache.forget(`${c.var.account.id}.${c.var.sessionToken}`);
    await accountById(c.env, c.var.account.id)?.signOut(c.var.sessionToken, c.var.requestContext);
    clearSessionCookie(c);
    return c.json({ signedOut: true }, 200);
  });
