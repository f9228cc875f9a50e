/**
 * The signed-in person's own account: profile, passkeys (add, list, remove) and security events.
 * Adding or removing a passkey changes how the account is protected: a fresh assertion of a passkey
 * the person already has comes first (`/protection/options`, then the change with its answer).
 */
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { Hono } from 'hono/tiny';
import { passkeyIdParam, passkeyVerifyBody } from '../../shared/api.ts';
import { freshAssertionBody, languageBody, protectionOptionsBody } from '../../shared/protection-api.ts';
import { fromHex } from '../core/hash.ts';
import { registrationOptions, verifyRegistration } from '../core/passkeys.ts';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { checkAssertion, openAssertion } from '../http/fresh-assertion.ts';
import { refuse } from '../http/refusals.ts';
import { requireSession } from '../http/session.ts';
import { sessionCache } from '../http/session-cache.ts';
import { ceremonyById, signedInAccount } from '../http/stubs.ts';
import { jsonBody, pathParams } from '../http/validate.ts';

export const me = new Hono<AppEnv>()
  .use(requireSession)
  .get('/', (c) => c.json({ account: c.var.account }, 200))

  // The language of the app and of the bank's messages to this account: a preference, not a change
  // of protection (no fresh assertion, no announcement), recorded in the security events.
  .put('/language', jsonBody(languageBody), async (c) => {
    const { language } = c.req.valid('json');
    const saved = await signedInAccount(c).setLanguage(language, c.var.requestContext);
    if (!saved) return errorResponse(c, 'invalid_input');
    sessionCache.forgetAccount(c.var.account.id);
    return c.json({ account: { ...c.var.account, language } }, 200);
  })

  .get('/passkeys', async (c) => c.json({ passkeys: await signedInAccount(c).passkeys() }, 200))

  // The fresh assertion before a change of protection: passkeys, phone or e-mail, sign-in settings.
  .post('/protection/options', jsonBody(protectionOptionsBody), async (c) => {
    const purpose = c.req.valid('json').purpose;
    return c.json(await openAssertion(c, `protect_${purpose}`), 200);
  })

  // Registration options for another passkey, once a passkey the person has answered afresh.
  .post('/passkeys/options', jsonBody(freshAssertionBody), async (c) => {
    const body = c.req.valid('json');
    const asserted = await checkAssertion(c, 'protect_passkeys', body.ceremonyId, body.credential);
    if (!asserted.ok) return asserted.response;
    const { id, handle, displayName, role } = c.var.account;
    const options = await registrationOptions(
      c.var.settings,
      { id: fromHex(id) as Uint8Array, handle, displayName },
      await signedInAccount(c).credentials(),
      role === 'customer' ? 'customer' : 'staff',
    );
    const ceremonyId = c.env.PASSKEY_CHALLENGE.newUniqueId();
    await c.env.PASSKEY_CHALLENGE.get(ceremonyId).open(
      {
        purpose: 'add_passkey',
        challenge: options.challenge,
        accountId: id,
        registration: null,
        role: null,
        proofId: body.ceremonyId,
      },
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
    const added = await signedInAccount(c).addPasskey(
      verified.value,
      c.var.requestContext,
      body.name || undefined,
      ceremony.value.proofId ?? '',
    );
    if (!added.ok && added.reason === 'account_locked') return refuse(c, 'lock', added.reason);
    if (!added.ok)
      return errorResponse(c, added.reason === 'no_proof' ? 'fresh_assertion_required' : 'passkey_rejected');
    return c.json({ passkey: added.value }, 201);
  })

  .post('/passkeys/:id/remove', pathParams(passkeyIdParam), jsonBody(freshAssertionBody), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const asserted = await checkAssertion(c, 'protect_passkeys', body.ceremonyId, body.credential);
    if (!asserted.ok) return asserted.response;
    const removed = await signedInAccount(c).removePasskey(id, c.var.requestContext, body.ceremonyId);
    if (!removed.ok && removed.reason === 'account_locked') return refuse(c, 'lock', removed.reason);
    if (!removed.ok) {
      const code =
        removed.reason === 'last_passkey'
          ? 'last_passkey'
          : removed.reason === 'no_proof'
            ? 'fresh_assertion_required'
            : 'passkey_not_found';
      return errorResponse(c, code);
    }
    // The sessions that passkey opened are gone: forget them here too.
    sessionCache.forgetAccount(c.var.account.id);
    return c.json({ removed: id }, 200);
  })

  .get('/audit', async (c) => c.json({ events: await signedInAccount(c).auditLog(50) }, 200));
