/**
 * Every API request gets an id: in the `Request-Id` response header, in every error body, and in
 * its one log line (method, route, status, duration; never the query, a body or a cookie), so an
 * integrator's report and the bank's log meet on one value.
 */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { log } from '../core/log.ts';
import type { AppEnv } from './context.ts';

export const requestIdHeader = 'Request-Id';

export const requestLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const requestId = `req_${crypto.randomUUID().replaceAll('-', '')}`;
  c.set('requestId', requestId);
  const started = Date.now();
  await next();
  c.res.headers.set(requestIdHeader, requestId);
  const status = c.res.status;
  log(status >= 500 ? 'error' : 'info', 'request', {
    requestId,
    method: c.req.method,
    // The route's pattern (`/api/calls/:id`), not the path: ids and names stay out of the log.
    route: routePath(c, -1),
    status,
    ms: Date.now() - started,
    colo: (c.req.raw.cf?.colo as string | undefined) ?? undefined,
  });
};
