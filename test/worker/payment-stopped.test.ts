/**
 * "Has anyone asked you to make this payment or told you what to say?" — a "yes" stops the payment:
 * POST /api/me/payments/stopped records a payment_stopped event in the customer's audit log and
 * pays nothing. Bad input is a 400, other roles and the signed-out are refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { staff } from './call-helpers.ts';
import { call, errorCode, register } from './client.ts';

const transaction = {
  payee: { name: 'J Smith', account: 'GB33BUKB20201555555555' },
  amount: { value: '250.00', currency: 'GBP' },
};
let me: { session: string };

beforeAll(async () => {
  me = await register('stop.per', { displayName: 'Sam Stopper' });
});

type Events = { events: { type: string; detail: Record<string, unknown> }[] };

describe('a payment stopped because someone asked for it', () => {
  it('is recorded in the audit log and nothing is paid', async () => {
    const stopped = await call('/api/me/payments/stopped', { body: { transaction }, cookie: me.session });
    expect(stopped.status).toBe(201);
    const events = (await call<Events>('/api/me/audit', { cookie: me.session })).body.events;
    expect(events.find((e) => e.type === 'payment_stopped')?.detail).toMatchObject({
      reason: 'coached',
      payee: 'J Smith',
      account: '5555',
      amount: '250.00 GBP',
    });
    const payments = await call<{ payments: unknown[] }>('/api/me/payments', { cookie: me.session });
    expect(payments.body.payments).toEqual([]);
  });

  it('refuses bad input with a 400 and records nothing', async () => {
    const before = (await call<Events>('/api/me/audit', { cookie: me.session })).body.events.length;
    for (const body of [
      {},
      { transaction: { payee: transaction.payee } },
      { transaction: { ...transaction, amount: { value: '-1', currency: 'GBP' } } },
      { transaction, extra: 1 },
    ]) {
      const refused = await call('/api/me/payments/stopped', { body, cookie: me.session });
      expect(refused.status).toBe(400);
      expect(errorCode(refused)).toBe('invalid_input');
    }
    const after = (await call<Events>('/api/me/audit', { cookie: me.session })).body.events.length;
    expect(after).toBe(before);
  });

  it('is only for a signed-in customer', async () => {
    expect((await call('/api/me/payments/stopped', { body: { transaction } })).status).toBe(401);
    const { agent } = await staff();
    expect((await call('/api/me/payments/stopped', { body: { transaction }, cookie: agent.session })).status).toBe(403);
  });
});
