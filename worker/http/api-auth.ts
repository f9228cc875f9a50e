/**
 * Who is calling the public API: a bank system or an aggregator with an API key
 * (`Authorization: Bearer csk_<id>_<secret>`), or a person signed in to the PWA (session cookie).
 * A request that sends an Authorization header is judged by the key alone, never by a cookie,
 * which is also why key requests need no Origin check (guards.ts).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { now } from '../core/clock.ts';
import { sha256Hex } from '../core/hash.ts';
import type { ApiKeyView, ApiScope } from '../objects/api-key.ts';
import { ConfirmationCache } from './confirmation-cache.ts';
import type { AppEnv } from './context.ts';
import { errorResponse } from './errors.ts';
import { requireSession } from './session.ts';

const keyPattern = /^csk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** Keys their objects confirmed in this isolate, for SESSION_CACHE_SECONDS (revocation forgets them here). */
export const apiKeyCache = new ConfirmationCache<ApiKeyView>();

/** The Authorization header, when it carries a bearer token. */
export function bearerOf(c: Context): string | null {
  const header = c.req.header('Authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match ? (match[1] as string) : null;
}

/** The key this bearer token names, when it is live; null for anything else. */
async function authenticateKey(c: Context<AppEnv>, token: string): Promise<ApiKeyView | null> {
  const match = keyPattern.exec(token);
  if (!match) return null;
  const [, keyId, secret] = match as unknown as [string, string, string];
  // The key itself names the entry: the map lives only in this isolate's memory.
  const cacheKey = token;
  const at = now();
  const ttl = c.var.settings.sessionCacheMs;
  const cached = ttl > 0 ? apiKeyCache.get(cacheKey, at) : null;
  if (cached) return cached;
  const key = await c.env.API_KEY.get(c.env.API_KEY.idFromName(`key:${keyId}`)).authenticate(await sha256Hex(secret));
  if (key && ttl > 0) apiKeyCache.put(cacheKey, key, at + ttl);
  return key;
}

/**
 * Lets through a key with `scope`, or (when `sessions` is true) a signed-in person; sets `caller`.
 * A wrong or revoked key is a 401; a live key without the scope a 403.
 */
export function requireCaller(scope: ApiScope, sessions: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerOf(c);
    if (token === null) {
      if (!sessions) return errorResponse(c, 'api_key_invalid');
      return requireSession(c, async () => {
        c.set('caller', { kind: 'account', account: c.var.account });
        await next();
      });
    }
    const key = await authenticateKey(c, token);
    if (!key) return errorResponse(c, 'api_key_invalid');
    if (!key.scopes.includes(scope)) return errorResponse(c, 'forbidden');
    c.set('caller', { kind: 'key', key });
    return next();
  };
}
