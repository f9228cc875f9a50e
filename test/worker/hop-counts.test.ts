/**
 * Durable Object calls per request (issue 14): hops set the latency users feel on Cloudflare, where
 * an object may sit in another city. The product worker is called with every namespace counting its
 * calls (test/bench/hops.ts, the bench worker's recorder); an object's own calls (the send caps, the
 * provider, the audit event inside Verification.start) are not seen from here.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import product from '../../worker/index.ts';
import { countingEnv, HopRecorder } from '../bench/hops.ts';
import { staff } from './call-helpers.ts';
import { origin } from './client.ts';
import { customerWithPhone, issueKey } from './otp-helpers.ts';

async function hopsOf(path: string, headers: Record<string, string>, body: unknown) {
  const recorder = new HopRecorder();
  const ctx = createExecutionContext();
  const res = await product.fetch(
    new Request(`${origin}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
    countingEnv(env, recorder) as typeof env,
    ctx,
  );
  await res.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return { status: res.status, total: recorder.hops.length, depth: recorder.depth };
}

let key: string;
let customer: Awaited<ReturnType<typeof customerWithPhone>>;
// Its own customer for the session path, so the API-key starts do not use up its send caps.
let sessionCustomer: Awaited<ReturnType<typeof customerWithPhone>>;
beforeAll(async () => {
  const { admin } = await staff('hop.agent');
  key = (await issueKey(admin, ['verifications'])).key;
  customer = await customerWithPhone('hop.customer', '+447911127001');
  sessionCustomer = await customerWithPhone('hop.session', '+447911127002', '198.51.100.90');
});

describe('hops of a verification start', () => {
  it('by API key and handle: at most 3 calls in sequence, the Verification object the second, caches warm', async () => {
    const start = () =>
      hopsOf(
        '/api/v1/verifications',
        { Authorization: `Bearer ${key}` },
        {
          account: customer.handle,
          channel: 'sms',
          purpose: 'sign_in',
        },
      );
    const cold = await start();
    const warm = await start();
    console.log(`hops, start by API key: cold ${JSON.stringify(cold)}, warm ${JSON.stringify(warm)}`);
    expect(warm.status).toBe(201);
    // The account's contact, then Verification.start (caps ∥, provider, audit inside it), then the key's list.
    expect(warm.depth).toBeLessThanOrEqual(3);
  });

  it('by API key with an Idempotency-Key: the claim is asked at once with the lookups, still 3 in sequence', async () => {
    let n = 0;
    const start = () =>
      hopsOf(
        '/api/v1/verifications',
        { Authorization: `Bearer ${key}`, 'Idempotency-Key': `hops-${++n}` },
        {
          account: customer.handle,
          channel: 'sms',
          purpose: 'sign_in',
        },
      );
    await start();
    const warm = await start();
    console.log(`hops, start by API key with Idempotency-Key: warm ${JSON.stringify(warm)}`);
    expect(warm.status).toBe(201);
    expect(warm.depth).toBeLessThanOrEqual(3);
  });

  it('by the customer session: at most 3 calls in sequence, caches warm', async () => {
    const start = () =>
      hopsOf(
        '/api/v1/verifications',
        { Origin: origin, Cookie: `__Host-session=${sessionCustomer.session}` },
        {
          channel: 'sms',
          purpose: 'sign_in',
        },
      );
    const cold = await start();
    const warm = await start();
    console.log(`hops, start by session: cold ${JSON.stringify(cold)}, warm ${JSON.stringify(warm)}`);
    expect(warm.status).toBe(201);
    expect(warm.depth).toBeLessThanOrEqual(3);
  });
});
