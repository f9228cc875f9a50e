/**
 * Invariant: "Passkeys: user verification required; resident keys; challenges single-use and
 * short-lived; the sign-count and backup flags recorded." A non-zero signature counter must grow
 * (WebAuthn L3 §6.1.1): one that stands still or goes back points to a cloned authenticator.
 * Also held elsewhere (see README.md here): registration.test.ts (resident key, UV, challenge once),
 * calls.test.ts ("the customer passkey"), passkeys.test.ts (added passkeys need UV).
 */
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import { testClock } from '../../../worker/core/clock.ts';
import { accountRows, errorCode, finishSignIn, register, signIn, startSignIn } from '../client.ts';
import { directCall } from '../direct-call.ts';

afterEach(() => testClock.reset());

const policy = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
const context = directCall;

describe('passkey sign-in', () => {
  it('refuses a sign-in without user verification', async () => {
    const { authenticator } = await register('sign.in.no.uv');
    authenticator.userVerified = false;
    const answer = await signIn(authenticator);
    expect(answer.status).toBe(401);
    expect(errorCode(answer)).toBe('sign_in_failed');
    expect(answer.session).toBeNull();
  });

  it('uses a sign-in challenge once', async () => {
    const { authenticator } = await register('sign.in.reuse');
    const start = await startSignIn();
    const first = await finishSignIn(start.ceremonyId, await authenticator.authenticate(start.options));
    expect(first.status).toBe(200);
    const again = await finishSignIn(start.ceremonyId, await authenticator.authenticate(start.options));
    expect(again.status).toBe(400);
    expect(errorCode(again)).toBe('ceremony_invalid');
    expect(again.session).toBeNull();
  });

  it('refuses a sign-in challenge after it expired (5 minutes, on the one clock)', async () => {
    const { authenticator } = await register('sign.in.late');
    const start = await startSignIn();
    testClock.advance(5 * 60_000);
    const answer = await finishSignIn(start.ceremonyId, await authenticator.authenticate(start.options));
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('ceremony_invalid');
  });

  it('refuses a cloned authenticator whose signature counter went back', async () => {
    const { authenticator, account } = await register('sign.in.clone');
    // Two ceremonies answered in order (counters 1 and 2); the later one reaches the server first,
    // as when a clone has signed more often than the copy now used.
    const lagging = await startSignIn();
    const ahead = await startSignIn();
    const laggingAssertion = await authenticator.authenticate(lagging.options);
    const aheadAssertion = await authenticator.authenticate(ahead.options);
    expect((await finishSignIn(ahead.ceremonyId, aheadAssertion)).status).toBe(200);
    const [stored] = await accountRows<{ counter: number }>(account.id, 'SELECT counter FROM passkeys');
    expect(stored?.counter).toBe(2);

    const answer = await finishSignIn(lagging.ceremonyId, laggingAssertion);
    expect(answer.status).toBe(401);
    expect(errorCode(answer)).toBe('sign_in_failed');
    expect(answer.session).toBeNull();
    const [after] = await accountRows<{ counter: number }>(account.id, 'SELECT counter FROM passkeys');
    expect(after?.counter).toBe(2);
  });

  it('refuses an assertion whose non-zero counter equals the stored counter, at sign-in and for a ceremony', async () => {
    const { authenticator, account } = await register('pk.same.counter');
    expect((await signIn(authenticator)).status).toBe(200);
    const [passkey] = await accountRows<{ credential_id: string; counter: number }>(
      account.id,
      'SELECT credential_id, counter FROM passkeys',
    );
    expect(passkey?.counter).toBe(1);
    const stub = env.ACCOUNT.get(env.ACCOUNT.idFromString(account.id));
    const same = { credentialId: passkey?.credential_id as string, newCounter: 1, backedUp: true };
    expect(await stub.signIn(same, policy, context)).toEqual({ ok: false, reason: 'counter_regressed' });
    expect(await stub.recordAssertion(same)).toEqual({ ok: false, reason: 'counter_regressed' });
    expect((await stub.recordAssertion({ ...same, newCounter: 2 })).ok).toBe(true);
    const [after] = await accountRows<{ counter: number }>(account.id, 'SELECT counter FROM passkeys');
    expect(after?.counter).toBe(2);
  });

  it('lets a passkey that does not count (always 0, as synced passkeys do) sign in again', async () => {
    const { account } = await register('pk.zero.counter');
    const stub = env.ACCOUNT.get(env.ACCOUNT.idFromString(account.id));
    const [passkey] = await accountRows<{ credential_id: string }>(account.id, 'SELECT credential_id FROM passkeys');
    const zero = { credentialId: passkey?.credential_id as string, newCounter: 0, backedUp: true };
    expect((await stub.signIn(zero, policy, context)).ok).toBe(true);
    expect((await stub.signIn(zero, policy, context)).ok).toBe(true);
  });
});
