/** The dev outbox: the provider stores messages, `GET /api/dev/outbox` shows them, only in dev. */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { api } from '../../worker/app.ts';
import { outboxStub } from '../../worker/delivery/outbox.ts';
import { providerFromEnv } from '../../worker/delivery/provider.ts';
import { call, origin } from './client.ts';

interface Listed {
  messages: { id: string; channel: string; to: string; text: string; at: number }[];
}

// No session and no Origin: the outbox stands in for a dev laptop's phones and mailboxes. It
// needs no guard because the whole route is absent unless DELIVERY is `outbox` (tested below).
const outbox = (to?: string) =>
  call<Listed>(`/api/dev/outbox${to === undefined ? '' : `?${new URLSearchParams({ to })}`}`, { origin: null });

describe('the dev outbox', () => {
  it('is the provider wrangler.toml gives development', () => {
    expect(env.DELIVERY).toBe('outbox');
  });

  it('stores what the provider sends and lists it for exactly that destination, newest first', async () => {
    const provider = providerFromEnv(env);
    const first = await provider?.send('sms', '+447700900001', 'Code 111 111');
    const other = await provider?.send('email', 'ann@example.com', 'Code 222 222');
    const second = await provider?.send('call', '+447700900001', 'Code 333 333');
    expect(first).toEqual({ ok: true, value: { id: expect.stringMatching(/^OB[A-Za-z0-9_-]{22}$/) } });
    expect(other?.ok && second?.ok).toBe(true);

    const listed = await outbox('+447700900001');
    expect(listed.status).toBe(200);
    expect(listed.body.messages.map(({ channel, to, text }) => ({ channel, to, text }))).toEqual([
      { channel: 'call', to: '+447700900001', text: 'Code 333 333' },
      { channel: 'sms', to: '+447700900001', text: 'Code 111 111' },
    ]);
    expect(listed.body.messages[1]?.id).toBe(first?.ok && first.value.id);
    // Exact match only: a prefix of the number is another destination.
    expect((await outbox('+44770090000')).body.messages).toEqual([]);
    expect((await outbox('ann@example.com')).body.messages.map((m) => m.text)).toEqual(['Code 222 222']);
  });

  it('keeps only the newest 500 messages', async () => {
    const stub = outboxStub(env.OUTBOX);
    for (let i = 0; i < 505; i++) await stub.store('sms', '+447700900002', `message ${i}`);
    const listed = (await outbox('+447700900002')).body.messages;
    expect(listed).toHaveLength(500);
    expect(listed[0]?.text).toBe('message 504');
    expect(listed.at(-1)?.text).toBe('message 5');
    await runInDurableObject(stub, (_, state) => {
      expect(state.storage.sql.exec('SELECT COUNT(*) AS n FROM messages').one().n).toBeLessThanOrEqual(500);
    });
    // 505 sequential writes: minutes of margin on a loaded 2-core machine, not a timing check.
  }, 60_000);

  it('refuses what is not a channel, as it would from anywhere', async () => {
    const stored = await outboxStub(env.OUTBOX).store('fax', '+447700900003', 'hello');
    expect(stored).toMatchObject({ ok: false, reason: 'rejected' });
    expect((await outbox('+447700900003')).body.messages).toEqual([]);
  });

  it('does not exist unless DELIVERY is outbox: 404 not_found, as an unknown route answers', async () => {
    const unknown = await api.fetch(new Request(`${origin}/api/no-such-route`), env);
    for (const delivery of ['twilio', undefined]) {
      const request = new Request(`${origin}/api/dev/outbox?to=%2B447700900001`);
      const response = await api.fetch(request, { ...env, DELIVERY: delivery });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: 'not_found', message: 'There is nothing here.', requestId: expect.any(String) },
      });
    }
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { code: 'not_found', message: 'There is nothing here.', requestId: expect.any(String) },
    });
  });

  it('does not exist, and sends nothing, on a deployment that is not on localhost', async () => {
    // The whole API fails closed there (test/worker/deployment.test.ts); the provider is gone too.
    const production = { ...env, DELIVERY: 'outbox', ORIGIN: 'https://verify.example-bank.com' };
    const request = new Request('https://verify.example-bank.com/api/dev/outbox', {
      headers: { Origin: 'https://verify.example-bank.com' },
    });
    const response = await api.fetch(request, production);
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain('messages');
    expect(providerFromEnv(production)).toBeNull();
    expect(providerFromEnv({ ...env, DELIVERY: 'outbox' })).not.toBeNull();
  });
});
