/**
 * `Idempotency-Key` on `POST /api/v1/verifications` (issue 12, integrator plumbing): the same key and
 * body answer the same verification again and send nothing more; another body is a 422; concurrent
 * starts with one key make one verification and one SMS; records go after 24 hours.
 */
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../../worker/core/clock.ts';
import type { ApiKey } from '../../worker/objects/api-key.ts';
import { bootstrapAdmin, errorCode } from './client.ts';
import { customerWithPhone, issueKey, messagesTo, startVerification } from './otp-helpers.ts';

let key: string;
let keyId: string;
let otherKey: string;
let people = 0;
/** A customer with a verified phone of their own (each test its own, so send caps do not mix). */
const freshCustomer = () => {
  people += 1;
  return customerWithPhone(`idem.${people}`, `+4479111250${String(people).padStart(2, '0')}`);
};
const signIn = (handle: string) => ({ account: handle, channel: 'sms', purpose: 'sign_in' });
const withKey = (idem: string) => ({ 'Idempotency-Key': idem });
const apiKeyObject = () => env.API_KEY.get(env.API_KEY.idFromName(`key:${keyId}`));

beforeAll(async () => {
  const admin = await bootstrapAdmin();
  const issued = await issueKey(admin, ['verifications']);
  key = issued.key;
  keyId = issued.apiKey.id;
  otherKey = (await issueKey(admin, ['verifications'], 'Card platform')).key;
});
afterEach(() => testClock.reset());

describe('Idempotency-Key on starts', () => {
  it('answers the same verification again for the same key and body, and sends one SMS', async () => {
    const person = await freshCustomer();
    const before = (await messagesTo(person.phone)).length;
    const first = await startVerification({ key }, signIn(person.handle), withKey('order-1'));
    expect(first.status).toBe(201);
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    // The same body with its fields in another order is the same request.
    const again = await startVerification(
      { key },
      { purpose: 'sign_in', channel: 'sms', account: person.handle },
      withKey('order-1'),
    );
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await messagesTo(person.phone)).length).toBe(before + 1);
  });

  it('refuses the same key with another body with a 422, and sends nothing', async () => {
    const person = await freshCustomer();
    const first = await startVerification({ key }, signIn(person.handle), withKey('order-2'));
    expect(first.status).toBe(201);
    const sent = (await messagesTo(person.phone)).length;
    const other = await startVerification({ key }, { ...signIn(person.handle), channel: 'call' }, withKey('order-2'));
    expect(other.status).toBe(422);
    expect(other.body).toEqual({
      error: {
        code: 'idempotency_key_reused',
        message: 'This Idempotency-Key came with another request. Use a new key.',
      },
    });
    expect(other.headers.get('Cache-Control')).toBe('no-store');
    expect((await messagesTo(person.phone)).length).toBe(sent);
  });

  it('makes exactly one verification and one SMS for 20 concurrent starts with one key', async () => {
    const person = await freshCustomer();
    const before = (await messagesTo(person.phone)).length;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => startVerification({ key }, signIn(person.handle), withKey('burst-1'))),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('Idempotent-Replayed') === 'true')).toHaveLength(19);
    expect((await messagesTo(person.phone)).length).toBe(before + 1);
  });

  it('keeps each API key to its own Idempotency-Keys', async () => {
    const person = await freshCustomer();
    const mine = await startVerification({ key }, signIn(person.handle), withKey('shared-name'));
    const theirs = await startVerification({ key: otherKey }, signIn(person.handle), withKey('shared-name'));
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.headers.get('Idempotent-Replayed')).toBeNull();
  });

  it('frees the key of a refused start, so the request can be sent again', async () => {
    const person = await freshCustomer();
    const payment = {
      account: person.handle,
      channel: 'sms',
      purpose: 'payment',
      transaction: {
        payee: { name: 'J SMITH', account: '40-30-20 12343000' },
        amount: { value: '5.00', currency: 'GBP' },
      },
    };
    const refused = await startVerification({ key }, payment, withKey('retry-1'));
    expect([refused.status, errorCode(refused)]).toEqual([409, 'payee_unknown']);
    const sent = await startVerification({ key }, signIn(person.handle), withKey('retry-1'));
    expect(sent.status).toBe(201);
    expect(sent.headers.get('Idempotent-Replayed')).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['longer than 255 characters', 'k'.repeat(256)],
    ['with a space', 'order 7'],
    ['not ASCII', 'commande-é'],
  ])('answers a 400 field error for a key %s, and sends nothing', async (_, idem) => {
    const person = await freshCustomer();
    const before = (await messagesTo(person.phone)).length;
    const answer = await startVerification({ key }, signIn(person.handle), withKey(idem));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: { code: 'invalid_input', fields: { 'Idempotency-Key': expect.any(String) } },
    });
    expect((await messagesTo(person.phone)).length).toBe(before);
  });

  it('accepts a key of exactly 255 visible characters', async () => {
    const person = await freshCustomer();
    const answer = await startVerification({ key }, signIn(person.handle), withKey('~'.repeat(255)));
    expect(answer.status).toBe(201);
  });

  it('forgets a key after 24 hours: its alarm deletes the record', async () => {
    const person = await freshCustomer();
    const first = await startVerification({ key }, signIn(person.handle), withKey('daily-1'));
    expect(first.status).toBe(201);
    testClock.advance(24 * 3_600_000 - 60_000);
    expect(await runDurableObjectAlarm(apiKeyObject())).toBe(true);
    const reused = await startVerification({ key }, { ...signIn(person.handle), channel: 'call' }, withKey('daily-1'));
    expect(errorCode(reused)).toBe('idempotency_key_reused');
    testClock.advance(60_001);
    expect(await runDurableObjectAlarm(apiKeyObject())).toBe(true);
    const rows = await runInDurableObject(apiKeyObject(), (_: ApiKey, state) =>
      state.storage.sql.exec("SELECT * FROM started WHERE idem_key = 'daily-1'").toArray(),
    );
    expect(rows).toEqual([]);
    const fresh = await startVerification({ key }, { ...signIn(person.handle), channel: 'call' }, withKey('daily-1'));
    expect(fresh.status).toBe(201);
    expect(fresh.body.id).not.toBe(first.body.id);
  });
});
