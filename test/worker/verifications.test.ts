/**
 * `/api/v1/verifications`: one-time codes by SMS, voice and e-mail, checked against the rules of
 * DESIGN.md and issue 4 (expiry, single use, lock after 5, binding, ownership, bad input).
 */
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../../worker/core/clock.ts';
import type { Verification } from '../../worker/objects/verification.ts';
import { auditOf, bootstrapAdmin, call, errorCode, register } from './client.ts';
import { directCall } from './direct-call.ts';
import {
  cancelVerification,
  checkVerification,
  customerWithPhone,
  enrolPhone,
  getVerification,
  issueKey,
  latestCode,
  messagesTo,
  otherThan,
  resendVerification,
  startVerification,
} from './otp-helpers.ts';

const phone = '+447911123123';
let customer: { session: string; account: { id: string } };
let key: string;

const verificationStub = (id: string) => env.VERIFICATION.get(env.VERIFICATION.idFromString(id));

let people = 0;
/** A customer with a verified phone of their own (each test its own, so send caps do not mix). */
afterEach(() => testClock.reset());

const freshCustomer = () => {
  people += 1;
  return customerWithPhone(`cust.${people}`, `+4479111240${String(people).padStart(2, '0')}`);
};

beforeAll(async () => {
  const admin = await bootstrapAdmin();
  key = (await issueKey(admin, ['verifications'])).key;
  customer = await register('jane.doe', { displayName: 'Jane Doe' });
  await enrolPhone(customer.session, phone);
});

describe('phone enrolment', () => {
  it('makes a phone verified only when the code sent to it comes back', async () => {
    const other = await register('enrol.me');
    const started = await startVerification(
      { cookie: other.session },
      { to: '+447911123200', channel: 'sms', purpose: 'enrol_phone' },
    );
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      status: 'pending',
      channel: 'sms',
      purpose: 'enrol_phone',
      to: '+44 •••• ••• 200',
      attempts_left: 5,
    });
    const contacts = () => call<{ contacts: { phone: string | null } }>('/api/me/contacts', { cookie: other.session });
    expect((await contacts()).body.contacts.phone).toBeNull();
    const code = (await latestCode('+447911123200')) as string;
    expect(
      (await checkVerification({ cookie: other.session }, started.body.id, { code: otherThan(code) })).body.status,
    ).toBe('pending');
    expect((await contacts()).body.contacts.phone).toBeNull();
    expect((await checkVerification({ cookie: other.session }, started.body.id, { code })).body.status).toBe(
      'approved',
    );
    expect((await contacts()).body.contacts.phone).toBe('+447911123200');
    expect((await auditOf(other.session)).map((e) => e.type)).toEqual(
      expect.arrayContaining(['contact_verified', 'otp_approved', 'otp_sent']),
    );
  });

  it('says what is wrong with a number typed for a text, and sends nothing', async () => {
    const other = await register('enrol.wrong');
    for (const [to, said] of [
      ['07911 123201', 'Start with + and the country code, like +44 7911 123456.'],
      ['+44 7700 900123', 'No phone has that number: check the digits.'],
      ['+44 20 7946 0001', 'That is a landline. Give a mobile number: we send codes by text message.'],
    ]) {
      const answer = await startVerification({ cookie: other.session }, { to, channel: 'sms', purpose: 'enrol_phone' });
      expect(answer.status).toBe(400);
      expect((answer.body as unknown as { error: { fields: Record<string, string> } }).error.fields.to).toBe(said);
    }
    expect(await latestCode('+442079460001')).toBeNull();
  });
});

