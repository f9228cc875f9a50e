/**
 * The worker on Deno: builds the env (vars, Durable Object namespaces, ASSETS), and answers HTTP
 * as workerd would: the request URL is the public ORIGIN's, `CF-Connecting-IP` and `request.cf`
 * come only from the sources this server trusts, and a 101 answer becomes a real WebSocket.
 */
import worker, * as classes from '../../worker/index.ts';
import { assetsFetcher } from './assets.ts';
import { idKeyOf } from './key.ts';
import { type ObjectClass, ObjectRuntime } from './objects.ts';
import { installWorkerdGlobals, upgradeOf } from './websockets.ts';

/** wrangler.toml's `[[durable_objects.bindings]]`, checked against it by test/deno/bindings.test.ts. */
export const bindings: Record<string, ObjectClass> = {
  ACCOUNT: classes.Account,
  HANDLE: classes.HandleClaim,
  PASSKEY_CHALLENGE: classes.PasskeyChallenge,
  INVITE: classes.Invite,
  CALL: classes.CallVerification,
  INCIDENTS: classes.IncidentLog,
  VERIFICATION: classes.Verification,
  SEND_BUDGET: classes.SendBudget,
  CONTACT_INDEX: classes.ContactIndex,
  API_KEY: classes.ApiKey,
  API_KEY_DIRECTORY: classes.ApiKeyDirectory,
  RECOVERY: classes.Recovery,
  STAFF: classes.StaffDirectory,
  SECURITY_LOG: classes.SecurityLog,
  SECURITY_INDEX: classes.SecurityIndex,
  WEBHOOK_CONFIG: classes.WebhookConfig,
  WEBHOOK_OUTBOX: classes.WebhookOutbox,
  CUSTOMER_REFERENCE: classes.CustomerReference,
  OUTBOX: classes.Outbox,
};

/** A worker module's default export (worker/index.ts, or the benchmark's worker around it). */
type WorkerModule = { fetch(request: Request, env: never, ctx: ExecutionContext): Response | Promise<Response> };

export interface ServerOptions {
  /** The worker to run (default: worker/index.ts) and its Durable Object bindings (default: `bindings`). */
  worker?: WorkerModule;
  classes?: Record<string, ObjectClass>;
  /** The worker's vars and secrets (ORIGIN, RP_ID, CODE_HMAC_SECRET, ...). */
  vars: Record<string, string>;
  dataDir: string;
  /** The built PWA (dist/web). */
  assetsDir: string;
  /**
   * A header a trusted proxy sets to the request's place, `country=FR; city=Paris; lat=48.86;
   * lon=2.35; asn=3215` (the step-up risk check's `request.cf`). Unset: the place is unknown.
   */
  placeHeader?: string;
  /** A header a trusted proxy sets to the client's IP; unset: the TCP peer's address. */
  clientIpHeader?: string;
}

const placeKeys: Record<string, string> = { lat: 'latitude', lon: 'longitude' };

/** `request.cf` from the trusted place header. */
export function placeFrom(value: string | null): Record<string, string> {
  const cf: Record<string, string> = {};
  for (const part of (value ?? '').split(';')) {
    const [k, v] = part.split('=').map((s) => s.trim());
    if (k && v) cf[placeKeys[k] ?? k] = v;
  }
  return cf;
}

/**
 * The request as the worker sees it: on the public origin, with `CF-Connecting-IP` and `cf` set
 * only from what this server trusts (the peer address or the proxy's headers), never the client's.
 */
export function forwardedRequest(
  request: Request,
  peer: string | null,
  options: Pick<ServerOptions, 'placeHeader' | 'clientIpHeader'>,
  origin: URL,
): Request {
  const url = new URL(request.url);
  const headers = new Headers(request.headers);
  // Only this server says who the client is and where it is (never the client itself).
  const ip = options.clientIpHeader ? request.headers.get(options.clientIpHeader)?.split(',')[0]?.trim() : peer;
  headers.delete('CF-Connecting-IP');
  if (ip) headers.set('CF-Connecting-IP', ip);
  const cf = options.placeHeader ? placeFrom(request.headers.get(options.placeHeader)) : {};
  if (options.placeHeader) headers.delete(options.placeHeader);
  // HTTP/1.1: a request with neither Content-Length nor Transfer-Encoding has no body (workerd agrees).
  const framed = request.headers.has('Content-Length') || request.headers.has('Transfer-Encoding');
  const forwarded = new Request(new URL(url.pathname + url.search, origin), {
    method: request.method,
    headers,
    body: framed ? request.body : null,
    redirect: 'manual',
    // @ts-expect-error: Deno streams a request body with duplex 'half' (not in every lib's RequestInit).
    duplex: 'half',
  });
  Object.defineProperty(forwarded, 'cf', { value: cf });
  return forwarded;
}

export interface WorkerServer {
  runtime: ObjectRuntime;
  env: Record<string, unknown>;
  /** Answers one request as `Deno.serve` hands it over. */
  handle(request: Request, peer: string | null): Promise<Response>;
  close(): Promise<void>;
}

export function createWorkerServer(options: ServerOptions): WorkerServer {
  installWorkerdGlobals();
  const runtime = new ObjectRuntime({
    dataDir: options.dataDir,
    classes: options.classes ?? bindings,
    idKey: idKeyOf(options.dataDir),
  });
  // The product's handler as the module type: its `request.cf` is what forwardedRequest sets.
  const app: WorkerModule = options.worker ?? (worker as unknown as WorkerModule);
  const env: Record<string, unknown> = {
    ...options.vars,
    ...runtime.namespaces,
    ASSETS: assetsFetcher(options.assetsDir),
  };
  runtime.env = env;
  const origin = new URL(options.vars.ORIGIN ?? 'http://localhost:8787');
  const ctx = {
    waitUntil: (p: Promise<unknown>) => runtime.track(p),
    passThroughOnException: () => {},
    props: {},
  } as unknown as ExecutionContext;

  async function handle(request: Request, peer: string | null): Promise<Response> {
    const forwarded = forwardedRequest(request, peer, options, origin);
    try {
      const response = await app.fetch(forwarded, env as never, ctx);
      const socket = upgradeOf(response);
      if (!socket) return response;
      const upgraded = Deno.upgradeWebSocket(request);
      socket.bind(upgraded.socket);
      return upgraded.response;
    } catch (error) {
      console.error('unhandled error', error);
      return Response.json({ error: { code: 'internal', message: 'Something went wrong.' } }, { status: 500 });
    }
  }

  return { runtime, env, handle, close: () => runtime.close() };
}
