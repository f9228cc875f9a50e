/**
 * Creating an account with its first passkey. Customers register freely; agents and admins need a
 * single-use invite code (the first admin, the bootstrap secret).
 */

import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { Hono } from 'hono/tiny';
import { registrationOptionsBody, registrationVerifyBody } from '../../shared/api.ts';
import { fromHex } from '../core/hash.ts';
import { inviteKeyOf } from '../core/invites.ts';
import { registrationOptions, verifyRegistration } from '../core/passkeys.ts';
import { readMobile } from '../core/phone.ts';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { requestPlace } from '../http/place.ts';
import { refuse } from '../http/refusals.ts';
import { sessionPolicy, writeSessionCookie } from '../http/session.ts';
import { accountById, accountOf, ceremonyById, handleClaim, inviteByKey } from '../http/stubs.ts';
import { jsonBody } from '../http/validate.ts';
import { takeBudgets } from '../messenger/budget.ts';
import { messengerLimits } from '../messenger/limits.ts';

// The form shows these next to the field they are about.
const handleField = { handle: { error: 'handle_taken' } } as const;
const inviteField = { inviteCode: { error: 'invite_invalid' } } as const;

export const registration = new Hono<AppEnv>()
  .post('/options', jsonBody(registrationOptionsBody), async (c) => {
    const body = c.req.valid('json');
    // The answer says whether a handle is taken: asked at most so often per client.
    const ip = c.var.requestContext.ip;
    if (ip) {
      const taken = await takeBudgets(c.env.SEND_BUDGET, [`register:${ip}`], messengerLimits(c.env));
      if (!taken.ok) {
        c.header('Retry-After', String(Math.max(1, Math.ceil((taken.retryAfterMs ?? 60_000) / 1000))));
        return errorResponse(c, 'too_many_requests');
      }
    }
    let phone: string | null = null;
    if (body.phone) {
      // A number the bank could never text is refused here, with what is wrong, not after sign-up.
      const read = readMobile(body.phone, c.var.settings.otp.allowedCallingCodes);
      if (!read.ok) return errorResponse(c, 'invalid_input', { phone: read.field });
      phone = read.value;
    }
    let role: 'customer' | 'agent' | 'admin' = 'customer';
    let inviteKey: string | null = null;
    if (body.inviteCode) {
      const invite = await inviteKeyOf(body.inviteCode, c.env.BOOTSTRAP_ADMIN_SECRET);
      const stub = inviteByKey(c.env, invite.key);
      if (invite.bootstrap) await stub.ensureBootstrap();
      const terms = await stub.peek();
      if (!terms.ok) return errorResponse(c, 'invite_invalid', inviteField);
      role = terms.value.role;
      inviteKey = invite.key;
    }
    if ((await handleClaim(c.env, body.handle).owner()) !== null) return errorResponse(c, 'handle_taken', handleField);

    const accountId = c.env.ACCOUNT.newUniqueId().toString();
    const options = await registrationOptions(
      c.var.settings,
      { id: fromHex(accountId) as Uint8Array, handle: body.handle, displayName: body.displayName },
      [],
      role === 'customer' ? 'customer' : 'staff',
    );
    const ceremonyId = c.env.PASSKEY_CHALLENGE.newUniqueId();
    await c.env.PASSKEY_CHALLENGE.get(ceremonyId).open(
      {
        purpose: 'register',
        challenge: options.challenge,
        accountId,
        registration: { handle: body.handle, displayName: body.displayName, phone, inviteKey },
        role,
      },
      c.var.settings.passkeyChallengeTtlMs,
    );
    return c.json({ ceremonyId: ceremonyId.toString(), options, role }, 200);
  })

  .post('/verify', jsonBody(registrationVerifyBody), async (c) => {
    const body = c.req.valid('json');
    const ceremony = await ceremonyById(c.env, body.ceremonyId)?.consume('register');
    if (!ceremony?.ok || !ceremony.value.registration || !ceremony.value.accountId || !ceremony.value.role) {
      return errorResponse(c, 'ceremony_invalid');
    }
    const { accountId, registration: reg, role } = ceremony.value;
    const verified = await verifyRegistration(
      c.var.settings,
      body.credential as RegistrationResponseJSON,
      ceremony.value.challenge,
    );
    if (!verified.ok) return errorResponse(c, 'passkey_rejected');

    // Claim the handle, then use the invite, then create the account; undo in reverse on failure
    // so that nothing is left half-written.
    const claim = handleClaim(c.env, reg.handle);
    const claimed = await claim.claim(accountId);
    if (!claimed.ok) return errorResponse(c, 'handle_taken', handleField);
    let team: string | null = null;
    let issuedBy: string | null = null;
    const invite = reg.inviteKey ? inviteByKey(c.env, reg.inviteKey) : null;
    if (invite) {
      const terms = await invite.redeem(accountId);
      if (!terms.ok || terms.value.role !== role) {
        await claim.release(accountId);
        return errorResponse(c, 'invite_invalid', inviteField);
      }
      team = terms.value.team;
      issuedBy = terms.value.issuedBy;
    }
    const account = accountOf(c.env, accountId);
    const context = c.var.requestContext;
    const inviteId = reg.inviteKey ? (reg.inviteKey === 'bootstrap' ? 'bootstrap' : reg.inviteKey.slice(7, 23)) : null;
    const created = await account.create({
      handle: reg.handle,
      displayName: reg.displayName,
      role,
      team,
      phone: reg.phone,
      credential: verified.value,
      context,
      inviteId,
    });
    if (!created.ok) {
      await invite?.release(accountId);
      await claim.release(accountId);
      return errorResponse(c, 'ceremony_invalid');
    }
    if (issuedBy && inviteId)
      await accountById(c.env, issuedBy)?.recordInviteUsed(inviteId, reg.handle, c.var.requestContext);
    // The first entry of the sign-in history the step-up risk check compares with.
    await account.recordRegistrationPlace(verified.value.id, requestPlace(c.req.raw, c.var.settings.origin));
    const session = await account.openFirstSession(verified.value.id, sessionPolicy(c));
    if (!session.ok) return refuse(c, 'firstSession', session.reason);
    writeSessionCookie(c, accountId, session.value.token);
    return c.json({ account: session.value.account }, 201);
  });
