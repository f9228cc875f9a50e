/// <reference types="vite/client" />
/**
 * The holder's lock ("This wasn't me" → "Lock my account", account/lock.ts): while locked, every
 * effect is refused (each with the proof it would otherwise need, so that only the lock stops it),
 * no code starts for the account but the agent's fallback, the other sessions end, pending
 * recoveries stop; only the agent of a call verified with this customer unlocks it.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { SoftAuthenticator } from '../support/authenticator.ts';
import {
  anotherAgent,
  checkAgentCode,
  checkCustomerCode,
  confirm,
  openSocket,
  type Person,
  staff,
  startCall,
} from './call-helpers.ts';
import { type Answer, auditOf, call, errorCode, origin, register, signIn, startSignIn } from './client.ts';
import {
  checkVerification,
  customerWithPhone,
  issueKey,
  latestCode,
  messagesTo,
  startVerification,
} from './otp-helpers.ts';
import { addPasskeyWith, protectionAssertion, removePasskeyWith, savePreferencesWith } from './protection-helpers.ts';
import { contactsAssertion, RecoveringDevice, setUpContacts } from './recovery-helpers.ts';

const payee = { name: 'J Smith', account: 'GB33BUKB20201555555555' };
const stranger = { name: 'M Mule', account: 'GB94BARC10201530093459' };
const amount = { value: '25.00', currency: 'GBP' };
const contacts = [
  { name: 'Ann Lee', phone: '+447911129101' },
  { name: 'Bob Lee', phone: '+447911129102' },
  { name: 'Cat Lee', phone: '+447911129103' },
];
const accountStub = (id: string) => env.ACCOUNT.get(env.ACCOUNT.idFromString(id));

type Customer = Awaited<ReturnType<typeof customerWithPhone>>;
let people: Awaited<ReturnType<typeof staff>>;
let key: string;

const lock = (session: string) =>
  call<{ lock: { lockedAt: number } }>('/api/me/lock', { method: 'POST', cookie: session });
const locked = (answer: Answer) => {
  expect({ status: answer.status, code: errorCode(answer) }).toEqual({ status: 423, code: 'account_locked' });
  expect((answer.body as { error: { message: string } }).error.message).toContain('Call the bank');
};

/** A customer with a verified phone, a second device signed in, an approved payee; then locked. */
async function lockedCustomer(handle: string, phone: string) {
  const person = await customerWithPhone(handle, phone);
  const started = await startVerification(
    { cookie: person.session },
    { channel: 'sms', purpose: 'add_payee', transaction: { payee } },
  );
  await checkVerification({ cookie: person.session }, started.body.id, {
    code: await latestCode(phone),
    transaction: { payee },
  });
  const other = await signIn(person.authenticator);
  expect(other.status).toBe(200);
  return { ...person, other: other.session as string };
}

beforeAll(async () => {
  people = await staff('lock.agent');
  key = (await issueKey(people.admin, ['verifications'])).key;
});

describe('locking: a safe action, audited, idempotent', () => {
  let me: Customer & { other: string };
  beforeAll(async () => {
    me = await lockedCustomer('lock.one', '+447911129001');
  });

  it('locks without a fresh passkey, signs every other session out at once and keeps this one', async () => {
    expect((await call('/api/me/lock', { cookie: me.session })).body).toEqual({ lock: null });
    // The other device's app is open: its live socket closes with the lock (it cannot reconnect).
    const socket = await openSocket('/api/live/socket', me.other);
    const closed = new Promise<number>((resolve) => socket.ws.addEventListener('close', (e) => resolve(e.code)));
    const first = await lock(me.session);
    expect(await closed).toBe(4003);
    expect(first.status).toBe(200);
    expect(first.body.lock.lockedAt).toEqual(expect.any(Number));
    // This device stays signed in and sees the lock; the other device is signed out.
    expect((await call('/api/me/lock', { cookie: me.session })).body).toEqual({ lock: first.body.lock });
    expect((await call('/api/me', { cookie: me.other })).status).toBe(401);
    expect((await call('/api/me', { cookie: me.session })).status).toBe(200);
    const again = await call('/api/live/socket', { cookie: me.other, headers: { Upgrade: 'websocket' } });
    expect(again.status).toBe(401);
  });

  it('is idempotent: a second lock changes nothing and is recorded once', async () => {
    const before = (await call<{ lock: { lockedAt: number } }>('/api/me/lock', { cookie: me.session })).body.lock;
    const again = await lock(me.session);
    expect(again.status).toBe(200);
    expect(again.body.lock).toEqual(before);
    const events = await auditOf(me.session);
    expect(events.filter((e: { type: string }) => e.type === 'account_locked')).toHaveLength(1);
    expect(events.find((e: { type: string }) => e.type === 'account_locked')?.detail).toMatchObject({
      by: 'holder',
      signedOut: 1,
    });
  });

  it('is for customers only (staff are removed by an admin instead)', async () => {
    const answer = await lock(people.agent.session);
    expect({ status: answer.status, code: errorCode(answer) }).toEqual({ status: 403, code: 'forbidden' });
    expect((await lock('not-a-session')).status).toBe(401);
  });
});

