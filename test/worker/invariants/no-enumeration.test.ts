/**
 * DESIGN.md: unknown user, unknown phone and wrong code look alike from outside (issue 9, hole 5):
 * the handle check is throttled per client, decoy masks differ by name, withheld sends take as long
 * as real ones (from the first send of an isolate on), and both paths make the same object calls.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { api } from '../../../worker/app.ts';
import type { Env } from '../../../worker/env.ts';
import { decoyClock, minimumPaddingMs } from '../../../worker/messenger/decoy-timing.ts';
import { sendMessage } from '../../../worker/messenger/messenger.ts';
import type { Verification, VerificationStart } from '../../../worker/objects/verification.ts';
import { bootstrapAdmin, call, errorCode, origin, register } from '../client.ts';
import { directCall } from '../direct-call.ts';
import { customerWithPhone, issueKey, startVerification } from '../otp-helpers.ts';

const realPause = decoyClock.pause;
/** The pauses the messenger asked for, through the timer seam (nothing sleeps). */
let pauses: number[] = [];
const recordPauses = () => {
  pauses = [];
  decoyClock.pause = async (ms: number) => {
    pauses.push(ms);
  };
};
afterEach(() => {
  decoyClock.pause = realPause;
});

let key: string;
beforeAll(async () => {
  key = (await issueKey(await bootstrapAdmin(), ['verifications'])).key;
});

describe('withheld sends are padded', { timeout: 30_000 }, () => {
  // First in this file: no real send has been timed in this isolate yet.
  it('waits at least the fixed minimum in a fresh isolate, before any real send was timed', async () => {
    recordPauses();
    const answer = await startVerification({ key }, { account: 'nobody.fresh', channel: 'sms', purpose: 'sign_in' });
    expect(answer.status).toBe(201);
    expect(pauses).toHaveLength(1);
    expect(pauses[0]).toBeGreaterThanOrEqual(minimumPaddingMs);
  });

  it('takes as long as a real send through a slow provider (the stub answers after 1 s)', async () => {
    const service = inject('twilioService');
    const slowEnv: Env = {
      ...env,
      DELIVERY: 'twilio',
      TWILIO_BASE_URL: service.url,
      TWILIO_ACCOUNT_SID: service.accountSid,
      TWILIO_AUTH_TOKEN: service.authToken,
      TWILIO_FROM: '+15005550006',
    };
    const message = { kind: 'otp', purpose: 'sign_in', code: '482915', transaction: null } as const;
    const base = { channel: 'sms' as const, masked: '+1 ••• 409', message, accountId: null, cause: directCall };
    const real = await sendMessage(slowEnv, {
      ...base,
      to: '+15005550409',
      budget: ['account:slow.real'],
      client: { ip: null, apiKey: null },
    });
    expect(real.ok).toBe(true);
    recordPauses();
    const withheld = await sendMessage(slowEnv, {
      ...base,
      to: null,
      budget: ['account:slow.withheld'],
      client: { ip: null, apiKey: null },
    });
    expect(withheld).toEqual({ ok: true, value: { id: null } });
    // The typical real send here took at least the stub's 1 s; a withheld one waits that ±25 %.
    expect(pauses).toHaveLength(1);
    expect(pauses[0]).toBeGreaterThanOrEqual(750);
  });
});

describe('the handle check is throttled per client', { timeout: 30_000 }, () => {
  const options = (handle: string, ip: string) =>
    call('/api/registration/options', {
      body: { handle, displayName: 'Eve Asker' },
      headers: { 'CF-Connecting-IP': ip },
    });

  it('answers at most 20 registration starts per client IP in 10 minutes, then 429 with Retry-After, taken or not', async () => {
    await register('taken.handle');
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await options(`free.handle.${i}`, '192.0.2.66')).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    for (const handle of ['free.handle.x', 'taken.handle']) {
      const refused = await options(handle, '192.0.2.66');
      expect(refused.status).toBe(429);
      expect(errorCode(refused)).toBe('too_many_requests');
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(refused.headers.get('Cache-Control')).toBe('no-store');
    }
    // Another client is not held back, and still learns nothing more than before.
    expect(errorCode(await options('taken.handle', '192.0.2.67'))).toBe('handle_taken');
  });
});

