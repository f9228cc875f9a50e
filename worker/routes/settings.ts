/**
 * The signed-in person's verified contacts, step-up preferences and aggregator consents. Changing
 * the phone or e-mail, or the sign-in settings, needs a fresh passkey assertion
 * (`/me/protection/options` first; the Account checks it again when the change is applied).
 */
import { Hono } from 'hono/tiny';
import { apiKeyIdParam, consentBody } from '../../shared/api-keys.ts';
import { freshAssertionBody, preferencesBody } from '../../shared/protection-api.ts';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { checkAssertion } from '../http/fresh-assertion.ts';
import { refuse } from '../http/refusals.ts';
import { requireRole, requireSession } from '../http/session.ts';
import { signedInAccount } from '../http/stubs.ts';
import { jsonBody, pathParams } from '../http/validate.ts';
import { directoryOf } from './api-keys.ts';

export const settings = new Hono<AppEnv>()
  .use(requireSession)

  .get('/contacts', async (c) => {
    const account = signedInAccount(c);
    return c.json({ contacts: await account.contacts(), registeredPhone: c.var.account.phone }, 200);
  })

  .get('/preferences', async (c) => {
    const account = signedInAccount(c);
    return c.json({ preferences: await account.preferences() }, 200);
  })

  // A fresh assertion allows one change of the verified phone or e-mail in the next 15 minutes.
  .post('/contacts/authorize', jsonBody(freshAssertionBody), async (c) => {
    const body = c.req.valid('json');
    const asserted = await checkAssertion(c, 'protect_contact', body.ceremonyId, body.credential);
    if (!asserted.ok) return asserted.response;
    const account = signedInAccount(c);
    const allowed = await account.authorizeContactChange(body.ceremonyId, c.var.requestContext);
    if (!allowed.ok && allowed.reason === 'account_locked') return refuse(c, 'lock', allowed.reason);
    return allowed.ok ? c.json({ allowed: true }, 200) : errorResponse(c, 'fresh_assertion_required');
  })

  .put('/preferences', jsonBody(preferencesBody), async (c) => {
    const { ceremonyId, credential, stepUp, otpChannel } = c.req.valid('json');
    const asserted = await checkAssertion(c, 'protect_settings', ceremonyId, credential);
    if (!asserted.ok) return asserted.response;
    const account = signedInAccount(c);
    const saved = await account.setPreferences({ stepUp, otpChannel }, c.var.requestContext, ceremonyId);
    if (saved.ok) return c.json({ preferences: saved.value }, 200);
    if (saved.reason === 'account_locked') return refuse(c, 'lock', saved.reason);
    return errorResponse(c, saved.reason === 'no_proof' ? 'fresh_assertion_required' : 'invalid_input');
  })

  .get('/aggregators', requireRole('customer'), async (c) => {
    const account = signedInAccount(c);
    const [keys, consents] = await Promise.all([directoryOf(c.env).list('aggregator'), account.consents()]);
    const allowed = new Map(consents.map((x) => [x.keyId, x.allowedAt]));
    return c.json(
      {
        aggregators: keys.map((k) => ({
          id: k.id,
          name: k.name,
          allowed: allowed.has(k.id),
          allowedAt: allowed.get(k.id) ?? null,
        })),
      },
      200,
    );
  })

  .put('/aggregators/:id', requireRole('customer'), pathParams(apiKeyIdParam), jsonBody(consentBody), async (c) => {
    const { id } = c.req.valid('param');
    const key = await c.env.API_KEY.get(c.env.API_KEY.idFromName(`key:${id}`)).view();
    if (!key?.scopes.includes('aggregator') || key.revokedAt !== null) return errorResponse(c, 'not_found');
    const account = signedInAccount(c);
    await account.setAggregatorConsent(id, key.name, c.req.valid('json').allowed, c.var.requestContext);
    return c.json({ aggregator: { id, name: key.name, allowed: c.req.valid('json').allowed } }, 200);
  });