describe('while locked, every effect is refused (account_locked, 423), each with the proof it needs', () => {
  let me: Customer & { other: string };
  let pendingPayee: string;
  let pendingCode: string;
  beforeAll(async () => {
    me = await lockedCustomer('lock.two', '+447911129002');
    // A payee code started before the lock, approved after it.
    const started = await startVerification(
      { cookie: me.session },
      { channel: 'sms', purpose: 'add_payee', transaction: { payee: stranger } },
    );
    pendingPayee = started.body.id;
    pendingCode = (await latestCode('+447911129002')) as string;
    // A second passkey (so that removing one is otherwise allowed) and a grant to change the phone.
    expect((await addPasskeyWith(me.session, me.authenticator, me.authenticator)).status).toBe(201);
    const grant = await protectionAssertion(me.session, me.authenticator, 'contact');
    expect((await call('/api/me/contacts/authorize', { body: grant, cookie: me.session })).status).toBe(200);
    expect((await lock(me.session)).status).toBe(200);
  });

  it('adds no passkey and removes none', async () => {
    const added = new SoftAuthenticator({ origin });
    locked(await addPasskeyWith(me.session, me.authenticator, added));
    const ids = me.authenticator.credentialIds();
    expect(ids).toHaveLength(2);
    locked(await removePasskeyWith(me.session, me.authenticator, ids[1] as string));
    expect((await accountStub(me.account.id).passkeys()).map((p) => p.id).sort()).toEqual([...ids].sort());
  });

  it('starts no code for a payee, a payment, a new phone or a sign-in, whoever asks', async () => {
    const before = (await messagesTo('+447911129002')).length;
    const asked = [
      { channel: 'sms', purpose: 'add_payee', transaction: { payee: stranger } },
      { channel: 'sms', purpose: 'payment', transaction: { payee, amount } },
    ];
    for (const body of asked) locked(await startVerification({ cookie: me.session }, body));
    locked(
      await startVerification({ cookie: me.session }, { to: '+447911129099', channel: 'sms', purpose: 'enrol_phone' }),
    );
    locked(await startVerification({ key }, { account: 'lock.two', channel: 'sms', purpose: 'sign_in' }));
    expect(await messagesTo('+447911129099')).toEqual([]);
    expect((await messagesTo('+447911129002')).length).toBe(before);
  });

  it('applies no approval that arrives after the lock (a payee code started before it)', async () => {
    const checked = await checkVerification({ cookie: me.session }, pendingPayee, {
      code: pendingCode,
      transaction: { payee: stranger },
    });
    expect(checked.body.status).toBe('approved');
    expect((await accountStub(me.account.id).payees()).map((p) => p.name)).toEqual(['J Smith']);
  });

  it('records no payment approved with the passkey', async () => {
    const opened = await call<{ ceremonyId: string; options: Parameters<SoftAuthenticator['authenticate']>[0] }>(
      '/api/me/payments/passkey-options',
      { body: { transaction: { payee, amount } }, cookie: me.session },
    );
    expect(opened.status).toBe(200);
    const credential = await me.authenticator.authenticate(opened.body.options);
    locked(
      await call('/api/me/payments/passkey', {
        body: { ceremonyId: opened.body.ceremonyId, credential, transaction: { payee, amount } },
        cookie: me.session,
      }),
    );
    expect(await accountStub(me.account.id).payments()).toEqual([]);
  });

  it('allows no change of phone, sign-in settings or trusted contacts', async () => {
    const proof = await protectionAssertion(me.session, me.authenticator, 'contact');
    locked(await call('/api/me/contacts/authorize', { body: proof, cookie: me.session }));
    locked(await savePreferencesWith(me.session, me.authenticator, { stepUp: 'always', otpChannel: 'sms' }));
    locked(
      await call('/api/me/trusted-contacts/setup', {
        body: { contacts, ...(await contactsAssertion(me)) },
        cookie: me.session,
      }),
    );
    expect(await accountStub(me.account.id).trustedContacts()).toEqual([]);
    expect((await accountStub(me.account.id).contacts()).phone).toBe('+447911129002');
  });

  it('still sends the agent’s one-time code by phone: the way the bank verifies the caller', async () => {
    const fallback = await call('/api/agent/fallback-code', {
      body: { customer: 'lock.two', channel: 'sms' },
      cookie: people.agent.session,
    });
    expect(fallback.status).toBe(201);
  });

  it('records every refusal in the holder’s security events', async () => {
    const refused = (await auditOf(me.session))
      .filter((e) => e.type === 'effect_refused' && e.detail.reason === 'account_locked')
      .map((e) => e.detail.effect);
    expect(refused, JSON.stringify(refused)).toEqual(
      expect.arrayContaining([
        'passkey_added',
        'passkey_removed',
        'payee_added',
        'payment_approved',
        'code:enrol_phone',
      ]),
    );
  });
});