describe('unknown accounts look like known ones', { timeout: 30_000 }, () => {
  it('shows two different unknown names different decoy masks, and one name always the same', async () => {
    recordPauses();
    const maskOf = async (account: string) =>
      (await startVerification({ key }, { account, channel: 'sms', purpose: 'sign_in' })).body.to;
    const first = await maskOf('ghost.alpha');
    const second = await maskOf('ghost.bravo');
    expect(first).toMatch(/^\+44 •••• ••• \d{3}$/);
    expect(second).toMatch(/^\+44 •••• ••• \d{3}$/);
    expect(first).not.toBe(second);
    expect(await maskOf('ghost.alpha')).toBe(first);
  });

  it('makes the same object calls in the route for an unknown account as for a known one', async () => {
    recordPauses();
    const known = await customerWithPhone('enum.known', '+447911150001');
    const callsFor = async (account: string) => {
      const calls: string[] = [];
      const response = await api.fetch(
        new Request(`${origin}/api/v1/verifications`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ account, channel: 'sms', purpose: 'sign_in' }),
        }),
        counting(env, calls),
      );
      expect(response.status).toBe(201);
      // The key's own look-up depends on the key (and this isolate's cache of it), not on the account.
      return calls.filter((c) => !c.startsWith('API_KEY.'));
    };
    const real = await callsFor(known.handle);
    expect(real).toContain('ACCOUNT.contactFor');
    expect(await callsFor('enum.unknown')).toEqual(real);
  });

  it('makes the same object calls in the Verification object for a withheld send as for a real one', async () => {
    recordPauses();
    const known = await customerWithPhone('enum.object', '+447911150002');
    const accountId = known.account.id;
    const start = (destination: string | null): VerificationStart => ({
      purpose: 'sign_in',
      channel: 'sms',
      destination,
      masked: '+44 •••• ••• 002',
      accountId,
      owner: 'key:0123456789abcdef',
      subject: 'enum.object',
      budgetKeys: ['account:enum.object.calls', 'to:+447911150002'],
      ip: '192.0.2.90',
      transaction: null,
    });
    const callsOf = async (destination: string | null) => {
      const stub = env.VERIFICATION.get(env.VERIFICATION.newUniqueId());
      return runInDurableObject(stub, async (instance: Verification) => {
        const calls: string[] = [];
        const inner = instance as unknown as { env: Env };
        const own = inner.env;
        inner.env = counting(own, calls);
        const started = await instance.start(start(destination), directCall);
        inner.env = own;
        expect(started.ok).toBe(true);
        // The outbox stands in for the provider; the decoy wait stands in for it on the withheld path.
        return calls.filter((c) => !c.startsWith('OUTBOX.'));
      });
    };
    const real = await callsOf('+447911150002');
    expect(real).toContain('ACCOUNT.recordVerificationEvent');
    expect(await callsOf(null)).toEqual(real);
  });
});

/** The environment with every Durable Object call noted as `BINDING.method`. */
function counting(base: Env, calls: string[]): Env {
  return new Proxy(base, {
    get(target, binding: string) {
      const value = (target as unknown as Record<string, unknown>)[binding];
      if (!value || typeof value !== 'object' || !('idFromName' in value)) return value;
      const ns = value as DurableObjectNamespace;
      return new Proxy(ns, {
        get(n, member: string) {
          if (member !== 'get') {
            const m = (n as unknown as Record<string, unknown>)[member];
            return typeof m === 'function' ? m.bind(n) : m;
          }
          return (id: DurableObjectId) => {
            const stub = n.get(id);
            return new Proxy(stub, {
              get(s, method: string) {
                const rpc = s as unknown as Record<string, (...a: unknown[]) => unknown>;
                if (typeof rpc[method] !== 'function') return rpc[method];
                // Called on the stub itself: an RPC stub answers any property, `.apply` included.
                return (...args: unknown[]) => {
                  calls.push(`${binding}.${method}`);
                  return rpc[method]?.(...args);
                };
              },
            });
          };
        },
      });
    },
  });
}
