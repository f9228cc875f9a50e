/**
 * `cloudflare:workers` for the worker tests on Deno: `env` is the Deno server's env (its Durable
 * Object namespaces, in this process) and `exports.default.fetch` calls that server over real HTTP,
 * WebSocket upgrades included. The worker's own code gets runtime/deno/cloudflare-workers.ts.
 */
import type { Env } from '../../worker/env.ts';
import { openSocket } from './client-socket.ts';
import { server, targetBase } from './worker-under-test.ts';

export { DurableObject } from '../../runtime/deno/cloudflare-workers.ts';

export const env = server.env as unknown as Env;
const origin = String(server.env.ORIGIN);

/** Sends the request to the Deno server (the app's origin replaced by the server's address). */
async function fetchOverHttp(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request && !init ? input : new Request(input, init);
  const url = request.url.replace(origin, targetBase());
  if (request.headers.get('Upgrade')?.toLowerCase() === 'websocket') return openSocket(url, request.headers);
  const body = request.body ? await request.arrayBuffer() : undefined;
  const answer = await fetch(url, { method: request.method, headers: request.headers, body, redirect: 'manual' });
  Object.defineProperty(answer, 'webSocket', { value: null });
  return answer;
}

export const exports = { default: { fetch: fetchOverHttp } };
