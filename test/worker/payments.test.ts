/**
 * Payees and payments: a payee joins the list only through an approved add_payee code; a payment is
 * approved by a code naming payee and amount, or by a passkey whose challenge is derived from them.
 * Plus the agent's one-time-code fallback for a customer without the app.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { paymentChallenge } from '../../shared/payment-challenge.ts';
import type { SoftAuthenticator } from '../support/authenticator.ts';
import { staff } from './call-helpers.ts';
import { call, errorCode, register } from './client.ts';
import { checkVerification, enrolPhone, latestCode, messagesTo, otherThan, startVerification } from './otp-helpers.ts';

const payee = { name: 'J Smith', account: 'GB33BUKB20201555555555' };
const phone = '+447911127001';
let me: { session: string; authenticator: SoftAuthenticator; account: { id: string } };
let agent: { session: string };

beforeAll(async () => {
  ({ agent } = await staff());
  me = await register('pay.er', { displayName: 'Pat Payer' });
  await enrolPhone(me.session, phone);
});

async function addPayee(p = payee) {
  const started = await startVerification(
    { cookie: me.session },
    { channel: 'sms', purpose: 'add_payee', transaction: { payee: p } },
  );
  const checked = await checkVerification({ cookie: me.session }, started.body.id, {
    code: (await latestCode(phone)) as string,
    transaction: { payee: p },
  });
  expect(checked.body.status).toBe('approved');
}

type Options = { ceremonyId: string; nonce: string; options: Parameters<SoftAuthenticator['authenticate']>[0] };
const passkeyOptions = (transaction: unknown) =>
  call<Options>('/api/me/payments/passkey-options', { body: { transaction }, cookie: me.session });

describe('payees', () => {
  it('joins the approved list only once its code is approved', async () => {
    const list = async () =>
      (await call<{ payees: { name: string; account: string }[] }>('/api/me/payees', { cookie: me.session })).body
        .payees;
    const started = await startVerification(
      { cookie: me.session },
      { channel: 'sms', purpose: 'add_payee', transaction: { payee } },
    );
    expect(await list()).toEqual([]);
    await checkVerification({ cookie: me.session }, started.body.id, {
      code: otherThan((await latestCode(phone)) as string),
      transaction: { payee },
    });
    expect(await list()).toEqual([]);
    await checkVerification({ cookie: me.session }, started.body.id, {
      code: (await latestCode(phone)) as string,
      transaction: { payee },
    });
    expect(await list()).toEqual([expect.objectContaining({ name: 'J Smith', account: 'GB33BUKB20201555555555' })]);
  });
});

describe('payments', () => {
  it('are approved by a passkey whose challenge is SHA-256 of a nonce and the payee and amount', async () => {
    const transaction = { payee, amount: { value: '42.00', currency: 'GBP' } };
    const opened = await passkeyOptions(transaction);
    expect(opened.status).toBe(200);
    expect(opened.body.options.challenge).toBe(await paymentChallenge(opened.body.nonce, transaction));
    const credential = await me.authenticator.authenticate(opened.body.options);
    const approved = await call<{ payment: { method: string; amount: { value: string } } }>(
      '/api/me/payments/passkey',
      {
        body: { ceremonyId: opened.body.ceremonyId, credential, transaction },
        cookie: me.session,
      },
    );
    expect(approved.status).toBe(201);
    expect(approved.body.payment).toMatchObject({ method: 'passkey', amount: { value: '42.00', currency: 'GBP' } });
    const listed = await call<{ payments: unknown[] }>('/api/me/payments', { cookie: me.session });
    expect(listed.body.payments).toHaveLength(1);
  });

  it('refuse a passkey assertion made for one amount when it is sent with another', async () => {
    const opened = await passkeyOptions({ payee, amount: { value: '10.00', currency: 'GBP' } });
    const credential = await me.authenticator.authenticate(opened.body.options);
    const other = await call('/api/me/payments/passkey', {
      body: {
        ceremonyId: opened.body.ceremonyId,
        credential,
        transaction: { payee, amount: { value: '1000.00', currency: 'GBP' } },
      },
      cookie: me.session,
    });
    expect(other.status).toBe(400);
    expect(errorCode(other)).toBe('passkey_rejected');
  });

  it('refuse an assertion signed over another challenge, and a ceremony used twice', async () => {
    const transaction = { payee, amount: { value: '7.00', currency: 'GBP' } };
    const first = await passkeyOptions(transaction);
    const second = await passkeyOptions(transaction);
    // Signed for the second ceremony, sent with the first.
    const credential = await me.authenticator.authenticate(second.body.options);
    const crossed = await call('/api/me/payments/passkey', {
      body: { ceremonyId: first.body.ceremonyId, credential, transaction },
      cookie: me.session,
    });
    expect(errorCode(crossed)).toBe('passkey_rejected');
    expect(
      errorCode(
        await call('/api/me/payments/passkey', {
          body: { ceremonyId: first.body.ceremonyId, credential, transaction },
          cookie: me.session,
        }),
      ),
    ).toBe('ceremony_invalid');
  });

  it('go only to approved payees, and need an amount', async () => {
    const stranger = { name: 'M Mallory', account: 'DE89370400440532013000' };
    const answer = await passkeyOptions({ payee: stranger, amount: { value: '5.00', currency: 'GBP' } });
    expect(answer.status).toBe(409);
    expect(errorCode(answer)).toBe('payee_unknown');
    expect((await passkeyOptions({ payee })).status).toBe(400);
  });

  it('are approved by a code that names payee and amount', async () => {
    await addPayee({ name: 'Rent Ltd', account: '12-34-56 12345678' });
    const transaction = {
      payee: { name: 'Rent Ltd', account: '12-34-56 12345678' },
      amount: { value: '950', currency: 'GBP' },
    };
    const started = await startVerification(
      { cookie: me.session },
      { channel: 'sms', purpose: 'payment', transaction },
    );
    const code = (await latestCode(phone)) as string;
    expect((await messagesTo(phone))[0]?.text).toContain('approves paying 950.00 GBP to RENT LTD, account ending 5678');
    expect((await checkVerification({ cookie: me.session }, started.body.id, { code, transaction })).body.status).toBe(
      'approved',
    );
    const listed = await call<{ payments: { method: string; payee: { name: string } }[] }>('/api/me/payments', {
      cookie: me.session,
    });
    expect(listed.body.payments[0]).toMatchObject({ method: 'code', payee: { name: 'Rent Ltd' } });
  });
});

describe('the agent fallback for a customer without the app', () => {
  it('sends a code to the registered phone and checks what the customer reads back', async () => {
    const sent = await call<{ id: string; to: string }>('/api/agent/fallback-code', {
      body: { customer: 'pay.er', channel: 'sms' },
      cookie: agent.session,
    });
    expect(sent.status).toBe(201);
    expect(sent.body.to).toBe('+44 •••• ••• 001');
    const code = (await latestCode(phone)) as string;
    expect((await messagesTo(phone))[0]?.text).toMatch(/read it only to the bank agent/);
    // Only the agent who sent it can check it.
    expect((await checkVerification({ cookie: me.session }, sent.body.id, { code })).status).toBe(404);
    expect((await checkVerification({ cookie: agent.session }, sent.body.id, { code })).body.status).toBe('approved');
  });

  it('tells the agent plainly of a customer it does not know (staff see no decoy), and is for agents only', async () => {
    const sent = await call('/api/agent/fallback-code', {
      body: { customer: 'no.app', channel: 'call' },
      cookie: agent.session,
    });
    expect(sent.status).toBe(404);
    expect(errorCode(sent)).toBe('customer_not_found');
    expect(
      (await call('/api/agent/fallback-code', { body: { customer: 'pay.er', channel: 'sms' }, cookie: me.session }))
        .status,
    ).toBe(403);
    expect(
      (
        await call('/api/agent/fallback-code', {
          body: { customer: 'pay.er', channel: 'email' },
          cookie: agent.session,
        })
      ).status,
    ).toBe(400);
  });
});
