/**
 * Invariant: "Single use. Expiry: 5 minutes for call and OTP codes, 15 minutes for recovery codes."
 * Expiry holds from the moment the time is up, not from when the alarm runs: time is moved on the
 * one clock (worker/core/clock.ts), the alarm is not run, and the right code is refused.
 * The single-use call tests moved here from calls.test.ts; OTP single use is held in
 * verifications.test.ts ("approves it once", "100 concurrent checks") (see README.md here).
 */
import { runInDurableObject } from 'cloudflare:test';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../../../worker/core/clock.ts';
import type { CallVerification } from '../../../worker/objects/call-verification.ts';
import { checkCustomerCode, confirm, startCall, viewCall } from '../call-helpers.ts';
import { errorCode, nameFrom, register } from '../client.ts';
import { directCall } from '../direct-call.ts';
import { checkVerification, customerWithPhone, issueKey, latestCode, startVerification } from '../otp-helpers.ts';
import { RecoveringDevice, setUpContacts } from '../recovery-helpers.ts';
import { callPeople, callStub } from './call-setup.ts';

const minutes = (m: number) => m * 60_000;
const people = callPeople();
const customer = () => register(`customer.${++people.n}`, { displayName: `Chris Customer ${nameFrom(people.n)}` });
let key: string;
let n = 0;

beforeAll(async () => {
  key = (await issueKey(people.admin, ['verifications'])).key;
});
afterEach(() => testClock.reset());

describe('one-time codes expire on time, before any alarm', { timeout: 30_000 }, () => {
  it('an OTP code works at 4:59 and answers expired at 5:00, though the alarm has not run', async () => {
    n += 1;
    const me = await customerWithPhone(`su.otp.${n}`, `+4479111500${String(n).padStart(2, '0')}`);
    const early = await startVerification({ key }, { account: me.handle, channel: 'sms', purpose: 'sign_in' });
    const earlyCode = (await latestCode(me.phone)) as string;
    testClock.advance(30_000); // past the resend cool-down, so the second verification can send
    const late = await startVerification({ key }, { account: me.handle, channel: 'sms', purpose: 'sign_in' });
    expect(late.status).toBe(201);
    const lateCode = (await latestCode(me.phone)) as string;

    testClock.advance(minutes(5) - 30_000 - 1000);
    expect((await checkVerification({ key }, early.body.id, { code: earlyCode })).body.status).toBe('approved');
    testClock.advance(30_000 + 1000);
    const expired = await checkVerification({ key }, late.body.id, { code: lateCode });
    expect(expired.body).toMatchObject({ status: 'expired', attempts_left: 0 });
  });

  it("a call's customer code is refused once the call's 5 minutes are up, and no agent code is made", async () => {
    n += 1;
    const customer = await register(`su.call.${n}`);
    const id = await startCall(people.agent, `su.call.${n}`);
    const { code } = (await confirm(customer, id)).body;
    testClock.advance(minutes(5));
    const late = await checkCustomerCode(people.agent, id, code);
    expect(errorCode(late)).toBe('call_state');
    expect(late.body).not.toHaveProperty('agentCode');
    testClock.reset();
    expect((await viewCall(people.agent, id)).body.call.state).toBe('customer_code_issued');
  });

  it("a contact's recovery code works for 15 minutes and answers expired after, before the alarm", async () => {
    n += 1;
    const phone = `+4479111510${String(n).padStart(2, '0')}`;
    const contactPhones = [1, 2, 3].map((i) => `+447911152${String(n).padStart(2, '0')}${i}`);
    const holder = await customerWithPhone(`su.rec.${n}`, phone, '198.51.103.1');
    const set = await setUpContacts(
      holder,
      ['Alice', 'Bob', 'Carol'].map((name, i) => ({ name, phone: contactPhones[i] as string })),
    );
    expect(set.status).toBe(201);
    const device = new RecoveringDevice();
    const view = await device.throughFirstFactor(holder.handle, phone, '198.51.103.2');
    await device.choose(view.contacts.map((c) => c.id));
    const codeOf = async (i: number) => (await latestCode(contactPhones[i] as string)) as string;

    testClock.advance(minutes(15) - 1000);
    expect((await device.contactCode(view.contacts[0]?.id as string, await codeOf(0))).body.outcome).toBe('approved');
    testClock.advance(1000);
    expect((await device.contactCode(view.contacts[1]?.id as string, await codeOf(1))).body.outcome).toBe('expired');
    expect((await device.send()).body.recovery.approvals).toBe(1);
  });
});

describe('a call code is used once', () => {
  it('uses a customer code once', async () => {
    const chris = await customer();
    const id = await startCall(people.agent, `customer.${people.n}`);
    const { code } = (await confirm(chris, id)).body;
    expect((await checkCustomerCode(people.agent, id, code)).body.outcome).toBe('matched');
    expect(errorCode(await checkCustomerCode(people.agent, id, code))).toBe('call_state');
  });

  it('gives exactly one success to 100 concurrent checks of the right code', async () => {
    const chris = await customer();
    const id = await startCall(people.agent, `customer.${people.n}`);
    const { code } = (await confirm(chris, id)).body;
    const answers = await Promise.all(Array.from({ length: 100 }, () => checkCustomerCode(people.agent, id, code)));
    expect(answers.filter((a) => a.status === 200 && a.body.outcome === 'matched')).toHaveLength(1);
    expect(answers.filter((a) => a.body.agentCode !== undefined)).toHaveLength(1);
  });

  it('gives exactly one success to 100 checks of the right code interleaved inside the object', async () => {
    // Over HTTP the checks may reach the object one by one; called together inside it, each
    // check's Web Crypto await lets the others in, which is the race the invariant is about.
    const chris = await customer();
    const id = await startCall(people.agent, `customer.${people.n}`);
    const { code } = (await confirm(chris, id)).body;
    const results = await runInDurableObject(callStub(id), (o: CallVerification) =>
      Promise.all(Array.from({ length: 100 }, () => o.checkCustomerCode(people.agent.account.id, code, directCall))),
    );
    expect(results.filter((r) => r.ok && r.value.outcome === 'matched')).toHaveLength(1);
  });
});
