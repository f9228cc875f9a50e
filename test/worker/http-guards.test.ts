import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { SoftAuthenticator, type SoftRegistrationOptions } from '../support/authenticator.ts';
import { type Answer, call, errorCode, origin, register } from './client.ts';

type FieldErrors = { error: { code: string; message: string; fields: Record<string, string> } };

const handleIsFree = async (handle: string) =>
  (await env.HANDLE.get(env.HANDLE.idFromName(`handle:${handle}`)).owner()) === null;

/** A registration-options body of exactly `bytes` bytes (ASCII), padded in the display name. */
function bodyOfSize(bytes: number) {
  const empty = JSON.stringify({ handle: 'size.check', displayName: '' });
  return JSON.stringify({ handle: 'size.check', displayName: 'a'.repeat(bytes - empty.length) });
}

function expectErrorShape(answer: Answer<unknown>, code: string) {
  const body = answer.body as FieldErrors;
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(answer.headers.get('Content-Type')).toMatch(/^application\/json/);
}

describe('HTTP guards of the API', () => {
  it('answers an unknown API route with 404 in the error shape', async () => {
    const { session } = await register('not.found');
    for (const [path, method] of [
      ['/api/nothing/here', 'GET'],
      ['/api', 'GET'],
      ['/api/me/nothing', 'GET'],
      ['/api/nothing/here', 'POST'],
      ['/api/health', 'DELETE'],
    ] as const) {
      const answer = await call(path, { method, cookie: session });
      expect(answer.status).toBe(404);
      expectErrorShape(answer, 'not_found');
    }
  });

  it('marks every API answer Cache-Control: no-store, successes and errors alike', async () => {
    const { session } = await register('no.store');
    const answers = [
      await call('/api/health'),
      await call('/api/me', { cookie: session }),
      await call('/api/session/options', { method: 'POST' }),
      await call('/api/me'),
      await call('/api/nothing'),
      await call('/api/session/options', { method: 'POST', origin: null }),
      await call('/api/registration/options', { raw: '{' }),
      await call('/api/registration/options', { raw: bodyOfSize(20_000) }),
      await call('/api/registration/options', { body: {} }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 401, 404, 403, 400, 413, 400]);
    for (const answer of answers) expect(answer.headers.get('Cache-Control')).toBe('no-store');
  });

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

  it('answers malformed JSON with 400 malformed_json', async () => {
    for (const raw of ['{', '{"handle": "x",}', 'not json', '']) {
      const answer = await call('/api/registration/options', { raw, method: 'POST' });
      expect(answer.status).toBe(400);
      expectErrorShape(answer, 'malformed_json');
    }
  });

  it('answers a body that is not JSON with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const answer = await call('/api/registration/options', {
        raw: JSON.stringify({ handle: 'plain.text', displayName: 'Jo' }),
        headers: { 'Content-Type': type },
      });
      expect(answer.status).toBe(415);
      expectErrorShape(answer, 'unsupported_media_type');
    }
  });

  it('accepts JSON with a charset parameter', async () => {
    const answer = await call('/api/registration/options', {
      raw: JSON.stringify({ handle: 'charset.json', displayName: 'Jo' }),
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
    expect(answer.status).toBe(200);
  });

  it('refuses a body over 16 KiB with 413 and reads one of exactly 16 KiB', async () => {
    const tooLarge = await call('/api/registration/options', { raw: bodyOfSize(16 * 1024 + 1) });
    expect(tooLarge.status).toBe(413);
    expectErrorShape(tooLarge, 'payload_too_large');

    // At the limit the body gets through to validation (the name is too long, not the body).
    const atLimit = await call<FieldErrors>('/api/registration/options', { raw: bodyOfSize(16 * 1024) });
    expect(atLimit.status).toBe(400);
    expect(atLimit.body.error.code).toBe('invalid_input');
    expect(atLimit.body.error.fields.displayName).toMatch(/at most 64/);
  });

  it('names every missing or wrong-typed field', async () => {
    const answer = await call<FieldErrors>('/api/registration/options', { body: { handle: 42 } });
    expect(answer.status).toBe(400);
    expectErrorShape(answer, 'invalid_input');
    expect(answer.body.error.fields).toEqual({ handle: 'Enter a handle.', displayName: 'Enter your name.' });
  });

  it('refuses a field the API does not know', async () => {
    const answer = await call<FieldErrors>('/api/registration/options', {
      body: { handle: 'extra.field', displayName: 'Jo', role: 'admin' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_input');
    expect(Object.values(answer.body.error.fields)).toEqual(['Unexpected field: role.']);
    expect(await handleIsFree('extra.field')).toBe(true);
  });

  it('refuses a body that is not an object', async () => {
    for (const body of [null, [], 'text', 7]) {
      const answer = await call<FieldErrors>('/api/registration/options', { body });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid_input');
    }
  });

  it.each(['bad handle!', 'ab', '-starts.with.dash', 'ünïcode', 'x'.repeat(33)])(
    'explains what a handle may contain (%s)',
    async (handle) => {
      const answer = await call<FieldErrors>('/api/registration/options', { body: { handle, displayName: 'Jo' } });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid_input');
      expect(answer.body.error.fields.handle).toBe('Use 3 to 32 letters, digits, dots, dashes or underscores.');
    },
  );

  it('answers a malformed passkey id in a path with 400, not 500', async () => {
    const { session } = await register('bad.path.id');
    const answer = await call<FieldErrors>('/api/me/passkeys/not+base64url/remove', { body: {}, cookie: session });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields.id).toBeDefined();
  });
});
