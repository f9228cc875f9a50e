/**
 * DESIGN.md, "every effect carries its proof": the Account applies an effect (payee added, payment
 * recorded, phone verified, recovery finished, step-up completed, a passkey or setting changed) only
 * when the ceremony object that approved it says so, by id, once — whoever calls the Account.
 * These tests call the Account Durable Object directly, as a route with a bug would.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../../../worker/core/clock.ts';
import { stepUpOwner } from '../../../worker/core/verification-owners.ts';
import { SoftAuthenticator } from '../../support/authenticator.ts';
import { bootstrapAdmin, call, errorCode, origin, register, startSignIn } from '../client.ts';
import { directCall } from '../direct-call.ts';
import { checkVerification, enrolPhone, issueKey, latestCode, messagesTo, startVerification } from '../otp-helpers.ts';
import { RecoveringDevice, setUpContacts } from '../recovery-helpers.ts';

const payee = { name: 'J Smith', account: 'GB33BUKB20201555555555' };
const stranger = { name: 'M Mule', account: 'GB94BARC10201530093459' };
const amount = { value: '25.00', currency: 'GBP' };
const phone = '+447911128001';
const context = directCall;
const nobody = 'a'.repeat(64);

let me: Awaited<ReturnType<typeof register>>;
let admin: Awaited<ReturnType<typeof bootstrapAdmin>>;
const accountStub = (id: string) => env.ACCOUNT.get(env.ACCOUNT.idFromString(id));
const payeesOf = () => accountStub(me.account.id).payees();
const paymentsOf = () => accountStub(me.account.id).payments();

/** An approved code of `purpose`, started through the customer's session. */
async function approvedCode(purpose: 'add_payee' | 'payment', transaction: Record<string, unknown>) {
  const started = await startVerification({ cookie: me.session }, { channel: 'sms', purpose, transaction });
  expect(started.status).toBe(201);
  const checked = await checkVerification({ cookie: me.session }, started.body.id, {
    code: (await latestCode(phone)) as string,
    transaction,
  });
  expect(checked.body.status).toBe('approved');
  return started.body.id;
}

beforeAll(async () => {
  admin = await bootstrapAdmin();
  me = await register('proof.holder', { displayName: 'Pat Proof' });
  await enrolPhone(me.session, phone);
  await approvedCode('add_payee', { payee });
});

afterEach(() => testClock.reset());

