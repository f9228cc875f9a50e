/**
 * The signed-in customer's payees and payments. Payees join the list through an approved
 * `add_payee` code (`/api/v1/verifications`); payments are approved by a `payment` code or, here,
 * by a passkey assertion whose challenge is derived from the payee and amount.
 */
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import { authenticationCredential } from '../../shared/api.ts';
import { canonicalTransaction, type Transaction } from '../../shared/payee.ts';
import { paymentChallenge, paymentChallengeBytes } from '../../shared/payment-challenge.ts';
import { transactionSchema } from '../../shared/verifications.ts';
import { authenticationOptions } from '../core/passkeys.ts';
import { randomToken } from '../core/random.ts';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { refuse } from '../http/refusals.ts';
import { requireRole, requireSession } from '../http/session.ts';
import { ceremonyById, signedInAccount } from '../http/stubs.ts';
import { jsonBody, pathParams } from '../http/validate.ts';

const paymentSchema = z.strictObject({ transaction: transactionSchema }).check(
  z.refine((b) => b.transaction.amount !== undefined, {
    error: 'A payment needs the amount.',
    path: ['transaction', 'amount'],
  }),
);
const passkeyPaymentBody = z.strictObject({
  ceremonyId: z.string().check(z.regex(/^[0-9a-f]{64}$/, { error: 'Not a ceremony id.' })),
  credential: authenticationCredential,
  transaction: transactionSchema,
});
const payeeIdParam = z.strictObject({
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{16}$/, { error: 'Not a payee id.' })),
});

const customerOnly = requireRole('customer');

export const payments = new Hono<AppEnv>()
  // Mounted beside the /me router: the guards go on each route, not on /me/* as a whole.
  .use(requireSession)

  .get('/payees', customerOnly, async (c) => {
    const account = signedInAccount(c);
    return c.json({ payees: await account.payees() }, 200);
  })

  .delete('/payees/:id', customerOnly, pathParams(payeeIdParam), async (c) => {
    const account = signedInAccount(c);
    const removed = await account.removePayee(c.req.valid('param').id, c.var.requestContext);
    return removed ? c.json({ removed: c.req.valid('param').id }, 200) : errorResponse(c, 'not_found');
  })

  .get('/payments', customerOnly, async (c) => {
    const account = signedInAccount(c);
    return c.json({ payments: await account.payments() }, 200);
  })

  // "Someone asked me to make this payment": nothing is paid; the stop is recorded.
  .post('/payments/stopped', customerOnly, jsonBody(paymentSchema), async (c) => {
    const account = signedInAccount(c);
    const recorded = await account.recordPaymentStopped(c.req.valid('json').transaction, c.var.requestContext);
    return recorded ? c.json({ stopped: true }, 201) : errorResponse(c, 'invalid_input');
  })

  .post('/payments/passkey-options', customerOnly, jsonBody(paymentSchema), async (c) => {
    const transaction = c.req.valid('json').transaction as Transaction;
    const account = signedInAccount(c);
    if (!(await account.knowsPayee(transaction.payee))) return errorResponse(c, 'payee_unknown');
    const nonce = randomToken(16);
    const options = await authenticationOptions(
      c.var.settings,
      await account.credentials(),
      await paymentChallengeBytes(nonce, transaction),
    );
    const ceremonyId = c.env.PASSKEY_CHALLENGE.newUniqueId();
    await c.env.PASSKEY_CHALLENGE.get(ceremonyId).open(
      {
        purpose: 'payment',
        challenge: options.challenge,
        accountId: c.var.account.id,
        registration: null,
        role: null,
        payment: { nonce, transaction },
      },
      c.var.settings.passkeyChallengeTtlMs,
    );
    return c.json({ ceremonyId: ceremonyId.toString(), nonce, options }, 200);
  })

  .post('/payments/passkey', customerOnly, jsonBody(passkeyPaymentBody), async (c) => {
    const body = c.req.valid('json');
    // The PasskeyChallenge verifies the assertion (its challenge is derived from the payment) and
    // keeps the approval; the Account then asks it for exactly this payment, once.
    const asserted = await ceremonyById(c.env, body.ceremonyId)?.assert(
      'payment',
      c.var.account.id,
      body.credential as AuthenticationResponseJSON,
    );
    if (!asserted?.ok) {
      return errorResponse(c, asserted?.reason === 'rejected' ? 'passkey_rejected' : 'ceremony_invalid');
    }
    const approved = asserted.value.payment;
    const expected = approved ? await paymentChallenge(approved.nonce, approved.transaction) : null;
    if (!approved || expected !== asserted.value.challenge) return errorResponse(c, 'ceremony_invalid');
    // The payment approved is the one the ceremony was opened for; other details are refused.
    if (canonicalTransaction(body.transaction as Transaction) !== canonicalTransaction(approved.transaction)) {
      return errorResponse(c, 'passkey_rejected');
    }
    const account = signedInAccount(c);
    const payment = await account.recordPayment(approved.transaction, 'passkey', body.ceremonyId);
    if (payment === 'account_locked') return refuse(c, 'lock', payment);
    return payment ? c.json({ payment }, 201) : errorResponse(c, 'ceremony_invalid');
  });
