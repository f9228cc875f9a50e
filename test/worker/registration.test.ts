import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import { testClock } from '../../worker/core/clock.ts';
import { type CborValue, SoftAuthenticator } from '../support/authenticator.ts';
import { call, errorCode, origin, register } from './client.ts';

type Options = { ceremonyId: string; options: Parameters<SoftAuthenticator['register']>[0] };

async function start(handle: string, extra: Record<string, unknown> = {}) {
  const answer = await call<Options>('/api/registration/options', {
    body: { handle, displayName: 'Jo Bloggs', ...extra },
  });
  expect(answer.status).toBe(200);
  return answer.body;
}

async function handleIsFree(handle: string) {
  const claim = env.HANDLE.get(env.HANDLE.idFromName(`handle:${handle}`));
  return (await claim.owner()) === null;
}

afterEach(() => testClock.reset());

describe('registration', () => {
  it('creates a customer account with a passkey and signs it in', async () => {
    const { session, account } = await register('jo.bloggs', { phone: '+44 7911 123456' });
    expect(account.role).toBe('customer');
    const me = await call<{ account: { handle: string; phone: string; role: string } }>('/api/me', { cookie: session });
    expect(me.status).toBe(200);
    expect(me.body.account).toMatchObject({ handle: 'jo.bloggs', phone: '+447911123456', role: 'customer' });
  });

  it('asks for a resident key, user verification and excludes nothing for a new account', async () => {
    const { options } = await start('opts.check');
    const o = options as unknown as {
      authenticatorSelection: { residentKey: string; userVerification: string };
      timeout: number;
      rp: { id: string };
      hints?: string[];
    };
    expect(o.authenticatorSelection.residentKey).toBe('required');
    expect(o.authenticatorSelection.userVerification).toBe('required');
    expect(o.timeout).toBeLessThanOrEqual(300_000);
    expect(o.rp.id).toBe('localhost');
    expect(o.hints).toContain('client-device');
  });

  it('stores the session token only as a hash', async () => {
    const { session, account } = await register('hash.check');
    const token = session.split('.')[1] as string;
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits in base64url
    const stored = await runInDurableObject(env.ACCOUNT.get(env.ACCOUNT.idFromString(account.id)), (_o, state) =>
      state.storage.sql.exec<{ token_hash: string }>('SELECT token_hash FROM sessions').toArray(),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).not.toContain(token);
    expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sets the session cookie HttpOnly, Secure, SameSite=Lax with the __Host- prefix', async () => {
    const { ceremonyId, options } = await start('cookie.check');
    const credential = await new SoftAuthenticator({ origin }).register(options);
    const answer = await call('/api/registration/verify', { body: { ceremonyId, credential } });
    const cookie = answer.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/^__Host-session=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Domain=');
  });

  it('refuses a handle that is taken', async () => {
    await register('taken.handle');
    const answer = await call('/api/registration/options', { body: { handle: 'Taken.Handle', displayName: 'X' } });
    expect(answer.status).toBe(409);
    expect(errorCode(answer)).toBe('handle_taken');
    // Shown next to the field it is about.
    expect((answer.body as { error: { fields: Record<string, string> } }).error.fields.handle).toMatch(/taken/);
  });

  it('lets only one of two racing registrations have a handle', async () => {
    const a = await start('race.handle');
    const b = await start('race.handle');
    const [ca, cb] = await Promise.all([
      new SoftAuthenticator({ origin }).register(a.options),
      new SoftAuthenticator({ origin }).register(b.options),
    ]);
    const answers = await Promise.all([
      call('/api/registration/verify', { body: { ceremonyId: a.ceremonyId, credential: ca } }),
      call('/api/registration/verify', { body: { ceremonyId: b.ceremonyId, credential: cb } }),
    ]);
    expect(answers.map((x) => x.status).sort()).toEqual([201, 409]);
  });

  it('rejects a phone number the bank could not text, saying what is wrong with it', async () => {
    for (const [phone, said] of [
      ['+44 123', 'That is not a phone number: check the digits.'],
      ['07911 123456', 'Start with + and the country code, like +44 7911 123456.'],
      ['+44 7700 900123', 'No phone has that number: check the digits.'],
      ['+44 20 7946 0000', 'That is a landline. Give a mobile number: we send codes by text message.'],
      ['+81 90 1234 5678', 'We can only text numbers that start with +44, +353, +1, +33, +49, +31.'],
    ]) {
      const answer = await call<{ error: { fields: Record<string, string> } }>('/api/registration/options', {
        body: { handle: 'bad.phone', displayName: 'X', phone },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error.fields.phone).toBe(said);
    }
  });

  it('rejects a response made for another origin, and writes nothing', async () => {
    const { ceremonyId, options } = await start('wrong.origin');
    const credential = await new SoftAuthenticator({ origin: 'https://evil.example' }).register(options);
    const answer = await call('/api/registration/verify', { body: { ceremonyId, credential } });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('passkey_rejected');
    expect(await handleIsFree('wrong.origin')).toBe(true);
  });

  it('rejects a passkey made for another relying party id', async () => {
    const { ceremonyId, options } = await start('wrong.rpid');
    const credential = await new SoftAuthenticator({ origin, rpId: 'evil.example' }).register(options);
    const answer = await call('/api/registration/verify', { body: { ceremonyId, credential } });
    expect(errorCode(answer)).toBe('passkey_rejected');
    expect(await handleIsFree('wrong.rpid')).toBe(true);
  });

  it('refuses an attestation that carries a certificate chain with a 400, and writes nothing', async () => {
    const { ceremonyId, options } = await start('with.x5c');
    const certificate = crypto.getRandomValues(new Uint8Array(300));
    const attStmt = new Map<string, CborValue>([
      ['alg', -7],
      ['sig', new Uint8Array(70)],
      ['x5c', [certificate]],
    ]);
    const credential = await new SoftAuthenticator({ origin }).register(options, {
      attestation: { fmt: 'packed', attStmt },
    });
    const answer = await call('/api/registration/verify', { body: { ceremonyId, credential } });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('passkey_rejected');
    expect(await handleIsFree('with.x5c')).toBe(true);
  });

  it('requires user verification', async () => {
    const { ceremonyId, options } = await start('no.uv');
    const credential = await new SoftAuthenticator({ origin, userVerified: false }).register(options);
    const answer = await call('/api/registration/verify', { body: { ceremonyId, credential } });
    expect(errorCode(answer)).toBe('passkey_rejected');
    expect(await handleIsFree('no.uv')).toBe(true);
  });

  it('uses a challenge once: a second verification with it fails', async () => {
    const { ceremonyId, options } = await start('reuse.challenge');
    const authenticator = new SoftAuthenticator({ origin });
    const credential = await authenticator.register(options);
    expect((await call('/api/registration/verify', { body: { ceremonyId, credential } })).status).toBe(201);
    const again = await call('/api/registration/verify', { body: { ceremonyId, credential } });
    expect(again.status).toBe(400);
    expect(errorCode(again)).toBe('ceremony_invalid');
  });

  it('rejects a challenge after it expired, and its alarm deletes it', async () => {
    const { ceremonyId, options } = await start('late.challenge');
    const stub = env.PASSKEY_CHALLENGE.get(env.PASSKEY_CHALLENGE.idFromString(ceremonyId));
    const expiresAt = await runInDurableObject(stub, (_o, state) => state.storage.getAlarm());
    testClock.advance(300_000);
    expect(expiresAt).not.toBeNull();
    expect((expiresAt as number) - Date.now()).toBeLessThanOrEqual(300_000);
    const credential = await new SoftAuthenticator({ origin }).register(options);
    const answer = await call('/api/registration/verify', { body: { ceremonyId, credential } });
    expect(errorCode(answer)).toBe('ceremony_invalid');
    expect(await handleIsFree('late.challenge')).toBe(true);
  });

  it('forgets an unused challenge when its alarm fires', async () => {
    const { ceremonyId, options } = await start('alarm.challenge');
    const stub = env.PASSKEY_CHALLENGE.get(env.PASSKEY_CHALLENGE.idFromString(ceremonyId));
    const { runDurableObjectAlarm } = await import('cloudflare:test');
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const credential = await new SoftAuthenticator({ origin }).register(options);
    const answer = await call('/api/registration/verify', { body: { ceremonyId, credential } });
    expect(errorCode(answer)).toBe('ceremony_invalid');
  });

  it('rejects a ceremony id that is not one of ours', async () => {
    const answer = await call('/api/registration/verify', {
      body: {
        ceremonyId: 'a'.repeat(64),
        credential: {
          id: 'x',
          rawId: 'x',
          type: 'public-key',
          response: { clientDataJSON: 'x', attestationObject: 'x' },
        },
      },
    });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('ceremony_invalid');
  });

  it('does not accept a sign-in challenge for a registration', async () => {
    const signInStart = await call<{ ceremonyId: string }>('/api/session/options', { method: 'POST' });
    const { options } = await start('cross.purpose');
    const credential = await new SoftAuthenticator({ origin }).register(options);
    const answer = await call('/api/registration/verify', {
      body: { ceremonyId: signInStart.body.ceremonyId, credential },
    });
    expect(errorCode(answer)).toBe('ceremony_invalid');
  });
});
