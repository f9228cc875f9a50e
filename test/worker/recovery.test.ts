/**
 * Trusted-contact recovery (issue 5): the first factor, contacts by name, codes bound to the
 * recovery and the contact, the quorum, the waiting period, abort, cancel, limits, enumeration, and
 * the new passkey (with the old ones revoked when asked).
 */
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import { testClock } from '../../worker/core/clock.ts';
import { readSettings } from '../../worker/core/config.ts';
import { SoftAuthenticator } from '../support/authenticator.ts';
import { auditOf, call, errorCode, nameFrom, origin, register, signIn } from './client.ts';
import { enrolPhone, latestCode, messagesTo, otherThan } from './otp-helpers.ts';
import { newSubscription, receivedBy } from './push-client.ts';
import { RecoveringDevice, setUpContacts } from './recovery-helpers.ts';

let n = 0;
/** A customer with a verified phone and three trusted contacts. */
async function holderWithContacts() {
  n += 1;
  const phone = `+4479111281${String(n).padStart(2, '0')}`;
  const contactPhones = [1, 2, 3].map((i) => `+447911129${String(n).padStart(2, '0')}${i}`);
  const person = await register(`holder.${n}`, { displayName: `Holder ${nameFrom(n)}` });
  await enrolPhone(person.session, phone, `198.51.100.${n}`);
  const set = await setUpContacts(person, [
    { name: 'Alice', phone: contactPhones[0] as string },
    { name: 'Bob', phone: contactPhones[1] as string },
    { name: 'Carol', phone: contactPhones[2] as string },
  ]);
  if (set.status !== 201) throw new Error(`contacts: ${set.status} ${JSON.stringify(set.body)}`);
  return { ...person, handle: `holder.${n}`, phone, contactPhones, contacts: set.body.contacts };
}

const recoveryStub = (id: string) => env.RECOVERY.get(env.RECOVERY.idFromString(id));

/**
 * Runs a waiting recovery's alarm with the clock past its waiting period, then puts the clock back:
 * the sessions and passkeys the test goes on to check are judged at the time they were made.
 */
async function endWaiting(id: string) {
  testClock.advance(readSettings(env).recovery.waitMs + 1);
  await runDurableObjectAlarm(recoveryStub(id));
  testClock.reset();
}

afterEach(() => testClock.reset());

