/**
 * `GET /api/openapi.json`: the integrator API's OpenAPI 3.1 document, public. It is generated from
 * the route schemas when the PWA is built (shared/openapi.ts, vite.config.ts) and read here from
 * the static assets, which keeps zod's JSON Schema converter out of the worker bundle.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';

/** Answers the built document, or 404 when the assets were built without it. */
export async function serveOpenApiDocument(c: Context<AppEnv>) {
  const asset = await c.env.ASSETS.fetch(new URL('/openapi.json', c.req.url));
  // A missing file would come back as the app's index.html (single-page-application fallback).
  if (!asset.ok || !asset.headers.get('Content-Type')?.includes('json')) return errorResponse(c, 'not_found');
  return c.body(await asset.text(), 200, { 'Content-Type': 'application/json; charset=utf-8' });
}
