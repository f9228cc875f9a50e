/**
 * Which account owns a handle, remembered in this isolate (an object that already gave
 * the answer is not asked again on every start). A claimed handle never changes owner once its
 * registration finished (HandleClaim only releases a claim whose registration failed, and then the
 * account it named never gets a verified contact), so only owners are kept, never "free".
 */

import type { Context } from 'hono';
import { now } from '../core/clock.ts';
import { ConfirmationCache } from './confirmation-cache.ts';
import type { AppEnv } from './context.ts';
import { handleClaim } from './stubs.ts';

/** Handle → owning account id, for SESSION_CACHE_SECONDS (0 turns it off). */
export const handleOwnerCache = new ConfirmationCache<string>();

/** The account id that owns `handle`, or null while it is free. */
export async function handleOwner(c: Context<AppEnv>, handle: string): Promise<string | null> {
  const at = now();
  const ttl = c.var.settings.sessionCacheMs;
  const cached = ttl > 0 ? handleOwnerCache.get(handle, at) : null;
  if (cached) return cached;
  const owner = await handleClaim(c.env, handle).owner();
  if (owner && ttl > 0) handleOwnerCache.put(handle, owner, at + ttl);
  return owner;
}
