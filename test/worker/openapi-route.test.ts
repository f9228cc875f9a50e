/**
 * `GET /api/openapi.json`: the document the PWA build writes into the static assets, served without
 * sign-in. The assets are stood in for here, so the test does not depend on a build.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { openApiDocument } from '../../shared/openapi.ts';
import { api } from '../../worker/app.ts';
import { origin } from './client.ts';

/** Calls the API with static assets that answer `asset` for every path, as a browser with no cookie. */
async function withAssets(asset: () => Response) {
  const assets = { fetch: async () => asset() } as unknown as Fetcher;
  const ctx = createExecutionContext();
  const response = await api.fetch(new Request(`${origin}/api/openapi.json`), { ...env, ASSETS: assets }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

it('serves the built document as JSON to anyone, without a key or a session', async () => {
  const document = openApiDocument();
  const response = await withAssets(() => Response.json(document));
  expect(response.status).toBe(200);
  expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
  expect(await response.json()).toEqual(JSON.parse(JSON.stringify(document)));
});

it("answers 404 in the API's error shape, not the app's page, when the assets were built without it", async () => {
  const response = await withAssets(
    () => new Response('<!doctype html>', { headers: { 'Content-Type': 'text/html' } }),
  );
  expect(response.status).toBe(404);
  expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
});