describe('a verification for an account', () => {
  it('sends a code to the account verified phone, masked, and approves it once', async () => {
    const started = await startVerification({ key }, { account: 'jane.doe', channel: 'sms', purpose: 'sign_in' });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      status: 'pending',
      to: '+44 •••• ••• 123',
      purpose: 'sign_in',
      sends_left: 4,
    });
    expect(JSON.stringify(started.body)).not.toContain('123123');
    const code = (await latestCode(phone)) as string;
    expect((await messagesTo(phone))[0]?.text).toBe(
      `Code ${code} signs you in to Countersign. Never read it to anyone, not even to the bank: type it into the app.\n\n@localhost #${code}`,
    );
    const approved = await checkVerification({ key }, started.body.id, { code });
    expect(approved.body).toEqual({ id: started.body.id, status: 'approved', attempts_left: 0 });
    // Single use: the same code again does not approve anything.
    const again = await checkVerification({ key }, started.body.id, { code });
    expect(again.status).toBe(409);
    expect(errorCode(again)).toBe('verification_closed');
    expect((await getVerification({ key }, started.body.id)).body.status).toBe('approved');
    const stored = await runInDurableObject(verificationStub(started.body.id), (_o, state) =>
      state.storage.sql
        .exec<{ code_hash: ArrayBuffer | null; checks: number }>('SELECT code_hash, checks FROM verification')
        .one(),
    );
    expect(stored.code_hash).toBeNull();
    expect(stored.checks).toBe(1);
  });

  it('stores only an HMAC-SHA-256 of the code, never the code', async () => {
    const started = await startVerification({ key }, { account: 'jane.doe', channel: 'sms', purpose: 'sign_in' });
    const code = (await latestCode(phone)) as string;
    const dump = await runInDurableObject(verificationStub(started.body.id), (_o, state) =>
      state.storage.sql.exec('SELECT * FROM verification').toArray(),
    );
    const row = dump[0] as { code_hash: ArrayBuffer };
    expect(new Uint8Array(row.code_hash).length).toBe(32);
    expect(JSON.stringify(dump)).not.toContain(code);
  });

  it('locks after five wrong codes: the right code then fails too, and the lock is audited', async () => {
    const me = await freshCustomer();
    const started = await startVerification({ cookie: me.session }, { channel: 'sms', purpose: 'sign_in' });
    const code = (await latestCode(me.phone)) as string;
    const lefts: number[] = [];
    for (let i = 0; i < 4; i++)
      lefts.push(
        (await checkVerification({ cookie: me.session }, started.body.id, { code: otherThan(code) })).body
          .attempts_left,
      );
    expect(lefts).toEqual([4, 3, 2, 1]);
    const fifth = await checkVerification({ cookie: me.session }, started.body.id, { code: otherThan(code) });
    expect(fifth.body).toMatchObject({ status: 'max_attempts_reached', attempts_left: 0 });
    expect((await checkVerification({ cookie: me.session }, started.body.id, { code })).body.status).toBe(
      'max_attempts_reached',
    );
    const locked = (await auditOf(me.session)).find((e) => e.type === 'otp_locked');
    expect(locked?.detail).toMatchObject({ verification: started.body.id, checks: 5 });
  });

  it('counts every check before hashing: 100 concurrent checks of the right code approve exactly once', async () => {
    const me = await freshCustomer();
    const started = await startVerification({ key }, { account: me.handle, channel: 'sms', purpose: 'sign_in' });
    const code = (await latestCode(me.phone)) as string;
    const owner = await runInDurableObject(
      verificationStub(started.body.id),
      (_o, state) => state.storage.sql.exec<{ owner: string }>('SELECT owner FROM verification').one().owner,
    );
    const results = await runInDurableObject(verificationStub(started.body.id), (instance: Verification) =>
      Promise.all(Array.from({ length: 100 }, () => instance.check(owner, code, null, directCall))),
    );
    const statuses = results.map((r) => (r.ok ? r.value.status : r.reason));
    expect(statuses.filter((s) => s === 'approved')).toHaveLength(1);
    // The others were refused: over the limit before hashing, or too late (single use).
    expect(statuses.filter((s) => s !== 'approved').every((s) => s === 'max_attempts_reached' || s === 'closed')).toBe(
      true,
    );
    const approvals = (await auditOf(me.session)).filter(
      (e) => e.type === 'otp_approved' && e.detail.verification === started.body.id,
    );
    expect(approvals).toHaveLength(1);
    const checks = await runInDurableObject(
      verificationStub(started.body.id),
      (_o, state) => state.storage.sql.exec<{ checks: number }>('SELECT checks FROM verification').one().checks,
    );
    expect(checks).toBeLessThanOrEqual(5);
  });

  it('never lets concurrent wrong checks overshoot five', async () => {
    const me = await freshCustomer();
    const started = await startVerification({ key }, { account: me.handle, channel: 'sms', purpose: 'sign_in' });
    const code = (await latestCode(me.phone)) as string;
    const owner = `key:${key.split('_')[1]}`;
    const results = await runInDurableObject(verificationStub(started.body.id), (instance: Verification) =>
      Promise.all(Array.from({ length: 50 }, () => instance.check(owner, otherThan(code), null, directCall))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const row = await runInDurableObject(verificationStub(started.body.id), (_o, state) =>
      state.storage.sql.exec<{ checks: number; status: string }>('SELECT checks, status FROM verification').one(),
    );
    expect(row.status).toBe('max_attempts_reached');
    // Checks after the lock are answered from the state and do not count.
    expect(row.checks).toBe(5);
  });

  it('expires after five minutes: the code fails, and the alarm later deletes the verification', async () => {
    const me = await freshCustomer();
    const started = await startVerification({ key }, { account: me.handle, channel: 'sms', purpose: 'sign_in' });
    const code = (await latestCode(me.phone)) as string;
    const stub = verificationStub(started.body.id);
    const expiresAt = Date.parse(started.body.expires_at);
    expect(expiresAt - Date.parse(started.body.created_at)).toBe(300_000);
    testClock.advance(300_000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await getVerification({ key }, started.body.id)).body.status).toBe('expired');
    expect((await checkVerification({ key }, started.body.id, { code })).body.status).toBe('expired');
    expect(
      (await auditOf(me.session)).some((e) => e.type === 'otp_expired' && e.detail.verification === started.body.id),
    ).toBe(true);
    // After the retention time the alarm deletes everything.
    testClock.advance(11 * 60_000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await getVerification({ key }, started.body.id)).status).toBe(404);
  });

  it('cancels: the code stops working at once', async () => {
    const me = await freshCustomer();
    const started = await startVerification({ key }, { account: me.handle, channel: 'sms', purpose: 'sign_in' });
    const code = (await latestCode(me.phone)) as string;
    expect((await cancelVerification({ key }, started.body.id)).body.status).toBe('canceled');
    expect((await checkVerification({ key }, started.body.id, { code })).body.status).toBe('canceled');
    expect(errorCode(await cancelVerification({ key }, started.body.id))).toBe('verification_closed');
  });

  it('is seen and used only by whoever started it', async () => {
    const me = await freshCustomer();
    const started = await startVerification({ key }, { account: me.handle, channel: 'sms', purpose: 'sign_in' });
    const code = (await latestCode(me.phone)) as string;
    for (const answer of [
      await getVerification({ cookie: me.session }, started.body.id),
      await checkVerification({ cookie: me.session }, started.body.id, { code }),
      await cancelVerification({ cookie: me.session }, started.body.id),
    ]) {
      expect(answer.status).toBe(404);
      expect(errorCode(answer)).toBe('verification_not_found');
    }
    expect((await checkVerification({ key }, started.body.id, { code })).body.status).toBe('approved');
  });
});