describe('a sign-in waiting for its step-up code when the account is locked', () => {
  it('opens no session, even with the right code', async () => {
    const me = await customerWithPhone('lock.six', '+447911129006');
    const { ceremonyId, options } = await startSignIn();
    const credential = await me.authenticator.authenticate(options);
    const risky = await call('/api/session/verify', {
      body: { ceremonyId, credential },
      headers: { 'X-Countersign-Dev-Place': 'country=FR; city=Paris; lat=48.86; lon=2.35; asn=3215' },
    });
    const pending = /__Host-step-up=([^;]*)/.exec(risky.headers.get('Set-Cookie') ?? '')?.[1];
    expect(pending).toBeTruthy();
    const code = (await latestCode('+447911129006')) as string;
    expect((await lock(me.session)).status).toBe(200);
    const answer = await call('/api/session/step-up', {
      body: { code },
      headers: { Cookie: `__Host-step-up=${pending}` },
    });
    locked(answer);
    expect(answer.session).toBeNull();
  });
});

describe('locking stops recoveries', () => {
  it('stops a recovery in progress, and a new one goes nowhere (answered as for anyone)', async () => {
    const owner = await customerWithPhone('lock.three', '+447911129003');
    expect((await setUpContacts(owner, contacts)).status).toBe(201);
    const device = new RecoveringDevice();
    const recovery = await device.throughFirstFactor('lock.three', '+447911129003', '198.51.100.31');
    expect((await device.choose(recovery.contacts.slice(0, 2).map((c) => c.id))).status).toBe(200);
    expect((await accountStub(owner.account.id).ownRecoveries()).length).toBe(1);

    expect((await lock(owner.session)).status).toBe(200);
    expect(await accountStub(owner.account.id).ownRecoveries()).toEqual([]);
    expect((await device.send()).body.recovery.state).toBe('canceled');

    const sent = (await messagesTo('+447911129003')).length;
    const again = new RecoveringDevice();
    const started = await again.start('lock.three', '198.51.100.32');
    expect(started.status).toBe(201);
    expect((await messagesTo('+447911129003')).length).toBe(sent);
  });
});

