/**
 * Recognises a Durable Object storage or infrastructure failure, so that it answers 503 with
 * `Retry-After` (never 500). Cloudflare, "Durable Objects error handling": infrastructure errors carry
 * `.retryable` or `.overloaded`; a storage failure resets the object (`durableObjectReset`) and
 * throws from the storage call, which rolls back the call's implicit transaction: nothing it wrote
 * (a try counted, a send counted) is kept, so the client may simply try again.
 */
import type { Context } from 'hono';
import { errorResponse } from './errors.ts';

/** Seconds a client is asked to wait before it tries again. */
export const retryAfterSeconds = 1;

// Messages workerd and SQLite give storage failures (local workerd answered SQLITE_NOMEM under load).
const storageMessages =
  /SQLITE_(NOMEM|FULL|BUSY|IOERR|LOCKED)|Durable Object storage operation exceeded|durableObjectReset|Durable Object is overloaded|Durable Object reset|Network connection lost|exceeded its memory limit/i;

/** True when `error` is a storage or Durable Object infrastructure failure, not a bug in our code. */
export function isStorageFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const flags = error as { retryable?: unknown; overloaded?: unknown; durableObjectReset?: unknown; message?: unknown };
  if (flags.retryable === true || flags.overloaded === true || flags.durableObjectReset === true) return true;
  return typeof flags.message === 'string' && storageMessages.test(flags.message);
}

/** The 503 answer for a storage failure, in the error shape, with `Retry-After`. */
export function storageFailureResponse(c: Context) {
  c.header('Retry-After', String(retryAfterSeconds));
  return errorResponse(c, 'unavailable');
}
