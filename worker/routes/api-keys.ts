/**
 * Admin: issuing, listing and revoking API keys. A key is shown once; only its hash is kept. Issuing
 * one needs the admin's fresh passkey assertion.
 */
import { Hono } from 'hono/tiny';
import { apiKeyIdParam } from '../../shared/api-keys.ts';
import { issueApiKeyWithAssertionBody } from '../../shared/staff.ts';
import { now } from '../core/clock.ts';
import { sha256Hex, toHex } from '../core/hash.ts';
import { randomToken } from '../core/random.ts';
import { apiKeyCache } from '../http/api-auth.ts';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { checkAssertion } from '../http/fresh-assertion.ts';
import { refuse } from '../http/refusals.ts';
import { requireRole, requireSession } from '../http/session.ts';
import { ceremonyById } from '../http/stubs.ts';
import { jsonBody, pathParams } from '../http/validate.ts';
import type { ApiKeyView } from '../objects/api-key.ts';

const directoryOf = (env: AppEnv['Bindings']) =>
  env.API_KEY_DIRECTORY.get(env.API_KEY_DIRECTORY.idFromName('directory'));
const keyObject = (env: AppEnv['Bindings'], id: string) => env.API_KEY.get(env.API_KEY.idFromName(`key:${id}`));

export { directoryOf };

export const apiKeys = new Hono<AppEnv>()
  .use(requireSession, requireRole('admin'))

  // An API key needs the admin's fresh passkey assertion (`/api/admin/assertion/options`, purpose api_key).
  .post('/', jsonBody(issueApiKeyWithAssertionBody), async (c) => {
    const body = c.req.valid('json');
    const asserted = await checkAssertion(c, 'staff_api_key', body.ceremonyId, body.credential);
    if (!asserted.ok) return asserted.response;
    // The approval is used up here, once (the ApiKey object does not take part in the ceremony).
    const approved = await ceremonyById(c.env, body.ceremonyId)?.consumeApproval(c.var.account.id, 'staff_api_key');
    if (!approved) return errorResponse(c, 'fresh_assertion_required');
    const id = toHex(crypto.getRandomValues(new Uint8Array(8)));
    // 256 random bits; the key is `csk_<id>_<secret>` and only the secret's SHA-256 is stored.
    const secret = randomToken(32);
    const view: ApiKeyView = {
      id,
      name: body.name,
      scopes: [...new Set(body.scopes)],
      createdAt: now(),
      createdBy: c.var.account.handle,
      revokedAt: null,
    };
    const directory = directoryOf(c.env);
    // Listed first, stored second, so that no live key is ever missing from the admin's list.
    if (!(await directory.record(view))) return refuse(c, 'apiKey', 'invalid');
    const issued = await keyObject(c.env, id).issue(view, await sha256Hex(secret));
    if (!issued.ok) {
      await directory.forget(id);
      return refuse(c, 'apiKey', issued.reason);
    }
    return c.json({ key: `csk_${id}_${secret}`, apiKey: issued.value }, 201);
  })

  .get('/', async (c) => c.json({ apiKeys: await directoryOf(c.env).list() }, 200))

  .post('/:id/revoke', pathParams(apiKeyIdParam), async (c) => {
    const { id } = c.req.valid('param');
    const key = keyObject(c.env, id);
    if (!(await key.view())) return errorResponse(c, 'not_found');
    await key.revoke();
    await directoryOf(c.env).markRevoked(id);
    // This isolate forgets it at once; others within SESSION_CACHE_SECONDS.
    apiKeyCache.forgetWhere((k) => k.id === id);
    return c.json({ apiKey: await key.view() }, 200);
  });
