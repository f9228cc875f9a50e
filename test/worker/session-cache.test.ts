import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountView } from '../../worker/core/account-rules.ts';
import { now, testClock } from '../../worker/core/clock.ts';
import { SessionCache } from '../../worker/http/session-cache.ts';
import { accountRows, call, register } from './client.ts';
import { removePasskeyWith } from './protection-helpers.ts';
import { useAlmostIdle, usesInLifetime } from './session-time.ts';

afterEach(() => {
  vi.useRealTimers();
  testClock.reset();
});

const me = (session: string) => call('/api/me', { cookie: session });

describe('the per-isolate session memory', () => {
  it('serves a just-confirmed session for at most five seconds, then asks the Account object again', async () => {
    const { session, account } = await register('cache.ttl');
    expect((await me(session)).status).toBe(200);
    // Another isolate signs the session out: this isolate's memory still holds it…
    await accountRows(account.id, 'DELETE FROM sessions');
    expect((await me(session)).status).toBe(200);
    // …for no longer than SESSION_CACHE_SECONDS.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 5_001);
    expect((await me(session)).status).toBe(401);
  });

  it('never serves a session past its own expiry', async () => {
    const { session, account } = await register('cache.expiry');
    // Kept in use to a second before its absolute expiry; that last use is remembered for up to five seconds.
    await useAlmostIdle(session, usesInLifetime);
    const [row] = await accountRows<{ expires_at: number }>(account.id, 'SELECT expires_at FROM sessions');
    testClock.advance((row?.expires_at as number) - now() - 1_000);
    expect((await me(session)).status).toBe(200);
    testClock.advance(1_001);
    expect((await me(session)).status).toBe(401);
  });

  it('forgets a session at sign-out in the isolate that signed it out', async () => {
    const { session } = await register('cache.signout');
    expect((await me(session)).status).toBe(200);
    expect((await call('/api/session', { method: 'DELETE', cookie: session })).status).toBe(200);
    expect((await me(session)).status).toBe(401);
  });

  it('forgets an account’s sessions when a passkey is removed', async () => {
    const { session, account, authenticator } = await register('cache.passkey');
    expect((await me(session)).status).toBe(200);
    // A second passkey, so that the first may go; then the first goes with its sessions.
    await accountRows(
      account.id,
      "INSERT INTO passkeys SELECT 'second', public_key, 0, transports, device_type, backed_up, 'Second', created_at, NULL FROM passkeys LIMIT 1",
    );
    const [first] = await accountRows<{ credential_id: string }>(
      account.id,
      "SELECT credential_id FROM passkeys WHERE credential_id <> 'second'",
    );
    const removed = await removePasskeyWith(session, authenticator, first?.credential_id as string);
    expect(removed.status).toBe(200);
    expect((await me(session)).status).toBe(401);
  });
});

describe('SessionCache', () => {
  const account = { id: 'a'.repeat(64) } as AccountView;

  it('holds an entry until its deadline and not a millisecond longer', () => {
    const cache = new SessionCache();
    cache.put('k', account, 1_000);
    expect(cache.get('k', 999)).toBe(account);
    expect(cache.get('k', 1_000)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('forgets one key, or every key of an account', () => {
    const cache = new SessionCache();
    cache.put('k1', account, 10);
    cache.put('k2', account, 10);
    cache.put('k3', { id: 'b'.repeat(64) } as AccountView, 10);
    cache.forget('k1');
    expect(cache.get('k1', 0)).toBeNull();
    cache.forgetAccount(account.id);
    expect(cache.get('k2', 0)).toBeNull();
    expect(cache.get('k3', 0)).not.toBeNull();
  });
});