describe('resend', () => {
  it('waits 30 seconds between sends, sends a new code that replaces the old, and stops after 5 sends', async () => {
    const me = await freshCustomer();
    const started = await startVerification({ key }, { account: me.handle, channel: 'sms', purpose: 'sign_in' });
    const first = (await latestCode(me.phone)) as string;
    const tooSoon = await resendVerification({ key }, started.body.id);
    expect(tooSoon.status).toBe(429);
    expect(errorCode(tooSoon)).toBe('rate_limited');
    expect(Number(tooSoon.headers.get('Retry-After'))).toBeGreaterThan(25);
    const stub = verificationStub(started.body.id);
    const age = async () => testClock.advance(31_000);
    await age();
    const again = await resendVerification({ key }, started.body.id, { channel: 'call' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ channel: 'call', sends_left: 3 });
    const second = (await latestCode(me.phone)) as string;
    expect((await messagesTo(me.phone))[0]?.channel).toBe('call');
    if (second !== first)
      expect((await checkVerification({ key }, started.body.id, { code: first })).body.status).toBe('pending');
    // Two more sends are counted as made (the destination's own cap would stop them first here).
    await runInDurableObject(stub, (_o, state) => state.storage.sql.exec('UPDATE verification SET sends = 4'));
    await age();
    expect((await resendVerification({ key }, started.body.id)).body.sends_left).toBe(0);
    await age();
    const sixth = await resendVerification({ key }, started.body.id);
    expect(sixth.status).toBe(429);
    expect(errorCode(sixth)).toBe('send_limit');
    expect(
      (await checkVerification({ key }, started.body.id, { code: (await latestCode(me.phone)) as string })).body.status,
    ).toBe('approved');
  });
});

