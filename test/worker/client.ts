/** Calls the worker as a browser on the app's origin would, and keeps the session cookie. */
import { runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import type { ErrorBody } from '../../shared/errors.ts';
import { type SoftAuthenticationOptions, SoftAuthenticator } from '../support/authenticator.ts';

export const origin = 'http://localhost:8787';
export const bootstrapSecret = 'test-bootstrap-secret-0123456789';

export interface CallOptions {
  method?: string;
  body?: unknown;
  /** Raw body text, sent as is (for malformed JSON and size tests). */
  raw?: string;
  headers?: Record<string, string>;
  cookie?: string | null;
  /** Origin header; null leaves it out. Defaults to the app's origin. */
  origin?: string | null;
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
  /** The `__Host-session` value set by this answer, if any. */
  session: string | null;
  /**
   * An error body's `requestId`, taken out of `body` so that tests can compare two answers for
   * sameness (no enumeration): every answer has its own id (test/worker/request-id.test.ts).
   */
  requestId?: string;
}

/** Sends one request to the worker. */
export async function call<T = Record<string, unknown>>(path: string, opts: CallOptions = {}): Promise<Answer<T>> {
  const method = opts.method ?? (opts.body !== undefined || opts.raw !== undefined ? 'POST' : 'GET');
  const headers = new Headers(opts.headers);
  if (opts.origin !== null) headers.set('Origin', opts.origin ?? origin);
  if (opts.cookie) headers.set('Cookie', `__Host-session=${opts.cookie}`);
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  const response = await exports.default.fetch(new Request(`${origin}${path}`, { method, headers, body }));
  const text = await response.text();
  const setCookie = response.headers.get('Set-Cookie') ?? '';
  const match = /__Host-session=([^;]*)/.exec(setCookie);
  const parsed = text ? JSON.parse(text) : null;
  const requestId: string | undefined = parsed?.error?.requestId;
  if (requestId !== undefined) delete parsed.error.requestId;
  return {
    status: response.status,
    body: parsed as T,
    headers: response.headers,
    session: match ? (match[1] ?? null) : null,
    ...(requestId !== undefined ? { requestId } : {}),
  };
}

/** The error code of an error answer. */
export const errorCode = (answer: Answer<unknown>) => (answer.body as ErrorBody).error.code;

interface OptionsAnswer {
  ceremonyId: string;
  options: {
    challenge: string;
    rp: { id?: string; name: string };
    user: { id: string; name: string; displayName: string };
  };
}

/**
 * A person's name made from a handle or a number: names that go into an SMS take letters only
 * (shared/person-name.ts), so digits become letters and dots spaces (`jane.d2` → `jane d c`).
 */
export const nameFrom = (text: string | number) =>
  String(text)
    .replace(/\d/g, (d) => 'abcdefghij'[Number(d)] as string)
    .replace(/[^\p{L}' -]+/gu, ' ')
    .trim();

/** Registers an account with a fresh software authenticator; returns the session and the authenticator. */
export async function register(
  handle: string,
  extra: {
    displayName?: string;
    phone?: string;
    inviteCode?: string;
    authenticator?: SoftAuthenticator;
    /** Extra request headers (a dev place, a client IP). */
    headers?: Record<string, string>;
  } = {},
) {
  const authenticator = extra.authenticator ?? new SoftAuthenticator({ origin });
  const start = await call<OptionsAnswer>('/api/registration/options', {
    body: {
      handle,
      displayName: extra.displayName ?? `Person ${nameFrom(handle)}`,
      ...(extra.phone ? { phone: extra.phone } : {}),
      ...(extra.inviteCode ? { inviteCode: extra.inviteCode } : {}),
    },
  });
  if (start.status !== 200) throw new Error(`registration options: ${start.status} ${JSON.stringify(start.body)}`);
  const credential = await authenticator.register(start.body.options);
  const finish = await call<{ account: { id: string; role: string } }>('/api/registration/verify', {
    body: { ceremonyId: start.body.ceremonyId, credential },
    headers: extra.headers,
  });
  if (finish.status !== 201) throw new Error(`registration verify: ${finish.status} ${JSON.stringify(finish.body)}`);
  // The registration's request id: the security events it caused carry it.
  const requestId = finish.headers.get('Request-Id') as string;
  return { session: finish.session as string, account: finish.body.account, authenticator, requestId };
}

/** Signs in with the authenticator's passkey; returns the answer of the verify step. */
export async function signIn(authenticator: SoftAuthenticator, cookie?: string) {
  const start = await call<{ ceremonyId: string; options: { challenge: string } }>('/api/session/options', {
    method: 'POST',
  });
  const credential = await authenticator.authenticate(start.body.options);
  return call<{ account: { id: string } }>('/api/session/verify', {
    body: { ceremonyId: start.body.ceremonyId, credential },
    cookie: cookie ?? null,
  });
}

/** Registers the bootstrap admin (once per test file: storage is per file). */
export async function bootstrapAdmin(handle = 'first.admin') {
  return register(handle, { displayName: 'Ada Admin', inviteCode: bootstrapSecret });
}

/** Opens a sign-in ceremony; returns its id and the request options for an authenticator. */
export async function startSignIn() {
  const start = await call<{ ceremonyId: string; options: SoftAuthenticationOptions }>('/api/session/options', {
    method: 'POST',
  });
  if (start.status !== 200) throw new Error(`sign-in options: ${start.status} ${JSON.stringify(start.body)}`);
  return start.body;
}

/** Sends a sign-in assertion (genuine or tampered with) for a ceremony, as a browser with `cookie`. */
export function finishSignIn(ceremonyId: string, credential: unknown, cookie?: string) {
  return call<{ account: { id: string } }>('/api/session/verify', {
    body: { ceremonyId, credential },
    cookie: cookie ?? null,
  });
}

/** The security events of the signed-in account, newest first. */
export async function auditOf(session: string) {
  const answer = await call<{ events: { type: string; detail: Record<string, unknown> }[] }>('/api/me/audit', {
    cookie: session,
  });
  if (answer.status !== 200) throw new Error(`audit: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.events;
}

/** Rows of a SQL query run inside the Account object of `accountId` (to look at or age its state). */
export function accountRows<T extends Record<string, SqlStorageValue>>(
  accountId: string,
  query: string,
  ...bindings: SqlStorageValue[]
): Promise<T[]> {
  const stub = env.ACCOUNT.get(env.ACCOUNT.idFromString(accountId));
  return runInDurableObject(stub, (_o, state) => state.storage.sql.exec<T>(query, ...bindings).toArray());
}

/** The token part of a `__Host-session` value (`<account id>.<token>`). */
export const tokenOf = (session: string) => session.split('.')[1] as string;
