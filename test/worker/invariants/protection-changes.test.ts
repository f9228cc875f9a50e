/**
 * DESIGN.md, "changes to how an account is protected": adding or removing a passkey, changing the
 * phone or e-mail and changing the sign-in settings need a fresh passkey assertion (a stolen
 * session alone is not enough) and are announced on every device (live socket, Web Push, security
 * events) and by SMS to the verified phone.
 */
import { describe, expect, it } from 'vitest';
import { protectionChangeSms } from '../../../shared/protection.ts';
import { SoftAuthenticator } from '../../support/authenticator.ts';
import { openSocket } from '../call-helpers.ts';
import { auditOf, call, errorCode, nameFrom, origin, register } from '../client.ts';
import { checkVerification, enrolPhone, latestCode, messagesTo, startVerification } from '../otp-helpers.ts';
import {
  addPasskeyWith,
  openAddPasskey,
  protectionAssertion,
  removePasskeyWith,
  savePreferencesWith,
} from '../protection-helpers.ts';
import { newSubscription, receivedBy } from '../push-client.ts';

let n = 0;
/** A customer with a verified phone, an open app (live socket) and a push subscription. */
async function holder() {
  n += 1;
  const phone = `+44791114000${n}`;
  const person = await register(`protect.${n}`, { displayName: `Protect ${nameFrom(n)}` });
  await enrolPhone(person.session, phone, `198.51.100.${n}`);
  const subscription = await newSubscription();
  await call('/api/me/push-subscriptions', { method: 'POST', body: subscription, cookie: person.session });
  const socket = await openSocket('/api/live/socket', person.session);
  return { ...person, phone, subscription, socket };
}

type Holder = Awaited<ReturnType<typeof holder>>;

/** The change was told to the open app, the push service and the verified phone, and logged. */
async function expectAnnounced(me: Holder, change: string, smsTo = me.phone) {
  await me.socket.next((m) => (m as { type: string; change?: string }).change === change);
  const pushed = (await receivedBy(me.subscription)).messages.map((m) => JSON.parse(m.payload).title);
  expect(pushed).toContain('Your account security changed');
  const texts = (await messagesTo(smsTo)).map((m) => m.text);
  expect(texts).toContain(protectionChangeSms(change as Parameters<typeof protectionChangeSms>[0], 'Countersign'));
}

describe('changes to how an account is protected', { timeout: 30_000 }, () => {
  it('adds a passkey only after a fresh assertion of a passkey the account has, and announces it', async () => {
    const me = await holder();
    // A stolen session alone: no assertion.
    const bare = await call('/api/me/passkeys/options', { body: {}, cookie: me.session });
    expect(bare.status).toBe(400);
    // An attacker's own passkey cannot make the assertion for this account.
    const attacker = new SoftAuthenticator({ origin });
    await expect(protectionAssertion(me.session, attacker, 'passkeys')).rejects.toThrow();
    // An assertion made for another change does not count.
    const forSettings = await protectionAssertion(me.session, me.authenticator, 'settings');
    const wrongPurpose = await call('/api/me/passkeys/options', { body: forSettings, cookie: me.session });
    expect(errorCode(wrongPurpose)).toBe('ceremony_invalid');

    const laptop = new SoftAuthenticator({ origin });
    const added = await addPasskeyWith(me.session, me.authenticator, laptop, 'Laptop <b>call 0800</b>');
    expect(added.status).toBe(201);
    await expectAnnounced(me, 'passkey_added');
    // No name a user chose goes into the SMS.
    expect((await messagesTo(me.phone)).some((m) => m.text.includes('Laptop'))).toBe(false);
    expect((await auditOf(me.session)).map((e) => e.type)).toContain('passkey_added');
  });

  it('uses a fresh assertion once: the same answer cannot open a second passkey ceremony', async () => {
    const me = await holder();
    const proof = await protectionAssertion(me.session, me.authenticator, 'passkeys');
    expect((await call('/api/me/passkeys/options', { body: proof, cookie: me.session })).status).toBe(200);
    const replay = await call('/api/me/passkeys/options', { body: proof, cookie: me.session });
    expect(errorCode(replay)).toBe('ceremony_invalid');
    // Another account's session cannot use this account's assertion.
    const other = await register(`protect.other.${n}`);
    const mine = await protectionAssertion(me.session, me.authenticator, 'passkeys');
    expect(errorCode(await call('/api/me/passkeys/options', { body: mine, cookie: other.session }))).toBe(
      'ceremony_invalid',
    );
    expect((await openAddPasskey(me.session, me.authenticator)).status).toBe(200);
  });

  it('removes a passkey only after a fresh assertion, and announces it', async () => {
    const me = await holder();
    const laptop = new SoftAuthenticator({ origin });
    expect((await addPasskeyWith(me.session, me.authenticator, laptop)).status).toBe(201);
    const laptopId = laptop.credentialIds()[0] as string;
    const bare = await call(`/api/me/passkeys/${laptopId}/remove`, { body: {}, cookie: me.session });
    expect(bare.status).toBe(400);
    const old = await call(`/api/me/passkeys/${laptopId}`, { method: 'DELETE', cookie: me.session });
    expect(old.status).toBeGreaterThanOrEqual(400);
    expect(old.status).toBeLessThan(500);
    expect((await removePasskeyWith(me.session, me.authenticator, laptopId)).status).toBe(200);
    await expectAnnounced(me, 'passkey_removed');
  });

  it('changes the sign-in settings only after a fresh assertion, and announces it', async () => {
    const me = await holder();
    const bare = await call('/api/me/preferences', {
      method: 'PUT',
      body: { stepUp: 'always', otpChannel: 'sms' },
      cookie: me.session,
    });
    expect(bare.status).toBe(400);
    const prefs = await call<{ preferences: { stepUp: string } }>('/api/me/preferences', { cookie: me.session });
    expect(prefs.body.preferences.stepUp).toBe('risk');
    expect(
      (await savePreferencesWith(me.session, me.authenticator, { stepUp: 'always', otpChannel: 'sms' })).status,
    ).toBe(200);
    await expectAnnounced(me, 'sign_in_settings_changed');
  });

  it('replaces the verified phone only after a fresh assertion, and tells the old phone by SMS', async () => {
    const me = await holder();
    const newPhone = `+44791114100${n}`;
    const start = () =>
      startVerification({ cookie: me.session }, { to: newPhone, channel: 'sms', purpose: 'enrol_phone' });
    const refused = await start();
    expect(refused.status).toBe(403);
    expect(errorCode(refused)).toBe('fresh_assertion_required');
    expect(await messagesTo(newPhone)).toEqual([]);

    const proof = await protectionAssertion(me.session, me.authenticator, 'contact');
    expect((await call('/api/me/contacts/authorize', { body: proof, cookie: me.session })).status).toBe(200);
    const started = await start();
    expect(started.status).toBe(201);
    const checked = await checkVerification({ cookie: me.session }, started.body.id, {
      code: await latestCode(newPhone),
    });
    expect(checked.body.status).toBe('approved');
    const contacts = await call<{ contacts: { phone: string } }>('/api/me/contacts', { cookie: me.session });
    expect(contacts.body.contacts.phone).toBe(newPhone);
    await expectAnnounced(me, 'phone_changed', me.phone);

    // The assertion allowed one change: the next one needs another.
    const again = await startVerification(
      { cookie: me.session },
      { to: `+44791114200${n}`, channel: 'sms', purpose: 'enrol_phone' },
    );
    expect(errorCode(again)).toBe('fresh_assertion_required');
  });
});
