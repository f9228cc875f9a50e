/** The signed-in person's own account: profile, passkeys (add, list, remove) and security events. */
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { Hono } from 'hono/tiny';
import { passkeyIdParam, passkeyVerifyBody } from '../../shared/api.ts';
import { fromHex } from '../core/hash.ts';
import { registrationOptions, verifyRegistration } from '../core/passkeys.ts';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { requireSession } from '../http/session.ts';
import { sessionCache } from '../http/session-cache.ts';
import { ceremonyById } from '../http/stubs.ts';
import { jsonBody, pathParams } from '../http/validate.ts';

export const me = new Hono<AppEnv>()
  .use(requireSession)
  .get('/', (c) => c.json({ account: c.var.account }, 200))

  .get('/passkeys', async (c) => {
    const account = c.env.ACCOUNT.get(c.env.ACCOUNT.idFromString(c.var.account.id));
    return c.json({ passkeys: await account.passkeys() }, 200);
  })

  .post('/passkeys/options', async (c) => {
    const { id, handle, displayName, role } = c.var.account;
    const account = c.env.ACCOUNT.get(c.env.ACCOUNT.idFromString(id));
    const options = await registrationOptions(
      c.var.settings,
      { id: fromHex(id) as Uint8Array, handle, displayName },
      await account.credentials(),
      role === 'customer' ? 'customer' : 'staff',
    );
    const ceremonyId = c.env.PASSKEY_CHALLENGE.newUniqueId();
    await c.env.PASSKEY_CHALLENGE.get(ceremonyId).open(
      { purpose: 'add_passkey', challenge: options.challenge, accountId: id, registration: null, role: null },
      c.var.settings.passkeyChallengeTtlMs,
    );
    return c.json({ ceremonyId: ceremonyId.toString(), options }, 200);
  })

  .post('/passkeys/verify', jsonBody(passkeyVerifyBody), async (c) => {
    const body = c.req.valid('json');
    const ceremony = await ceremonyById(c.env, body.ceremonyId)?.consume('add_passkey');
    // A ceremony opened by another account is as good as none.
    if (!ceremony?.ok || ceremony.value.accountId !== c.var.account.id) return errorResponse(c, 'ceremony_invalid');
    const verified = await verifyRegistration(
      c.var.settings,
      body.credential as RegistrationResponseJSON,
      ceremony.value.challenge,
    );
    if (!verified.ok) return errorResponse(c, 'passkey_rejected');
    const account = c.env.ACCOUNT.get(c.env.ACCOUNT.idFromString(c.var.account.id));
    const added = await account.addPasskey(verified.value, c.var.requestContext, body.name);
    if (!added.ok) return errorResponse(c, 'passkey_rejected');
    return c.json({ passkey: added.value }, 201);
  })

  .delete('/passkeys/:id', pathParams(passkeyIdParam), async (c) => {
    const { id } = c.req.valid('param');
    const account = c.env.ACCOUNT.get(c.env.ACCOUNT.idFromString(c.var.account.id));
    const removed = await account.removePasskey(id, c.var.requestContext);
    // The sessions that passkey opened are gone: forget them here too.
    if (removed.ok) sessionCache.forgetAccount(c.var.account.id);
    if (!removed.ok) return errorResponse(c, removed.reason === 'last_passkey' ? 'last_passkey' : 'passkey_not_found');
    return c.json({ removed: id }, 200);
  })

  .get('/audit', async (c) => {
    const account = c.env.ACCOUNT.get(c.env.ACCOUNT.idFromString(c.var.account.id));
    return c.json({ events: await account.auditLog(50) }, 200);
  });
