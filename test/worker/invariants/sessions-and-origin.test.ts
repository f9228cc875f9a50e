/**
 * Invariant: "Login sessions: opaque random tokens (≥128 bits), stored hashed, in HttpOnly; Secure;
 * SameSite cookies; state-changing requests check Origin; strict security headers and CSP."
 * Sockets count as state-changing here: a live socket opened from another site would let that site
 * read the account's calls. Moved here from http-guards.test.ts and sign-in.test.ts; the cookie
 * attributes and the hashed token are held in registration.test.ts (see README.md here).
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../../worker/core/random.ts';
import { SoftAuthenticator, type SoftRegistrationOptions } from '../../support/authenticator.ts';
import { openSocket } from '../call-helpers.ts';
import { type Answer, call, errorCode, origin, register, tokenOf } from '../client.ts';

type ErrorAnswer = { error: { code: string; message: string } };

const handleIsFree = async (handle: string) =>
  (await env.HANDLE.get(env.HANDLE.idFromName(`handle:${handle}`)).owner()) === null;

function expectErrorShape(answer: Answer<unknown>, code: string) {
  const body = answer.body as ErrorAnswer;
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(answer.headers.get('Content-Type')).toMatch(/^application\/json/);
}

/** Asks for the account's live socket as a page on `requestOrigin` would (null: no Origin). */
const accountSocket = (session: string, requestOrigin: string | null) =>
  exports.default.fetch(
    new Request(`${origin}/api/live/socket`, {
      headers: {
        Upgrade: 'websocket',
        Cookie: `__Host-session=${session}`,
        ...(requestOrigin === null ? {} : { Origin: requestOrigin }),
      },
    }),
  );

describe('Origin checks', () => {
  it.each([
    ['without an Origin header', null, 'origin.none'],
    ['from a foreign origin', 'https://evil.example', 'origin.foreign'],
    ['from a look-alike origin', 'http://localhost:8787.evil.example', 'origin.lookalike'],
    ['from the same host over another scheme', 'https://localhost:8787', 'origin.scheme'],
    ['from an opaque origin', 'null', 'origin.opaque'],
  ])('refuses a JSON request %s and writes nothing', async (_what, requestOrigin, handle) => {
    const start = await call<{ ceremonyId: string; options: SoftRegistrationOptions }>('/api/registration/options', {
      body: { handle, displayName: 'Jo' },
    });
    const credential = await new SoftAuthenticator({ origin }).register(start.body.options);
    const body = { ceremonyId: start.body.ceremonyId, credential };

    const refused = await call('/api/registration/verify', { body, origin: requestOrigin });
    expect(refused.status).toBe(403);
    expectErrorShape(refused, 'origin_rejected');
    expect(refused.session).toBeNull();
    expect(await handleIsFree(handle)).toBe(true);
    // The refused request did not even use up the ceremony.
    expect((await call('/api/registration/verify', { body })).status).toBe(201);
  });

  it('refuses a sign-out from another origin and keeps the session', async () => {
    const { session } = await register('cross.site.sign.out');
    for (const requestOrigin of [null, 'https://evil.example']) {
      const answer = await call('/api/session', { method: 'DELETE', cookie: session, origin: requestOrigin });
      expect(answer.status).toBe(403);
      expect(errorCode(answer)).toBe('origin_rejected');
      expect(answer.session).toBeNull();
    }
    expect((await call('/api/me', { cookie: session })).status).toBe(200);
  });

  it('lets safe requests through without an Origin header', async () => {
    const { session } = await register('safe.get');
    expect((await call('/api/me', { cookie: session, origin: null })).status).toBe(200);
  });

  it.each([
    ['from a foreign origin', 'https://evil.example'],
    ['from a look-alike origin', 'http://localhost:8787.evil.example'],
    ['without an Origin header', null],
  ])("refuses the account's live socket %s", async (_what, requestOrigin) => {
    const { session } = await register(`live.origin.${requestOrigin === null ? 'none' : requestOrigin.length}`);
    const refused = await accountSocket(session, requestOrigin);
    expect(refused.status).toBe(403);
    expect(refused.webSocket).toBeNull();
    expect(((await refused.json()) as ErrorAnswer).error.code).toBe('origin_rejected');
    // From the app itself the same session gets its socket.
    const own = await openSocket('/api/live/socket', session);
    expect(own.ws.readyState).toBe(WebSocket.OPEN);
    own.ws.close();
  });
});

describe('security headers', () => {
  it('sends strict security headers on API answers', async () => {
    for (const answer of [await call('/api/health'), await call('/api/me')]) {
      expect(answer.headers.get('X-Content-Type-Options')).toBe('nosniff');
      const csp = answer.headers.get('Content-Security-Policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
      expect(answer.headers.get('Strict-Transport-Security')).toMatch(/max-age=\d+/);
      expect(answer.headers.get('Referrer-Policy')).toBe('no-referrer');
    }
  });
});

describe('session tokens', () => {
  it("answers a forged token on a real account's id with 401", async () => {
    const { account } = await register('forged.token');
    const forged = `${account.id}.${toBase64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
    const me = await call('/api/me', { cookie: forged });
    expect(me.status).toBe(401);
    expect(errorCode(me)).toBe('not_signed_in');
    const nowhere = `${env.ACCOUNT.newUniqueId().toString()}.${tokenOf(forged)}`;
    expect((await call('/api/me', { cookie: nowhere })).status).toBe(401);
  });
});