describe('the unlock: only the agent of a call verified with this customer', () => {
  let me: Customer & { other: string };
  let callId: string;
  let otherAgent: Person;

  async function verifiedCall(agent: Person): Promise<string> {
    const id = await startCall(agent, 'lock.four');
    const confirmed = await confirm(me, id);
    const checked = await checkCustomerCode(agent, id, confirmed.body.code);
    await checkAgentCode(me, id, checked.body.agentCode as string);
    return id;
  }
  const unlock = (person: { session: string }, id: string) =>
    call<{ unlocked: boolean }>(`/api/calls/${id}/unlock`, { method: 'POST', cookie: person.session });
  const lockSeen = (person: { session: string }, id: string) =>
    call<{ lock: { lockedAt: number } | null; canUnlock: boolean }>(`/api/calls/${id}/lock`, {
      cookie: person.session,
    });

  beforeAll(async () => {
    me = await lockedCustomer('lock.four', '+447911129004');
    otherAgent = await anotherAgent(people.admin, 'lock.agent.two');
    expect((await lock(me.session)).status).toBe(200);
    callId = await startCall(people.agent, 'lock.four');
  });

  it('refuses before the call is verified, and shows the agent the lock', async () => {
    const seen = await lockSeen(people.agent, callId);
    expect(seen.body).toEqual({ lock: { lockedAt: expect.any(Number) }, canUnlock: false });
    const early = await unlock(people.agent, callId);
    expect({ status: early.status, code: errorCode(early) }).toEqual({ status: 409, code: 'call_not_verified' });
    // Asked directly, the Account asks the call itself and refuses too.
    expect(await accountStub(me.account.id).unlock(callId)).toEqual({ ok: false, reason: 'not_verified' });
    expect((await call('/api/me/lock', { cookie: me.session })).body).toMatchObject({
      lock: { lockedAt: expect.any(Number) },
    });
  });

  it('refuses the customer, another agent and a call id that is not one (4xx in the error shape)', async () => {
    const verified = await verifiedCall(people.agent);
    const byCustomer = await unlock(me, verified);
    expect({ status: byCustomer.status, code: errorCode(byCustomer) }).toEqual({ status: 403, code: 'forbidden' });
    const byOther = await unlock(otherAgent, verified);
    expect({ status: byOther.status, code: errorCode(byOther) }).toEqual({ status: 404, code: 'call_not_found' });
    expect((await lockSeen(otherAgent, verified)).status).toBe(404);
    const bogus = await unlock(people.agent, 'f'.repeat(64));
    expect(bogus.status).toBeGreaterThanOrEqual(400);
    expect(bogus.status).toBeLessThan(500);
    expect(errorCode(bogus)).toEqual(expect.any(String));
    // A call verified with another customer does not unlock this one, even asked directly.
    const someoneElse = await register('lock.five');
    expect(await accountStub(someoneElse.account.id).unlock(verified)).toEqual({ ok: false, reason: 'not_verified' });
    expect((await call('/api/me/lock', { cookie: me.session })).body.lock).not.toBeNull();
    callId = verified;
  });

  it('unlocks for the verifying agent once verified: audited, and effects work again', async () => {
    expect((await lockSeen(people.agent, callId)).body.canUnlock).toBe(true);
    const done = await unlock(people.agent, callId);
    expect(done.status).toBe(200);
    expect(done.body.unlocked).toBe(true);
    expect((await call('/api/me/lock', { cookie: me.session })).body).toEqual({ lock: null });
    const event = (await auditOf(me.session)).find((e: { type: string }) => e.type === 'account_unlocked');
    expect(event?.detail).toMatchObject({
      by: 'bank',
      call: callId,
      agent: people.agent.account.id,
      agentName: 'Anna K.',
    });
    const started = await startVerification(
      { cookie: me.session },
      { channel: 'sms', purpose: 'add_payee', transaction: { payee: stranger } },
    );
    expect(started.status).toBe(201);
    // Again: nothing left to unlock, nothing recorded twice.
    expect((await unlock(people.agent, callId)).body.unlocked).toBe(false);
    expect((await auditOf(me.session)).filter((e: { type: string }) => e.type === 'account_unlocked')).toHaveLength(1);
  });
});

describe('one place: every proof of an effect is asked through the lock', () => {
  const parts = import.meta.glob(['/worker/objects/account/*.ts', '/worker/objects/account.ts'], {
    query: '?raw',
    import: 'default',
    eager: true,
  }) as Record<string, string>;

  it('no part of the Account (nor its facade) but proofs.ts asks a ceremony for its proof', () => {
    expect(Object.keys(parts).length).toBeGreaterThan(15);
    expect(Object.keys(parts)).toContain('/worker/objects/account.ts');
    const asking = Object.entries(parts)
      .filter(([, text]) =>
        /\.(consumeApproval|claimEffect|confirmCompletion)\(|\b(passkeyApproval|verificationEffect|recoveryCompletion)\(/.test(
          text,
        ),
      )
      .map(([path]) => path);
    expect(asking).toEqual(['/worker/objects/account/proofs.ts']);
  });
});