describe('every effect carries its proof', () => {
  it('refuses a payee added directly on the Account without an approved add_payee code', async () => {
    const account = accountStub(me.account.id);
    expect(await account.addPayee(stranger, nobody, directCall)).toBeNull();
    expect(await account.addPayee(stranger, 'not an id', directCall)).toBeNull();
    // A real verification id, but of a pending code (never approved).
    const pending = await startVerification(
      { cookie: me.session },
      { channel: 'sms', purpose: 'add_payee', transaction: { payee: stranger } },
    );
    expect(await account.addPayee(stranger, pending.body.id, directCall)).toBeNull();
    expect((await payeesOf()).map((p) => p.name)).toEqual(['J Smith']);
  });

  it('refuses a payee other than the one its code approved', async () => {
    const id = await approvedCode('add_payee', { payee: { ...payee, name: 'J Smith Two' } });
    // The approval was used by the Verification's own effect; a replay for another payee fails too.
    expect(await accountStub(me.account.id).addPayee(stranger, id, directCall)).toBeNull();
    expect((await payeesOf()).map((p) => p.name).sort()).toEqual(['J Smith', 'J Smith Two']);
  });

  it('refuses a payment recorded directly without its code or passkey approval, and a replay of one', async () => {
    const account = accountStub(me.account.id);
    expect(await account.recordPayment({ payee, amount }, 'code', nobody, directCall)).toBeNull();
    expect(await account.recordPayment({ payee, amount }, 'passkey', nobody, directCall)).toBeNull();
    const id = await approvedCode('payment', { payee, amount });
    expect(await paymentsOf()).toHaveLength(1);
    // The same approval again (a replay): used up at the Verification, so refused.
    expect(await account.recordPayment({ payee, amount }, 'code', id, directCall)).toBeNull();
    expect(await paymentsOf()).toHaveLength(1);
    const verification = env.VERIFICATION.get(env.VERIFICATION.idFromString(id));
    expect(await verification.claimEffect(me.account.id, 'payment')).toBeNull();
  });

  it('refuses a verified phone confirmed directly without its enrolment code', async () => {
    const account = accountStub(me.account.id);
    const fresh = await register('proof.nophone');
    const other = accountStub(fresh.account.id);
    expect(await other.confirmContact('+447911128099', nobody, directCall)).toBe(false);
    // Another account's approved enrolment does not verify this account's phone.
    const enrolled = await enrolPhone(fresh.session, '+447911128098');
    expect(await account.confirmContact('+447911128098', enrolled, directCall)).toBe(false);
    expect((await account.contacts()).phone).toBe(phone);
    expect((await other.contacts()).phone).toBe('+447911128098');
  });

  it('refuses a recovery finished directly without the Recovery object approving it', async () => {
    const authenticator = new SoftAuthenticator({ origin });
    const credential = {
      id: 'recovered-device-credential',
      publicKey: new Uint8Array([1, 2, 3]),
      counter: 0,
      transports: ['internal'],
      deviceType: 'singleDevice' as const,
      backedUp: false,
    };
    const finished = await accountStub(me.account.id).finishRecovery(credential, true, nobody, context);
    expect(finished).toEqual({ ok: false, reason: 'not_approved' });
    expect((await accountStub(me.account.id).passkeys()).map((p) => p.id)).toEqual(me.authenticator.credentialIds());
    expect(authenticator.credentialIds()).toEqual([]);
  });

  it('refuses passkey, phone and setting changes made directly without a fresh assertion', async () => {
    const account = accountStub(me.account.id);
    const credential = {
      id: 'attacker-passkey',
      publicKey: new Uint8Array([9, 9, 9]),
      counter: 0,
      transports: ['internal'],
      deviceType: 'singleDevice' as const,
      backedUp: false,
    };
    expect(await account.addPasskey(credential, context, 'Attacker', nobody)).toEqual({
      ok: false,
      reason: 'no_proof',
    });
    expect(await account.setPreferences({ stepUp: 'risk', otpChannel: 'email' }, context, nobody)).toEqual({
      ok: false,
      reason: 'no_proof',
    });
    expect(await account.authorizeContactChange(nobody, context)).toEqual({ ok: false, reason: 'no_proof' });
    expect((await account.passkeys()).map((p) => p.id)).toEqual(me.authenticator.credentialIds());
  });

  it('refuses a payment code to a payee the account never approved, started with an API key (payee_unknown)', async () => {
    const { key } = await issueKey(admin, ['verifications'], 'Core banking');
    const before = (await messagesTo(phone)).length;
    const byKey = await startVerification(
      { key },
      { account: 'proof.holder', channel: 'sms', purpose: 'payment', transaction: { payee: stranger, amount } },
    );
    expect(byKey.status).toBe(409);
    expect(errorCode(byKey)).toBe('payee_unknown');
    // An unknown account answers the same.
    const unknown = await startVerification(
      { key },
      { account: 'no.such.person', channel: 'sms', purpose: 'payment', transaction: { payee: stranger, amount } },
    );
    expect(errorCode(unknown)).toBe('payee_unknown');
    const bySession = await startVerification(
      { cookie: me.session },
      { channel: 'sms', purpose: 'payment', transaction: { payee: stranger, amount } },
    );
    expect(errorCode(bySession)).toBe('payee_unknown');
    expect((await messagesTo(phone)).length).toBe(before);
  });

  it('refuses a payment whose payee was removed after its code was sent, even once the code is approved', async () => {
    const holder = await register('proof.removed');
    const own = '+447911128004';
    await enrolPhone(holder.session, own);
    const removable = { name: 'R Temp', account: 'GB29NWBK60161331926819' };
    const auth = { cookie: holder.session };
    const added = await startVerification(auth, {
      channel: 'sms',
      purpose: 'add_payee',
      transaction: { payee: removable },
    });
    await checkVerification(auth, added.body.id, { code: await latestCode(own), transaction: { payee: removable } });
    const transaction = { payee: removable, amount };
    const started = await startVerification(auth, { channel: 'sms', purpose: 'payment', transaction });
    expect(started.status).toBe(201);
    const account = accountStub(holder.account.id);
    const id = (await account.payees())[0]?.id as string;
    expect((await call(`/api/me/payees/${id}`, { method: 'DELETE', cookie: holder.session })).status).toBe(200);
    const checked = await checkVerification(auth, started.body.id, { code: await latestCode(own), transaction });
    expect(checked.body.status).toBe('approved');
    expect(await account.payments()).toEqual([]);
    expect((await account.auditLog(5)).find((e) => e.type === 'effect_refused')?.detail).toMatchObject({
      effect: 'payment_approved',
      reason: 'payee_unknown',
    });
  });

  it('opens no session for a step-up before its code is approved, and uses an approval once', async () => {
    const holder = await register('proof.stepup', { headers: { 'X-Countersign-Dev-Place': 'country=GB' } });
    await enrolPhone(holder.session, '+447911128002');
    const { ceremonyId, options } = await startSignIn();
    const credential = await holder.authenticator.authenticate(options);
    const answer = await call('/api/session/verify', {
      body: { ceremonyId, credential },
      headers: { 'X-Countersign-Dev-Place': 'country=FR; city=Paris' },
    });
    const cookie = /__Host-step-up=([^;]*)/.exec(answer.headers.get('Set-Cookie') ?? '')?.[1] as string;
    const pendingToken = cookie.split('.')[1] as string;
    const account = accountStub(holder.account.id);
    const policy = { idleMs: 60_000, absoluteMs: 60_000 };
    expect(await account.completeStepUp(pendingToken, policy, context)).toEqual({ ok: false, reason: 'not_approved' });

    // The code comes back through the route: the approval is used there, once.
    const verificationId = (await account.stepUpVerification(pendingToken)) as string;
    const stepped = await call('/api/session/step-up', {
      body: { code: await latestCode('+447911128002') },
      headers: { Cookie: `__Host-step-up=${cookie}` },
    });
    expect(stepped.status).toBe(200);
    const verification = env.VERIFICATION.get(env.VERIFICATION.idFromString(verificationId));
    expect(await verification.consumeApproval(stepUpOwner(holder.account.id))).toBe(false);
  });

  it('uses a Verification approval once: consumeApproval twice is refused the second time', async () => {
    const holder = await register('proof.twice', { headers: { 'X-Countersign-Dev-Place': 'country=GB' } });
    await enrolPhone(holder.session, '+447911128003');
    const { ceremonyId, options } = await startSignIn();
    const credential = await holder.authenticator.authenticate(options);
    const answer = await call('/api/session/verify', {
      body: { ceremonyId, credential },
      headers: { 'X-Countersign-Dev-Place': 'country=FR; city=Paris' },
    });
    const cookie = /__Host-step-up=([^;]*)/.exec(answer.headers.get('Set-Cookie') ?? '')?.[1] as string;
    const account = accountStub(holder.account.id);
    const verificationId = (await account.stepUpVerification(cookie.split('.')[1] as string)) as string;
    const verification = env.VERIFICATION.get(env.VERIFICATION.idFromString(verificationId));
    const owner = stepUpOwner(holder.account.id);
    expect(await verification.consumeApproval(owner)).toBe(false);
    const checked = await verification.check(owner, (await latestCode('+447911128003')) as string, null, directCall);
    expect(checked).toMatchObject({ ok: true, value: { status: 'approved' } });
    expect(await verification.consumeApproval(`account:${holder.account.id}`)).toBe(false);
    expect(await verification.consumeApproval(owner)).toBe(true);
    expect(await verification.consumeApproval(owner)).toBe(false);
  });

  it('uses a passkey approval once, for its own account and purpose only', async () => {
    const opened = await call<{ ceremonyId: string; options: Parameters<SoftAuthenticator['authenticate']>[0] }>(
      '/api/me/protection/options',
      { body: { purpose: 'settings' }, cookie: me.session },
    );
    const credential = await me.authenticator.authenticate(opened.body.options);
    const challenge = env.PASSKEY_CHALLENGE.get(env.PASSKEY_CHALLENGE.idFromString(opened.body.ceremonyId));
    // biome-ignore lint/suspicious/noExplicitAny: the assertion JSON as the browser sends it
    expect(await challenge.assert('protect_settings', me.account.id, credential as any)).toMatchObject({ ok: true });
    expect(await challenge.consumeApproval(me.account.id, 'protect_passkeys')).toBeNull();
    expect(await challenge.consumeApproval(nobody, 'protect_settings')).toBeNull();
    expect(await challenge.consumeApproval(me.account.id, 'protect_settings')).not.toBeNull();
    expect(await challenge.consumeApproval(me.account.id, 'protect_settings')).toBeNull();
  });

  it('refuses trusted-contact changes made directly on the Account without a fresh assertion', async () => {
    const holder = await register('proof.contacts');
    const account = accountStub(holder.account.id);
    const three = [
      { name: 'Alice', phone: '+447911128201' },
      { name: 'Bob', phone: '+447911128202' },
      { name: 'Carol', phone: '+447911128203' },
    ];
    expect(await account.setUpContacts(three, context, nobody)).toEqual({ ok: false, reason: 'no_proof' });
    expect(await account.trustedContacts()).toEqual([]);
    expect((await setUpContacts(holder, three)).status).toBe(201);
    const contactId = (await account.trustedContacts())[0]?.id as string;
    // A day later (no session is used from here on: the Account is asked directly).
    testClock.advance(86_400_001);
    expect(await account.addTrustedContact({ name: 'Dan', phone: '+447911128204' }, context, 1, nobody)).toEqual({
      ok: false,
      reason: 'no_proof',
    });
    expect(await account.removeTrustedContact(contactId, context, 1, nobody)).toMatchObject({ ok: false });
    expect(await account.trustedContacts()).toHaveLength(3);
  });

  it('refuses an in-app recovery approval given to the Recovery directly without the contact’s assertion', async () => {
    const friend = await register('proof.friend', { displayName: 'Fran Friend' });
    await enrolPhone(friend.session, '+447911128301', '198.51.100.31');
    const holder = await register('proof.holly', { displayName: 'Holly Holder' });
    await enrolPhone(holder.session, '+447911128302', '198.51.100.32');
    await setUpContacts(holder, [
      { name: 'Fran', phone: '+447911128301' },
      { name: 'Gus', phone: '+447911128303' },
      { name: 'Hal', phone: '+447911128304' },
    ]);
    const device = new RecoveringDevice();
    const view = await device.throughFirstFactor('proof.holly', '+447911128302');
    await device.choose(view.contacts.map((c) => c.id));
    const recovery = env.RECOVERY.get(env.RECOVERY.idFromString(view.id));
    expect(await recovery.approveInApp(friend.account.id, nobody, directCall)).toEqual({
      ok: false,
      reason: 'not_found',
    });
    expect((await device.send()).body.recovery.approvals).toBe(0);
  });
});
