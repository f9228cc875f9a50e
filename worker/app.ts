/** The Hono app under /api: guards, routes, and the error shape for everything that goes wrong. */

import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { Hono } from 'hono/tiny';
import { readSettings } from './core/config.ts';
import { log } from './core/log.ts';
import type { AppEnv } from './http/context.ts';
import { failClosedOnDevSettings } from './http/deployment-guard.ts';
import { errorResponse } from './http/errors.ts';
import { jsonGuard, noStore, sameOrigin, sizeLimit } from './http/guards.ts';
import { requestLog } from './http/request-log.ts';
import { isStorageFailure, storageFailureResponse } from './http/storage-failure.ts';
import { requestContextOf } from './http/stubs.ts';
import { admin } from './routes/admin.ts';
import { agent } from './routes/agent.ts';
import { aggregator } from './routes/aggregator.ts';
import { apiKeys } from './routes/api-keys.ts';
import { calls } from './routes/calls.ts';
import { config } from './routes/config.ts';
import { customers } from './routes/customers.ts';
import { dev } from './routes/dev.ts';
import { incidents } from './routes/incidents.ts';
import { live } from './routes/live.ts';
import { callLock, meLock } from './routes/lock.ts';
import { me } from './routes/me.ts';
import { serveOpenApiDocument } from './routes/openapi.ts';
import { payments } from './routes/payments.ts';
import { pushKey, pushSubscriptions } from './routes/push.ts';
import { recovery } from './routes/recovery.ts';
import { recoveryRequests } from './routes/recovery-requests.ts';
import { registration } from './routes/registration.ts';
import { securityEvents } from './routes/security-events.ts';
import { session } from './routes/session.ts';
import { settings } from './routes/settings.ts';
import { trustedContacts } from './routes/trusted-contacts.ts';
import { verifications } from './routes/verifications.ts';
import { webhooks } from './routes/webhooks.ts';

const api = new Hono<AppEnv>()
  .basePath('/api')
  .use(requestLog)
  .use(async (c, next) => {
    c.set('settings', readSettings(c.env));
    c.set('requestContext', { ...requestContextOf(c.req.raw), requestId: c.get('requestId') });
    await next();
  })
  .use(secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } }))
  .use(noStore, failClosedOnDevSettings, sameOrigin, sizeLimit, jsonGuard)
  .get('/health', (c) => c.json({ ok: true }, 200))
  .get('/openapi.json', serveOpenApiDocument)
  .route('/config', config)
  .route('/registration', registration)
  .route('/session', session)
  .route('/me', me)
  .route('/me', payments)
  .route('/me', settings)
  .route('/me', recoveryRequests)
  .route('/me', meLock)
  .route('/me/trusted-contacts', trustedContacts)
  .route('/me/push-subscriptions', pushSubscriptions)
  .route('/push', pushKey)
  .route('/admin', admin)
  .route('/admin/api-keys', apiKeys)
  .route('/admin/webhooks', webhooks)
  .route('/agent', agent)
  .route('/calls', calls)
  .route('/calls', callLock)
  .route('/live', live)
  .route('/incidents', incidents)
  .route('/dev', dev)
  .route('/v1/verifications', verifications)
  .route('/v1/accounts', aggregator)
  .route('/v1/security-events', securityEvents)
  .route('/v1/customers', customers)
  .route('/recovery', recovery);

api.notFound((c) => errorResponse(c, 'not_found'));
api.onError((error, c) => {
  if (error instanceof HTTPException && error.status === 400) return errorResponse(c, 'malformed_json');
  if (error instanceof HTTPException && error.status === 413) return errorResponse(c, 'payload_too_large');
  if (isStorageFailure(error)) {
    log('warn', 'storage_failure', { requestId: c.get('requestId'), error: String(error) });
    return storageFailureResponse(c);
  }
  log('error', 'unhandled_error', {
    requestId: c.get('requestId'),
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  });
  return errorResponse(c, 'internal');
});

export type AppType = typeof api;
export { api };