describe('bad input', () => {
  it('answers 4xx with the field, and creates nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ channel: 'sms', purpose: 'sign_in' }, 'account'],
      [{ account: 'jane.doe', channel: 'fax', purpose: 'sign_in' }, 'channel'],
      [{ account: 'jane.doe', channel: 'sms', purpose: 'lunch' }, 'purpose'],
      [{ account: 'jane.doe', channel: 'sms', purpose: 'payment' }, 'transaction'],
      [{ account: 'jane.doe', channel: 'sms', purpose: 'enrol_phone' }, 'to'],
      [{ account: 'jane.doe', to: 'not a phone', channel: 'sms', purpose: 'sign_in' }, 'to'],
      [{ account: 'jane.doe', to: 'jane@example.com', channel: 'sms', purpose: 'sign_in' }, 'channel'],
      [{ account: 'jane.doe', channel: 'sms', purpose: 'sign_in', extra: 1 }, '(body)'],
      [
        {
          account: 'jane.doe',
          channel: 'sms',
          purpose: 'add_payee',
          transaction: { payee: { name: 'J Smith', account: 'GB33BUKB20201555555556' } },
        },
        'transaction.payee.account',
      ],
    ];
    for (const [body, field] of cases) {
      const answer = await startVerification({ key }, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(errorCode(answer)).toBe('invalid_input');
      expect(
        Object.keys((answer.body as unknown as { error: { fields: object } }).error.fields),
        JSON.stringify(body),
      ).toContain(field);
    }
    const badCheck = await checkVerification({ key }, 'f'.repeat(64), { code: '12' });
    expect(badCheck.status).toBe(400);
    expect(errorCode(await checkVerification({ key }, 'f'.repeat(64), { code: '123456' }))).toBe(
      'verification_not_found',
    );
    expect(errorCode(await getVerification({ key }, 'nope'))).toBe('invalid_input');
  });

  it('refuses a missing, malformed or unknown API key with 401, and a key without the scope with 403', async () => {
    const body = { account: 'jane.doe', channel: 'sms', purpose: 'sign_in' };
    expect(errorCode(await call('/api/v1/verifications', { body }))).toBe('not_signed_in');
    expect(errorCode(await startVerification({ key: 'csk_nope' }, body))).toBe('api_key_invalid');
    expect(errorCode(await startVerification({ key: `csk_${'0'.repeat(16)}_${'a'.repeat(43)}` }, body))).toBe(
      'api_key_invalid',
    );
    const tampered = `${key.slice(0, -1)}${key.endsWith('a') ? 'b' : 'a'}`;
    expect(errorCode(await startVerification({ key: tampered }, body))).toBe('api_key_invalid');
  });

  it('lets a customer session start codes only for its own account', async () => {
    const answer = await startVerification(
      { cookie: customer.session },
      { account: 'someone.else', channel: 'sms', purpose: 'sign_in' },
    );
    expect(answer.status).toBe(403);
  });
});
