import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import { testClock } from '../../worker/core/clock.ts';
import { sha256Hex } from '../../worker/core/hash.ts';
import { toBase64Url } from '../../worker/core/random.ts';
import { SoftAuthenticator } from '../support/authenticator.ts';
import {
  accountRows,
  auditOf,
  call,
  errorCode,
  finishSignIn,
  origin,
  register,
  signIn,
  startSignIn,
  tokenOf,
} from './client.ts';
import { almostIdleMs, idleMs, useAlmostIdle, usesInLifetime } from './session-time.ts';

afterEach(() => testClock.reset());

/** A passkey the server never saw: made by an authenticator that never registered with it. */
async function strangerFor(userHandle: string) {
  const stranger = new SoftAuthenticator({ origin });
  await stranger.register({
    challenge: toBase64Url(crypto.getRandomValues(new Uint8Array(32))),
    rp: { id: 'localhost', name: 'Countersign' },
    user: { id: userHandle, name: 'mallory', displayName: 'Mallory' },
  });
  return stranger;
}

const withoutRequestId = (body: unknown) => {
  const { requestId: _id, ...error } = (body as { error: Record<string, unknown> }).error;
  return { error };
};

const userHandleOf = (accountId: string) =>
  toBase64Url(Uint8Array.from(accountId.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16)));

async function sessionRows(accountId: string, session: string) {
  return accountRows(accountId, 'SELECT * FROM sessions WHERE token_hash = ?', await sha256Hex(tokenOf(session)));
}

