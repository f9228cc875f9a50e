/**
 * The sending rules of out-of-band codes (issue 4): caps per destination, account and client IP,
 * the SMS-pumping guard, no enumeration, transaction binding, and provider failures.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { testClock } from '../../worker/core/clock.ts';
import { decoyClock } from '../../worker/messenger/decoy-timing.ts';
import type { Verification } from '../../worker/objects/verification.ts';
import { auditOf, bootstrapAdmin, errorCode, register } from './client.ts';
import {
  customerWithPhone as aCustomerWithPhone,
  checkVerification,
  issueKey,
  latestCode,
  messagesTo,
  otherThan,
  resendVerification,
  startVerification,
} from './otp-helpers.ts';

let key: string;
let people = 0;
const customerWithPhone = (phone: string) => {
  people += 1;
  return aCustomerWithPhone(`rules.${people}`, phone, `198.51.100.${people}`);
};

beforeAll(async () => {
  // Withheld sends wait through the timer seam; these tests are about the caps, not the timing
  // (test/worker/invariants/no-enumeration.test.ts checks the padding).
  decoyClock.pause = async () => {};
  const admin = await bootstrapAdmin();
  key = (await issueKey(admin, ['verifications'])).key;
});

const payee = { name: 'J Smith', account: 'GB33BUKB20201555555555' };

afterEach(() => testClock.reset());

describe('send caps', () => {
  it('sends at most 5 codes to one destination in 10 minutes, then answers 429 with Retry-After', async () => {
    const me = await customerWithPhone('+447911125001');
    // The enrolment was the first send to this phone; four more fit.
    const answers = [];
    for (let i = 0; i < 5; i++) {
      answers.push(
        await startVerification(
          { key },
          { account: me.handle, channel: 'sms', purpose: 'sign_in' },
          { 'CF-Connecting-IP': `203.0.113.${i}` },
        ),
      );
    }
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 429]);
    const refused = answers[4];
    expect(refused && errorCode(refused)).toBe('rate_limited');
    expect(Number(refused?.headers.get('Retry-After'))).toBeGreaterThan(500);
    expect(await messagesTo(me.phone)).toHaveLength(5);
  });

  it('caps one account name whether or not it exists, so the cap does not tell them apart', async () => {
    const statuses = async (handle: string) => {
      const out: number[] = [];
      for (let i = 0; i < 6; i++) {
        out.push(
          (
            await startVerification(
              { key },
              { account: handle, channel: 'email', purpose: 'sign_in' },
              { 'CF-Connecting-IP': `203.0.113.${100 + i}` },
            )
          ).status,
        );
      }
      return out;
    };
    const known = await register('capped.known');
    expect(known.session).toBeTruthy();
    expect(await statuses('capped.known')).toEqual([201, 201, 201, 201, 201, 429]);
    expect(await statuses('capped.unknown')).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it('refuses a start that is over a cap without keeping anything', async () => {
    const me = await customerWithPhone('+447911125002');
    for (let i = 0; i < 4; i++)
      await startVerification({ key }, { account: me.handle, channel: 'sms', purpose: 'sign_in' });
    const before = (await messagesTo(me.phone)).length;
    const refused = await startVerification({ key }, { account: me.handle, channel: 'sms', purpose: 'sign_in' });
    expect(refused.status).toBe(429);
    expect((refused.body as unknown as { id?: string }).id).toBeUndefined();
    expect(await messagesTo(me.phone)).toHaveLength(before);
  });
});

describe('the SMS-pumping guard', () => {
  it('sends SMS and voice only to allowed country calling codes', async () => {
    const me = await register('pump.target');
    for (const channel of ['sms', 'call']) {
      // +7 (Russia) and +234 (Nigeria) are not in the default list (44, 353, 1, 33, 49, 31).
      for (const to of ['+79123456789', '+2348031234567']) {
        const answer = await startVerification({ cookie: me.session }, { to, channel, purpose: 'enrol_phone' });
        expect(answer.status).toBe(400);
        expect(errorCode(answer)).toBe('destination_not_allowed');
        expect(await messagesTo(to)).toHaveLength(0);
      }
    }
    const irish = await startVerification(
      { cookie: me.session },
      { to: '+353851234567', channel: 'sms', purpose: 'enrol_phone' },
    );
    expect(irish.status).toBe(201);
    expect(await messagesTo('+353851234567')).toHaveLength(1);
  });
});

describe('no enumeration', () => {
  it('answers an unknown account, a known one and a destination that is not the account own in the same shape, and sends only to the real one', async () => {
    const me = await customerWithPhone('+447911125003');
    const known = await startVerification({ key }, { account: me.handle, channel: 'sms', purpose: 'sign_in' });
    const unknown = await startVerification({ key }, { account: 'no.such.person', channel: 'sms', purpose: 'sign_in' });
    const notTheirs = await startVerification(
      { key },
      { account: me.handle, to: '+447911125999', channel: 'sms', purpose: 'sign_in' },
    );
    const unknownPhone = await startVerification({ key }, { to: '+447911125998', channel: 'sms', purpose: 'sign_in' });
    for (const answer of [known, unknown, notTheirs, unknownPhone]) {
      expect(answer.status).toBe(201);
      expect(Object.keys(answer.body).sort()).toEqual(Object.keys(known.body).sort());
      expect(answer.body).toMatchObject({ status: 'pending', attempts_left: 5, sends_left: 4 });
      expect(answer.body.to).toMatch(/^\+44 •••• ••• \d{3}$/);
    }
    // The decoy is stable: asking again for the same unknown account shows the same mask.
    const again = await startVerification({ key }, { account: 'no.such.person', channel: 'sms', purpose: 'sign_in' });
    expect(again.body.to).toBe(unknown.body.to);
    expect(await messagesTo('+447911125999')).toHaveLength(0);
    expect(await messagesTo('+447911125998')).toHaveLength(0);
    // A wrong code looks the same everywhere.
    for (const answer of [known, unknown, notTheirs]) {
      expect((await checkVerification({ key }, answer.body.id, { code: '000000' })).body).toEqual({
        id: answer.body.id,
        status: 'pending',
        attempts_left: 4,
      });
    }
  });

  it('starts a verification by verified phone number alone, for the account that holds it', async () => {
    const me = await customerWithPhone('+447911125004');
    const started = await startVerification({ key }, { to: me.phone, channel: 'sms', purpose: 'sign_in' });
    expect(started.status).toBe(201);
    const code = (await latestCode(me.phone)) as string;
    expect((await checkVerification({ key }, started.body.id, { code })).body.status).toBe('approved');
  });
});

describe('transaction binding', () => {
  it('names the payee in the message, and approves only the same payee', async () => {
    const me = await customerWithPhone('+447911125005');
    const started = await startVerification(
      { cookie: me.session },
      { channel: 'sms', purpose: 'add_payee', transaction: { payee } },
    );
    expect(started.status).toBe(201);
    const code = (await latestCode(me.phone)) as string;
    expect((await messagesTo(me.phone))[0]?.text).toBe(
      `Code ${code} adds payee J SMITH, account ending 5555. Never read it to anyone, not even to the bank: type it into the app.\n\n@localhost #${code}`,
    );
    const other = { payee: { name: 'J Smith', account: 'DE89370400440532013000' } };
    const wrong = await checkVerification({ cookie: me.session }, started.body.id, { code, transaction: other });
    expect(wrong.body).toMatchObject({ status: 'pending', attempts_left: 4 });
    const missing = await checkVerification({ cookie: me.session }, started.body.id, { code });
    expect(missing.body).toMatchObject({ status: 'pending', attempts_left: 3 });
    // The same payee, typed with other spacing and case, is the same transaction.
    const same = { payee: { name: ' j smith ', account: 'gb33 bukb 2020 1555 5555 55' } };
    expect(
      (await checkVerification({ cookie: me.session }, started.body.id, { code, transaction: same })).body.status,
    ).toBe('approved');
  });

  it('binds a payment code to the amount: another amount fails and counts as a try', async () => {
    const me = await customerWithPhone('+447911125006');
    const added = await startVerification(
      { cookie: me.session },
      { channel: 'sms', purpose: 'add_payee', transaction: { payee } },
    );
    await checkVerification({ cookie: me.session }, added.body.id, {
      code: (await latestCode(me.phone)) as string,
      transaction: { payee },
    });
    const transaction = { payee, amount: { value: '12.50', currency: 'GBP' } };
    const started = await startVerification(
      { cookie: me.session },
      { channel: 'sms', purpose: 'payment', transaction },
    );
    expect(started.status).toBe(201);
    const code = (await latestCode(me.phone)) as string;
    expect((await messagesTo(me.phone))[0]?.text).toBe(
      `Code ${code} approves paying 12.50 GBP to J SMITH, account ending 5555. Never read it to anyone, not even to the bank: type it into the app.\n\n@localhost #${code}`,
    );
    const more = { payee, amount: { value: '1250.00', currency: 'GBP' } };
    expect(
      (await checkVerification({ cookie: me.session }, started.body.id, { code, transaction: more })).body,
    ).toMatchObject({ status: 'pending', attempts_left: 4 });
    expect(
      (
        await checkVerification({ cookie: me.session }, started.body.id, {
          code,
          transaction: { payee, amount: { value: '12.5', currency: 'GBP' } },
        })
      ).body.status,
    ).toBe('approved');
  });

  it('refuses a payment to a payee the customer has not approved', async () => {
    const me = await customerWithPhone('+447911125007');
    const answer = await startVerification(
      { cookie: me.session },
      { channel: 'sms', purpose: 'payment', transaction: { payee, amount: { value: '5.00', currency: 'GBP' } } },
    );
    expect(answer.status).toBe(409);
    expect(errorCode(answer)).toBe('payee_unknown');
  });
});

describe('provider failures', () => {
  it('answers 502 with the verification, which stays usable: the failure is logged and audited, and a resend works at once', async () => {
    const me = await customerWithPhone('+447911125008');
    const started = await startVerification({ key }, { account: me.handle, channel: 'sms', purpose: 'sign_in' });
    const stub = env.VERIFICATION.get(env.VERIFICATION.idFromString(started.body.id));
    // Point this verification's provider at the local Twilio-compatible server with a wrong auth
    // token (it answers 401 as Twilio does), to a number of this test's own.
    await runInDurableObject(stub, (instance: Verification, state) => {
      Object.assign((instance as unknown as { env: Record<string, string> }).env, {
        DELIVERY: 'twilio',
        TWILIO_BASE_URL: inject('twilioService').url,
        TWILIO_ACCOUNT_SID: inject('twilioService').accountSid,
        TWILIO_AUTH_TOKEN: 'not-the-token',
        TWILIO_FROM: '+15005550006',
      });
      state.storage.sql.exec("UPDATE verification SET destination = '+15005550777'");
    });
    // Past the resend cool-down (30 seconds).
    testClock.advance(31_000);
    const failed = await resendVerification({ key }, started.body.id);
    expect(failed.status).toBe(502);
    expect(errorCode(failed)).toBe('delivery_failed');
    expect((failed.body as unknown as { verification: { id: string; status: string } }).verification).toMatchObject({
      id: started.body.id,
      status: 'pending',
    });
    const sends = await runInDurableObject(stub, (_o, state) =>
      state.storage.sql
        .exec<{ outcome: string }>('SELECT outcome FROM sends ORDER BY seq')
        .toArray()
        .map((r) => r.outcome),
    );
    expect(sends).toEqual(['sent', 'failed']);
    const audited = (await auditOf(me.session)).find((e) => e.type === 'otp_send_failed');
    expect(audited?.detail).toMatchObject({ verification: started.body.id, channel: 'sms', reason: 'rejected' });
    // No cool-down after a failure: another try may follow at once; here the credentials are fixed.
    await runInDurableObject(stub, (instance: Verification) => {
      Object.assign((instance as unknown as { env: Record<string, string> }).env, {
        TWILIO_AUTH_TOKEN: inject('twilioService').authToken,
      });
    });
    const retried = await resendVerification({ key }, started.body.id);
    expect(retried.status).toBe(200);
    const code = (await (await fetch(`${inject('twilioService').url}/log?to=%2B15005550777`)).json()) as {
      accepted: { fields: { Body: string } }[];
    };
    const body = code.accepted.at(-1)?.fields.Body ?? '';
    const sent = /\b(\d{6})\b/.exec(body)?.[1] as string;
    expect((await checkVerification({ key }, started.body.id, { code: otherThan(sent) })).body.status).toBe('pending');
    expect((await checkVerification({ key }, started.body.id, { code: sent })).body.status).toBe('approved');
  });
});
