/** Every API request of a deployment with dev-only settings answers 503 (worker/core/deployment.ts). */
import type { MiddlewareHandler } from 'hono';
import { devOnlySettings } from '../core/deployment.ts';
import { log } from '../core/log.ts';
import type { AppEnv } from './context.ts';
import { errorResponse } from './errors.ts';

/** Logged once per isolate, not once per request. */
let logged = false;

export const failClosedOnDevSettings: MiddlewareHandler<AppEnv> = async (c, next) => {
  const found = devOnlySettings(c.env);
  if (found.length === 0) return next();
  if (!logged) {
    logged = true;
    log('error', 'deployment_misconfigured', {
      message: 'dev-only settings on a non-localhost ORIGIN: every API request answers 503 until they are changed',
      settings: found,
    });
  }
  return errorResponse(c, 'misconfigured', { settings: { asIs: found.join('; ') } });
};
