/**
 * The bank's own customer reference (issue 11): set by the bank's systems with an API key of scope
 * `customers`, unique (ignoring case), released when changed; only that scope may set it.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerDetails } from '../../shared/customers.ts';
import { testClock } from '../../worker/core/clock.ts';
import { accountSlotName, type CustomerReference, referenceName } from '../../worker/objects/customer-reference.ts';
import { type Person, staff } from './call-helpers.ts';
import { call, errorCode, register } from './client.ts';
import { issueKey, startVerification } from './otp-helpers.ts';

let agent: Person;
let customersKey: string;
let verificationsKey: string;
const ids: Record<string, string> = {};

const put = (handle: string, body: unknown, key = customersKey) =>
  call<{ handle: string; reference: string }>(`/api/v1/customers/${handle}/reference`, {
    method: 'PUT',
    body,
    headers: { Authorization: `Bearer ${key}` },
    origin: null,
  });

const byReference = (reference: string) =>
  call<{ customer: CustomerDetails }>(`/api/agent/customers?${new URLSearchParams({ reference })}`, {
    cookie: agent.session,
  });

beforeAll(async () => {
  let admin: Person;
  ({ admin, agent } = await staff('ref.agent'));
  for (const handle of ['ref.one', 'ref.two', 'ref.three', 'ref.four'])
    ids[handle] = (await register(handle)).account.id;
  customersKey = (await issueKey(admin, ['customers'], 'Core banking')).key;
  verificationsKey = (await issueKey(admin, ['verifications'], 'Sign-in service')).key;
});

afterEach(() => testClock.reset());

describe('setting a customer reference', () => {
  it('sets it, finds the customer by it, and releases the old one when it changes', async () => {
    const set = await put('ref.one', { reference: 'A-100' });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ handle: 'ref.one', reference: 'A-100' });
    expect((await byReference('A-100')).body.customer).toMatchObject({ handle: 'ref.one', reference: 'A-100' });

    expect((await put('ref.one', { reference: 'A-101' })).status).toBe(200);
    expect(errorCode(await byReference('A-100'))).toBe('customer_not_found');
    expect((await byReference('a-101')).body.customer.handle).toBe('ref.one');
    // The old reference is free for another customer now.
    expect((await put('ref.two', { reference: 'A-100' })).status).toBe(200);
    // Setting the same again, or in other letters, keeps the claim.
    expect((await put('ref.one', { reference: 'A-101' })).status).toBe(200);
    expect((await put('ref.one', { reference: 'a-101' })).body.reference).toBe('a-101');
    expect((await byReference('A-101')).body.customer.handle).toBe('ref.one');
  });

  it('keeps references unique, ignoring case: the second customer is told 409', async () => {
    expect((await put('ref.three', { reference: 'DUP-1' })).status).toBe(200);
    const taken = await put('ref.four', { reference: 'dup-1' });
    expect(taken.status).toBe(409);
    expect(errorCode(taken)).toBe('reference_taken');
    expect((await byReference('DUP-1')).body.customer.handle).toBe('ref.three');
  });

  it('gives a reference claimed at once by two customers to exactly one', async () => {
    for (let round = 0; round < 5; round++) {
      const reference = `RACE-${round}`;
      const answers = await Promise.all([
        put('ref.three', { reference }),
        put('ref.four', { reference }),
        put('ref.three', { reference }),
        put('ref.four', { reference }),
      ]);
      const winners = new Set(answers.filter((a) => a.status === 200).map((a) => a.body.handle));
      expect(winners.size, reference).toBe(1);
      expect(answers.filter((a) => a.status === 409).length).toBe(2);
      expect((await byReference(reference)).body.customer.handle).toBe([...winners][0]);
    }
  });

  it('frees a claim whose customer never got the reference (a crash between the two writes)', async () => {
    const refs = env.CUSTOMER_REFERENCE;
    const stale = refs.get(refs.idFromName(referenceName('LOST-1')));
    expect(await stale.claim(ids['ref.one'] as string, 'LOST-1')).toEqual({ ok: true, value: null });
    // Within a minute the claimant may still be writing its slot: taken.
    expect(errorCode(await put('ref.two', { reference: 'LOST-1' }))).toBe('reference_taken');
    testClock.advance(61_000);
    expect((await put('ref.two', { reference: 'LOST-1' })).status).toBe(200);
    expect((await byReference('LOST-1')).body.customer.handle).toBe('ref.two');
    const slot = refs.get(refs.idFromName(accountSlotName(ids['ref.two'] as string)));
    expect(await runInDurableObject(slot, (o: CustomerReference) => o.reference())).toBe('LOST-1');
  });

  it('is for keys with the customers scope only; that key cannot start verifications', async () => {
    const other = await put('ref.one', { reference: 'B-1' }, verificationsKey);
    expect(other.status).toBe(403);
    expect(errorCode(other)).toBe('forbidden');
    const signedIn = await call('/api/v1/customers/ref.one/reference', {
      method: 'PUT',
      body: { reference: 'B-1' },
      cookie: agent.session,
    });
    expect(signedIn.status).toBe(401);
    const started = await startVerification(
      { key: customersKey },
      { account: 'ref.one', channel: 'sms', purpose: 'sign_in' },
    );
    expect(started.status).toBe(403);
    expect(errorCode(started)).toBe('forbidden');
    expect(errorCode(await byReference('B-1'))).toBe('customer_not_found');
  });

  it('answers bad input and unknown customers in the error shape', async () => {
    for (const body of [{}, { reference: '' }, { reference: 'a b' }, { reference: 'x'.repeat(65) }, { ref: 'A' }]) {
      const refused = await put('ref.one', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(errorCode(refused)).toBe('invalid_input');
    }
    expect(errorCode(await put('x', { reference: 'A-1' }))).toBe('invalid_input');
    const unknown = await put('nobody.here', { reference: 'A-1' });
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown)).toBe('customer_not_found');
    // Staff have no customer reference.
    expect(errorCode(await put('ref.agent', { reference: 'A-1' }))).toBe('customer_not_found');
  });

  it('refuses what it is not given as a reference, called directly', async () => {
    const refs = env.CUSTOMER_REFERENCE;
    const slot = refs.get(refs.idFromName(accountSlotName(ids['ref.one'] as string)));
    expect(await slot.set('bad reference', 'key:0123456789abcdef')).toEqual({ ok: false, reason: 'invalid' });
    expect(await slot.set('GOOD-1', 'someone')).toEqual({ ok: false, reason: 'invalid' });
    const claim = refs.get(refs.idFromName(referenceName('x y')));
    expect(await claim.claim(ids['ref.one'] as string, 'x y')).toEqual({ ok: false, reason: 'invalid' });
    expect(await claim.claim('not-an-id', 'XY')).toEqual({ ok: false, reason: 'invalid' });
  });
});