describe('recovery', { timeout: 20_000 }, () => {
  it('shows the contacts by name only after the first code, and meets the quorum at exactly 2 codes, not 1', async () => {
    const holder = await holderWithContacts();
    const device = new RecoveringDevice();
    const started = await device.start(holder.handle);
    expect(started.status).toBe(201);
    expect(started.body.recovery).toMatchObject({
      state: 'first_factor',
      contacts: [],
      to: '+44 •••• ••• 101'.replace('101', holder.phone.slice(-3)),
    });
    const view = await device.throughFirstFactor(holder.handle, holder.phone).catch(async () => {
      // throughFirstFactor starts again; here the recovery already exists, so pass its first factor directly.
      return (await device.firstFactor((await latestCode(holder.phone)) as string)).body.recovery;
    });
    expect(view.state).toBe('choose_contacts');
    expect(view.quorum).toBe(2);
    expect(view.contacts.map((c) => c.name)).toEqual(['Alice', 'Bob', 'Carol']);
    expect(JSON.stringify(view.contacts)).not.toContain('+44');

    const chosen = await device.choose(view.contacts.map((c) => c.id));
    expect(chosen.status).toBe(200);
    expect(chosen.body.recovery.state).toBe('collecting');
    const [alice, bob] = holder.contactPhones as [string, string];
    expect((await messagesTo(alice))[0]?.text).toMatch(
      /^Holder [a-j]+ asked you for a code .* First check it is really them/,
    );

    const first = await device.contactCode(view.contacts[0]?.id as string, (await latestCode(alice)) as string);
    expect(first.body).toMatchObject({ outcome: 'approved', recovery: { state: 'collecting', approvals: 1 } });
    const second = await device.contactCode(view.contacts[1]?.id as string, (await latestCode(bob)) as string);
    expect(second.body.recovery).toMatchObject({ state: 'waiting', approvals: 2 });
    const readyAt = Date.parse(second.body.recovery.ready_at as string);
    expect(readyAt - Date.now()).toBeGreaterThan(23 * 3_600_000);
  });

  it('counts the same contact code twice once', async () => {
    const holder = await holderWithContacts();
    const device = new RecoveringDevice();
    const view = await device.throughFirstFactor(holder.handle, holder.phone);
    await device.choose(view.contacts.map((c) => c.id));
    const alice = view.contacts[0]?.id as string;
    const code = (await latestCode(holder.contactPhones[0] as string)) as string;
    await device.contactCode(alice, code);
    const again = await device.contactCode(alice, code);
    expect(again.body.recovery).toMatchObject({ state: 'collecting', approvals: 1 });
  });

  it('refuses a contact code from another recovery, and locks a contact after 5 wrong codes', async () => {
    const holder = await holderWithContacts();
    const one = new RecoveringDevice();
    const two = new RecoveringDevice();
    const viewOne = await one.throughFirstFactor(holder.handle, holder.phone, '198.51.100.210');
    await one.choose(viewOne.contacts.map((c) => c.id));
    const codeForOne = (await latestCode(holder.contactPhones[0] as string)) as string;
    const viewTwo = await two.throughFirstFactor(holder.handle, holder.phone, '198.51.100.211');
    await two.choose(viewTwo.contacts.map((c) => c.id));
    const alice = viewTwo.contacts[0]?.id as string;
    const codeForTwo = (await latestCode(holder.contactPhones[0] as string)) as string;
    if (codeForOne !== codeForTwo) {
      expect((await two.contactCode(alice, codeForOne)).body).toMatchObject({ outcome: 'wrong', tries_left: 4 });
    }
    for (let i = 0; i < 3; i++) await two.contactCode(alice, otherThan(codeForTwo));
    expect((await two.contactCode(alice, otherThan(codeForTwo))).body.outcome).toBe(
      codeForOne !== codeForTwo ? 'locked' : 'wrong',
    );
    if (codeForOne !== codeForTwo) expect((await two.contactCode(alice, codeForTwo)).body.outcome).toBe('locked');
    // Recovery one is unaffected.
    expect((await one.contactCode(viewOne.contacts[0]?.id as string, codeForOne)).body.outcome).toBe('approved');
  });

  it('lets a contact code expire after 15 minutes', async () => {
    const holder = await holderWithContacts();
    const device = new RecoveringDevice();
    const view = await device.throughFirstFactor(holder.handle, holder.phone);
    await device.choose(view.contacts.map((c) => c.id));
    const id = view.id;
    await runInDurableObject(recoveryStub(id), (_o, state) => {
      const row = state.storage.sql
        .exec<{ code_expires_at: number; created_at: number }>('SELECT code_expires_at FROM recovery_contacts LIMIT 1')
        .one();
      expect(row.code_expires_at - Date.now()).toBeGreaterThan(14 * 60_000);
    });
    testClock.advance(15 * 60_000);
    const late = await device.contactCode(
      view.contacts[0]?.id as string,
      (await latestCode(holder.contactPhones[0] as string)) as string,
    );
    expect(late.body.outcome).toBe('expired');
  });

  it('is aborted by a contact who was not asked (link in their SMS), with an incident', async () => {
    const holder = await holderWithContacts();
    const device = new RecoveringDevice();
    const view = await device.throughFirstFactor(holder.handle, holder.phone);
    await device.choose(view.contacts.map((c) => c.id));
    const text = (await messagesTo(holder.contactPhones[2] as string))[0]?.text ?? '';
    const link = /\/recovery\/abort#r=([0-9a-f]{64})&t=([A-Za-z0-9_-]+)/.exec(text);
    expect(link).not.toBeNull();
    expect((await call('/api/recovery/abort', { body: { recovery: link?.[1], token: 'x'.repeat(32) } })).status).toBe(
      404,
    );
    const aborted = await call('/api/recovery/abort', { body: { recovery: link?.[1], token: link?.[2] } });
    expect(aborted.status).toBe(200);
    expect((await device.send()).body.recovery.state).toBe('aborted');
    expect(errorCode(await device.contactCode(view.contacts[0]?.id as string, '123456'))).toBe('recovery_state');
    const incidents = await runInDurableObject(env.INCIDENTS.get(env.INCIDENTS.idFromName('incidents')), (_o, state) =>
      state.storage.sql.exec<{ kind: string; call_id: string }>('SELECT kind, call_id FROM incidents').toArray(),
    );
    expect(incidents).toContainEqual({ kind: 'recovery_aborted', call_id: view.id });
    expect((await auditOf(holder.session)).some((e) => e.type === 'recovery_aborted')).toBe(true);
  });

  it('tells every device and every contact at quorum, and the owner can cancel during the waiting period', async () => {
    const holder = await holderWithContacts();
    const subscription = await newSubscription();
    expect(
      (await call('/api/me/push-subscriptions', { method: 'POST', body: subscription, cookie: holder.session })).status,
    ).toBe(201);
    const device = new RecoveringDevice();
    const view = await device.throughFirstFactor(holder.handle, holder.phone);
    // Only two chosen: the third contact is told at quorum all the same.
    await device.choose(view.contacts.slice(0, 2).map((c) => c.id));
    await device.contactCode(
      view.contacts[0]?.id as string,
      (await latestCode(holder.contactPhones[0] as string)) as string,
    );
    await device.contactCode(
      view.contacts[1]?.id as string,
      (await latestCode(holder.contactPhones[1] as string)) as string,
    );
    for (const phone of holder.contactPhones) {
      expect((await messagesTo(phone))[0]?.text).toMatch(
        /can be recovered on .* If they did not ask you for a code, open http/,
      );
    }
    const pushed = await receivedBy(subscription);
    expect(pushed.messages.map((m) => JSON.parse(m.payload).title)).toContain(
      'Someone is recovering your Countersign account',
    );
    const own = await call<{ recoveries: { id: string; state: string }[] }>('/api/me/recoveries', {
      cookie: holder.session,
    });
    expect(own.body.recoveries).toEqual([expect.objectContaining({ id: view.id, state: 'waiting' })]);

    const canceled = await call(`/api/me/recoveries/${view.id}/cancel`, { method: 'POST', cookie: holder.session });
    expect(canceled.status).toBe(200);
    expect((await device.send()).body.recovery.state).toBe('canceled');
    expect((await device.send('/passkey/options', {})).status).toBe(409);
    // Nobody else can cancel it (or learn of it).
    const stranger = await register('not.the.owner');
    expect(
      (await call(`/api/me/recoveries/${view.id}/cancel`, { method: 'POST', cookie: stranger.session })).status,
    ).toBe(404);
  });

  it('after the waiting period registers a new passkey, signs in, and revokes the old passkeys when asked', async () => {
    const holder = await holderWithContacts();
    const device = new RecoveringDevice();
    const view = await device.throughFirstFactor(holder.handle, holder.phone);
    await device.choose(view.contacts.map((c) => c.id));
    await device.contactCode(
      view.contacts[0]?.id as string,
      (await latestCode(holder.contactPhones[0] as string)) as string,
    );
    await device.contactCode(
      view.contacts[2]?.id as string,
      (await latestCode(holder.contactPhones[2] as string)) as string,
    );
    expect((await device.send('/passkey/options', {})).status).toBe(409);
    await endWaiting(view.id);
    expect((await device.send()).body.recovery.state).toBe('ready');

    const options = await device.send<{ ceremonyId: string; options: Parameters<SoftAuthenticator['register']>[0] }>(
      '/passkey/options',
      {},
    );
    expect(options.status).toBe(200);
    const newDevice = new SoftAuthenticator({ origin });
    const credential = await newDevice.register(options.body.options);
    const done = await device.send<{ account: { id: string }; revokedPasskeys: number }>('/passkey', {
      ceremonyId: options.body.ceremonyId,
      credential,
      revokeOldPasskeys: true,
    });
    expect(done.status).toBe(201);
    expect(done.body.revokedPasskeys).toBe(1);
    expect(done.session).toBeTruthy();
    expect((await signIn(newDevice)).status).toBe(200);
    expect((await signIn(holder.authenticator)).status).toBe(401);
    // The old session ended too, and the recovery is over.
    expect((await call('/api/me', { cookie: holder.session })).status).toBe(401);
    expect((await device.send()).body.recovery.state).toBe('completed');
  });

  it('counts an in-app approval by a contact who has Countersign, made with their own passkey', async () => {
    n += 1;
    const contactPhone = '+447911129901';
    const friend = await register('friend.app', { displayName: 'Fran Friend' });
    await enrolPhone(friend.session, contactPhone, '198.51.100.99');
    const person = await register('holder.app', { displayName: 'Holly Holder' });
    await enrolPhone(person.session, '+447911128999', '198.51.100.98');
    await setUpContacts(person, [
      { name: 'Fran', phone: contactPhone },
      { name: 'Gus', phone: '+447911129902' },
      { name: 'Hal', phone: '+447911129903' },
    ]);
    const device = new RecoveringDevice();
    const view = await device.throughFirstFactor('holder.app', '+447911128999');
    const smsBefore = (await messagesTo(contactPhone)).length;
    await device.choose(view.contacts.map((c) => c.id));
    // Fran gets the request in the app, not a code by SMS; the device is told there is no code to type.
    expect(await messagesTo(contactPhone)).toHaveLength(smsBefore);
    const asked = (await device.send()).body.recovery.contacts;
    expect(asked.map((c) => c.via)).toEqual(['app', 'sms', 'sms']);
    expect(asked[0]?.expires_at).toEqual(expect.any(String));
    const noCode = await device.contactCode(view.contacts[0]?.id as string, '123456');
    expect(noCode.status).toBe(400);
    expect((noCode.body as unknown as { error: { fields: { contact: string } } }).error.fields.contact).toMatch(/app/);
    const requests = await call<{ requests: { recoveryId: string; requesterName: string }[] }>(
      '/api/me/recovery-requests',
      { cookie: friend.session },
    );
    expect(requests.body.requests).toEqual([
      expect.objectContaining({ recoveryId: view.id, requesterName: 'Holly Holder' }),
    ]);
    const opened = await call<{ ceremonyId: string; options: Parameters<SoftAuthenticator['authenticate']>[0] }>(
      `/api/me/recovery-requests/${view.id}/options`,
      { method: 'POST', cookie: friend.session },
    );
    // The holder's own passkey cannot approve in Fran's place.
    const wrongPerson = await person.authenticator
      .authenticate({ ...opened.body.options, allowCredentials: [] })
      .catch(() => null);
    if (wrongPerson) {
      const refused = await call(`/api/me/recovery-requests/${view.id}/approve`, {
        body: { ceremonyId: opened.body.ceremonyId, credential: wrongPerson },
        cookie: friend.session,
      });
      expect(refused.status).toBe(400);
    }
    const again = await call<{ ceremonyId: string; options: Parameters<SoftAuthenticator['authenticate']>[0] }>(
      `/api/me/recovery-requests/${view.id}/options`,
      { method: 'POST', cookie: friend.session },
    );
    const credential = await friend.authenticator.authenticate(again.body.options);
    const approved = await call(`/api/me/recovery-requests/${view.id}/approve`, {
      body: { ceremonyId: again.body.ceremonyId, credential },
      cookie: friend.session,
    });
    expect(approved.status).toBe(200);
    expect((await device.send()).body.recovery.approvals).toBe(1);
    await device.contactCode(view.contacts[1]?.id as string, (await latestCode('+447911129902')) as string);
    expect((await device.send()).body.recovery.state).toBe('waiting');
  });
});

