/**
 * Guards every API request passes before a route sees it: the Origin check on state-changing
 * requests, the body size limit, JSON parsing, and `Cache-Control: no-store` on every answer.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './context.ts';
import { errorResponse } from './errors.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** 16 KiB is ample for a passkey response; anything larger is refused before it is read. */
export const maxBodyBytes = 16 * 1024;

/**
 * API answers are personal: never stored by a cache. The one exception is a route that says
 * itself, on a successful answer, that it is public (`GET /api/config`: the bank's name and phone).
 */
export const noStore: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const publicAnswer = c.res.ok && c.res.headers.get('Cache-Control')?.startsWith('public,');
  if (!publicAnswer) c.header('Cache-Control', 'no-store');
};

/**
 * Cross-site request forgery guard for every state-changing request, JSON included (Hono's csrf()
 * looks only at form content types): the Origin header must be the app's own origin, unless the
 * request carries an API key instead of relying on the session cookie.
 */
export const sameOrigin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (safeMethods.has(c.req.method)) return next();
  // An API key is not sent by browsers on their own: such a request is judged by its key alone
  // (http/api-auth.ts), never by a cookie, so there is no ambient authority to forge.
  if (/^Bearer\s/i.test(c.req.header('Authorization') ?? '')) return next();
  const origin = c.req.header('Origin');
  if (origin !== c.var.settings.origin) return errorResponse(c, 'origin_rejected');
  return next();
};

export const sizeLimit = bodyLimit({
  maxSize: maxBodyBytes,
  onError: (c) => errorResponse(c, 'payload_too_large'),
});

/** A request with a body must send JSON that parses; the parsed value is cached for the validators. */
export const jsonGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (safeMethods.has(c.req.method)) return next();
  const hasBody = c.req.raw.body !== null && c.req.header('Content-Length') !== '0';
  if (!hasBody) return next();
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/([a-z0-9.+-]*\+)?json(\s*;.*)?$/i.test(type)) return errorResponse(c, 'unsupported_media_type');
  try {
    await c.req.json();
  } catch {
    return errorResponse(c, 'malformed_json');
  }
  return next();
};
