/**
 * Invariant: "Bad input gets a 4xx with a JSON body { "error": { "code": "...", "message": "..." } },
 * never a 500 and never a half-written state." Every error answer is in that shape, no-store.
 * Text fields: text-rule.test.ts. Moved here from http-guards.test.ts.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { type Answer, call, register } from '../client.ts';

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

describe('bad input gets a 4xx in the error shape, never a 500', () => {
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