describe('recovery limits and enumeration', { timeout: 20_000 }, () => {
  it('answers an unknown handle or phone exactly like a known one, and its code never checks out', async () => {
    const holder = await holderWithContacts();
    const known = await new RecoveringDevice().start(holder.handle, '198.51.100.220');
    const unknownDevice = new RecoveringDevice();
    const unknown = await unknownDevice.start('nobody.here', '198.51.100.221');
    const unknownPhone = await new RecoveringDevice().start('+447911120000', '198.51.100.222');
    for (const answer of [known, unknown, unknownPhone]) {
      expect(answer.status).toBe(201);
      expect(Object.keys(answer.body.recovery).sort()).toEqual(Object.keys(known.body.recovery).sort());
      expect(answer.body.recovery).toMatchObject({ state: 'first_factor', contacts: [], quorum: 2 });
      expect(answer.body.recovery.to).toMatch(/^\+44 •••• ••• \d{3}$/);
    }
    const wrong = await unknownDevice.firstFactor('123456');
    expect(wrong.body).toMatchObject({ status: 'pending', attempts_left: 4 });
  });

  it('allows 3 recovery attempts per account per day', async () => {
    const holder = await holderWithContacts();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await new RecoveringDevice().start(holder.handle, `198.51.100.${230 + i}`)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    // By phone number it is the same account, so the same limit.
    expect((await new RecoveringDevice().start(holder.phone, '198.51.100.240')).status).toBe(429);
  });

  it('refuses every step to a device without the recovery cookie', async () => {
    const device = new RecoveringDevice();
    expect(errorCode(await device.firstFactor('123456'))).toBe('recovery_not_found');
    expect(errorCode(await device.send('/passkey/options', {}))).toBe('recovery_state');
    expect((await call('/api/recovery', { body: { identifier: '' } })).status).toBe(400);
  });
});
