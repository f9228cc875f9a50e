/**
 * Login sessions on the wire: `__Host-session=<account id>.<token>`; HttpOnly, Secure,
 * SameSite=Lax, Path=/. The token is 256 random bits; the Account object stores only its hash.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Role } from '../../shared/api.ts';
import { now } from '../core/clock.ts';
import type { SessionPolicy } from '../objects/account.ts';
import type { AppEnv } from './context.ts';
import { errorResponse } from './errors.ts';
import { sessionCache } from './session-cache.ts';
import { accountById } from './stubs.ts';

export const sessionCookie = '__Host-session';
const cookiePattern = /^([0-9a-f]{64})\.([A-Za-z0-9_-]{22,128})$/;

/** The session policy from the settings. */
export function sessionPolicy(c: Context<AppEnv>): SessionPolicy {
  return { idleMs: c.var.settings.sessionIdleMs, absoluteMs: c.var.settings.sessionAbsoluteMs };
}

/** The account id and token in the request's session cookie, if it is well-formed. */
export function readSessionCookie(c: Context<AppEnv>): { accountId: string; token: string } | null {
  const match = cookiePattern.exec(getCookie(c, sessionCookie) ?? '');
  return match ? { accountId: match[1] as string, token: match[2] as string } : null;
}

/** Sets the session cookie; it lives as long as the session's absolute lifetime. */
export function writeSessionCookie(c: Context<AppEnv>, accountId: string, token: string): void {
  setCookie(c, sessionCookie, `${accountId}.${token}`, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    maxAge: Math.floor(c.var.settings.sessionAbsoluteMs / 1000),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, sessionCookie, { path: '/', secure: true });
}

/** Lets the request through only with a live session; sets `account` and `sessionToken`. */
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  // Checked already by an enclosing router's guard (the /me router's covers every /me/* path).
  if (c.get('account')) return next();
  // A request with an Authorization header skipped the Origin check (guards.ts): it is never
  // judged by its cookie.
  if (c.req.header('Authorization') !== undefined) return errorResponse(c, 'not_signed_in');
  const cookie = readSessionCookie(c);
  if (!cookie) return errorResponse(c, 'not_signed_in');
  const key = `${cookie.accountId}.${cookie.token}`;
  const at = now();
  let account = c.var.settings.sessionCacheMs > 0 ? sessionCache.get(key, at) : null;
  if (!account) {
    // A forged account id that this namespace never made is an unknown session, not a 500.
    const stub = accountById(c.env, cookie.accountId);
    const confirmed = stub ? await stub.authenticate(cookie.token, sessionPolicy(c), c.var.requestContext) : null;
    if (!confirmed) {
      sessionCache.forget(key);
      clearSessionCookie(c);
      return errorResponse(c, 'not_signed_in');
    }
    account = confirmed.account;
    if (c.var.settings.sessionCacheMs > 0) {
      sessionCache.put(key, account, Math.min(at + c.var.settings.sessionCacheMs, confirmed.validUntil));
    }
  }
  c.set('account', account);
  c.set('sessionToken', cookie.token);
  return next();
};

/** Lets the request through only for these roles (after requireSession). */
export function requireRole(...allowed: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!allowed.includes(c.var.account.role)) return errorResponse(c, 'forbidden');
    return next();
  };
}