describe('sign-in', () => {
  it('signs in without a username and the new session reaches /api/me', async () => {
    const { authenticator, account } = await register('usernameless');
    const start = await startSignIn();
    expect(start.options.allowCredentials ?? []).toEqual([]);
    const answer = await finishSignIn(start.ceremonyId, await authenticator.authenticate(start.options));
    expect(answer.status).toBe(200);
    expect(answer.body.account.id).toBe(account.id);
    expect(answer.session).toMatch(new RegExp(`^${account.id}\\.[A-Za-z0-9_-]{43}$`));
    const me = await call<{ account: { handle: string } }>('/api/me', { cookie: answer.session });
    expect(me.status).toBe(200);
    expect(me.body.account.handle).toBe('usernameless');
  });

  it('answers a passkey the server never registered exactly like a bad signature', async () => {
    const { authenticator, account } = await register('no.enumeration');

    // A bad signature: a genuine assertion carrying another key's signature.
    const forgedStart = await startSignIn();
    const genuine = await authenticator.authenticate(forgedStart.options);
    const otherKey = await (await strangerFor(userHandleOf(account.id))).authenticate(forgedStart.options);
    const badSignature = await finishSignIn(forgedStart.ceremonyId, {
      ...genuine,
      response: { ...genuine.response, signature: otherKey.response.signature },
    });

    // Unknown passkeys: under a random user handle, under an account id of ours that holds no
    // account, and under the real account's user handle.
    const unknownAccount = await strangerFor(toBase64Url(crypto.getRandomValues(new Uint8Array(32))));
    const emptyAccount = await strangerFor(userHandleOf(env.ACCOUNT.newUniqueId().toString()));
    const realAccount = await strangerFor(userHandleOf(account.id));
    const unknown = [
      await signIn(unknownAccount),
      await signIn(emptyAccount),
      await signIn(realAccount),
      // The real account's passkey id is not enough either without its key.
      await signIn(realAccount),
    ];

    expect(badSignature.status).toBe(401);
    expect(errorCode(badSignature)).toBe('sign_in_failed');
    for (const answer of unknown) {
      expect(answer.status).toBe(badSignature.status);
      // The same answer, apart from the id every answer carries for the logs (Request-Id).
      expect(withoutRequestId(answer.body)).toEqual(withoutRequestId(badSignature.body));
      expect(answer.session).toBeNull();
    }
    expect(badSignature.session).toBeNull();
  });

  it('refuses an assertion made for another relying party id', async () => {
    const { authenticator } = await register('sign.in.rpid');
    const start = await startSignIn();
    const credential = await authenticator.authenticate(start.options, { rpId: 'evil.example' });
    const answer = await finishSignIn(start.ceremonyId, credential);
    expect(answer.status).toBe(401);
    expect(errorCode(answer)).toBe('sign_in_failed');
  });

  it('refuses an assertion made on another origin', async () => {
    const { authenticator } = await register('sign.in.origin');
    const start = await startSignIn();
    const credential = await authenticator.authenticate(start.options, { origin: 'https://evil.example' });
    const answer = await finishSignIn(start.ceremonyId, credential);
    expect(answer.status).toBe(401);
    expect(errorCode(answer)).toBe('sign_in_failed');
  });

  it('ends the old session when the same browser signs in again', async () => {
    const { authenticator, account, session: first } = await register('same.browser');
    const answer = await signIn(authenticator, first);
    expect(answer.status).toBe(200);
    const second = answer.session as string;
    expect(second).not.toBe(first);
    expect(tokenOf(second)).not.toBe(tokenOf(first));

    const old = await call('/api/me', { cookie: first });
    expect(old.status).toBe(401);
    expect(errorCode(old)).toBe('not_signed_in');
    expect(await sessionRows(account.id, first)).toHaveLength(0);
    expect((await call('/api/me', { cookie: second })).status).toBe(200);
  });

  it("keeps another browser's session when a second browser signs in", async () => {
    const { authenticator, session: phone } = await register('two.browsers');
    const laptop = await signIn(authenticator);
    expect(laptop.status).toBe(200);
    expect((await call('/api/me', { cookie: phone })).status).toBe(200);
    expect((await call('/api/me', { cookie: laptop.session })).status).toBe(200);
  });

  it('signs out: the session ends and the cookie is cleared', async () => {
    const { account, session } = await register('signs.out');
    const answer = await call('/api/session', { method: 'DELETE', cookie: session });
    expect(answer.status).toBe(200);
    const cookie = answer.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/^__Host-session=;/);
    expect(cookie).toMatch(/Max-Age=0/i);
    expect(answer.session).toBe('');

    const me = await call('/api/me', { cookie: session });
    expect(me.status).toBe(401);
    expect(errorCode(me)).toBe('not_signed_in');
    expect(await sessionRows(account.id, session)).toHaveLength(0);
  });

  it('ends a session left idle past the idle limit, and deletes it', async () => {
    const { account, session } = await register('idle.session');
    const [row] = await sessionRows(account.id, session);
    expect(row).toBeDefined();
    testClock.advance(idleMs + 1_000);
    const me = await call('/api/me', { cookie: session });
    expect(me.status).toBe(401);
    expect(errorCode(me)).toBe('not_signed_in');
    expect(me.session).toBe('');
    expect(await sessionRows(account.id, session)).toHaveLength(0);
  });

  it('keeps a session used within the idle limit alive and slides it forward', async () => {
    const { account, session } = await register('busy.session');
    const [row] = await sessionRows(account.id, session);
    // Last seen at registration; used again a minute before the idle limit.
    const almostIdle = row?.last_seen_at as number;
    testClock.advance(idleMs - 60_000);
    expect((await call('/api/me', { cookie: session })).status).toBe(200);
    const [after] = await sessionRows(account.id, session);
    expect(after?.last_seen_at as number).toBeGreaterThan(almostIdle + 60_000);
  });

  it('ends a session past its absolute lifetime even while in use, and deletes it', async () => {
    const { account, session } = await register('old.session');
    // In use every 29 minutes: never idle, until the absolute lifetime is over.
    const uses = await useAlmostIdle(session, usesInLifetime);
    expect(uses.every((status) => status === 200)).toBe(true);
    testClock.advance(almostIdleMs);
    const me = await call('/api/me', { cookie: session });
    expect(me.status).toBe(401);
    expect(errorCode(me)).toBe('not_signed_in');
    expect(await sessionRows(account.id, session)).toHaveLength(0);
  });

  it('records why sessions expired in the audit log', async () => {
    const { authenticator, session } = await register('expiry.audit');
    const idle = (await signIn(authenticator)).session as string;
    // The first session stays in use past its absolute lifetime; the second, left alone, goes idle first.
    await useAlmostIdle(session, 2);
    expect((await call('/api/me', { cookie: idle })).status).toBe(401);
    expect((await useAlmostIdle(session, usesInLifetime - 1)).at(-1)).toBe(401);
    const fresh = (await signIn(authenticator)).session as string;
    const expired = (await auditOf(fresh)).filter((e) => e.type === 'session_expired').map((e) => e.detail.why);
    expect(expired.sort()).toEqual(['absolute', 'idle']);
  });

  it.each([
    ['a random account id with a well-formed token', `${'ab'.repeat(32)}.${'A'.repeat(43)}`],
    ['a random account id with a garbage token', `${'cd'.repeat(32)}.!!garbage!!`],
    ['garbage', 'garbage'],
    ['an empty value', '.'],
    ['a token without an account id', 'A'.repeat(43)],
  ])('answers a forged cookie (%s) with 401, not 500', async (_what, cookie) => {
    const me = await call('/api/me', { cookie });
    expect(me.status).toBe(401);
    expect(errorCode(me)).toBe('not_signed_in');
  });
});
