/** The signed-in person's verified contacts, step-up preferences and aggregator consents. */
import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import { apiKeyIdParam, consentBody } from '../../shared/api-keys.ts';
import { channelSchema } from '../../shared/verifications.ts';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { requireRole, requireSession } from '../http/session.ts';
import { jsonBody, pathParams } from '../http/validate.ts';
import { directoryOf } from './api-keys.ts';

const preferencesBody = z.strictObject({
  stepUp: z.enum(['risk', 'always'], { error: 'Choose "risk" (only when needed) or "always".' }),
  otpChannel: channelSchema,
});

export const settings = new Hono<AppEnv>()
  .use(requireSession)

  .get('/contacts', async (c) => {
    const account = c.env.ACCOUNT.get(c.env.ACCOUNT.idFromString(c.var.account.id));
    return c.json({ contacts: await account.contacts(), registeredPhone: c.var.account.phone }, 200);
  })

  .get('/preferences', async (c) => {
    const account = c.env.ACCOUNT.get(c.env.ACCOUNT.idFromString(c.var.account.id));
    return c.json({ preferences: await account.preferences() }, 200);
  })

  .put('/preferences', jsonBody(preferencesBody), async (c) => {
    const account = c.env.ACCOUNT.get(c.env.ACCOUNT.idFromString(c.var.account.id));
    const saved = await account.setPreferences(c.req.valid('json'), c.var.requestContext);
    return saved.ok ? c.json({ preferences: saved.value }, 200) : errorResponse(c, 'invalid_input');
  })

  .get('/aggregators', requireRole('customer'), async (c) => {
    const account = c.env.ACCOUNT.get(c.env.ACCOUNT.idFromString(c.var.account.id));
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
    const account = c.env.ACCOUNT.get(c.env.ACCOUNT.idFromString(c.var.account.id));
    await account.setAggregatorConsent(id, key.name, c.req.valid('json').allowed, c.var.requestContext);
    return c.json({ aggregator: { id, name: key.name, allowed: c.req.valid('json').allowed } }, 200);
  });
