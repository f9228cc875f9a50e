/** Nominating trusted contacts (issue 5): fresh passkey, 3 to 5, told by SMS, changes limited and announced. */

import { afterEach, describe, expect, it } from 'vitest';
import { protectionChangeSms } from '../../shared/protection.ts';
import { testClock } from '../../worker/core/clock.ts';
import { auditOf, call, errorCode, register, signIn } from './client.ts';
import { enrolPhone, messagesTo } from './otp-helpers.ts';
import { newSubscription, receivedBy } from './push-client.ts';
import { contactsAssertion, setUpContacts } from './recovery-helpers.ts';

const three = (base: string) => [
  { name: 'Alice', phone: `${base}1` },
  { name: 'Bob', phone: `${base}2` },
  { name: 'Carol', phone: `${base}3` },
];

afterEach(() => testClock.reset());

describe('trusted contacts', { timeout: 20_000 }, () => {
  it('are set up with a fresh passkey assertion, and each contact is told by SMS who named them and what to do', async () => {
    const me = await register('tc.one', { displayName: 'Tess One' });
    const contacts = three('+44791113001');
    const withoutAssertion = await call('/api/me/trusted-contacts/setup', { body: { contacts }, cookie: me.session });
    expect(withoutAssertion.status).toBe(400);
    const forged = await call('/api/me/trusted-contacts/setup', {
      body: { contacts, ceremonyId: 'a'.repeat(64), credential: (await contactsAssertion(me)).credential },
      cookie: me.session,
    });
    expect(errorCode(forged)).toBe('ceremony_invalid');

    const set = await setUpContacts(me, contacts);
    expect(set.status).toBe(201);
    expect(set.body.contacts.map((c) => c.name)).toEqual(['Alice', 'Bob', 'Carol']);
    for (const c of contacts) {
      expect((await messagesTo(c.phone))[0]?.text).toMatch(
        /^Tess One named you as a trusted contact .* first check it is really them: call them back/,
      );
    }
    expect((await auditOf(me.session)).some((e) => e.type === 'contacts_set_up')).toBe(true);
    expect(errorCode(await setUpContacts(me, three('+44791113009')))).toBe('contacts_set_up_already');
  });

  it('must be 3 to 5 people with numbers of their own, never the holder', async () => {
    const me = await register('tc.two');
    await enrolPhone(me.session, '+447911130200');
    const two = three('+44791113002').slice(0, 2);
    expect((await setUpContacts(me, two)).status).toBe(400);
    const six = [...three('+44791113003'), ...three('+44791113004')];
    expect((await setUpContacts(me, six)).status).toBe(400);
    const dup = [...three('+44791113005').slice(0, 2), { name: 'Dup', phone: '+447911130051' }];
    const duplicate = await setUpContacts(me, dup);
    expect(duplicate.status).toBe(400);
    expect(
      (duplicate.body as unknown as { error: { fields: Record<string, string> } }).error.fields['contacts.2.phone'],
    ).toMatch(/own/);
    const bad = await setUpContacts(me, [{ name: 'X', phone: '12' }, ...three('+44791113006').slice(0, 2)]);
    expect(Object.keys((bad.body as unknown as { error: { fields: object } }).error.fields)).toContain(
      'contacts.0.phone',
    );
    const self = await setUpContacts(me, [
      { name: 'Me', phone: '+447911130200' },
      ...three('+44791113007').slice(0, 2),
    ]);
    expect(self.status).toBe(400);
    expect(
      (await call<{ contacts: unknown[] }>('/api/me/trusted-contacts', { cookie: me.session })).body.contacts,
    ).toEqual([]);
  });

  it('change at most once a day after the set-up, never below 3, and every change is announced on every device and by SMS', async () => {
    const me = await register('tc.three', { displayName: 'Theo Three' });
    await enrolPhone(me.session, '+447911130300');
    const subscription = await newSubscription();
    await call('/api/me/push-subscriptions', { method: 'POST', body: subscription, cookie: me.session });
    const set = await setUpContacts(me, three('+44791113008'));
    const add = async (name: string, phone: string) =>
      call<{ contact: { id: string } }>('/api/me/trusted-contacts', {
        body: { contact: { name, phone }, ...(await contactsAssertion(me)) },
        cookie: me.session,
      });
    const remove = async (id: string) =>
      call(`/api/me/trusted-contacts/${id}/remove`, { body: await contactsAssertion(me), cookie: me.session });

    expect(errorCode(await remove(set.body.contacts[0]?.id as string))).toBe('contacts_limit');
    const added = await add('Dan', '+447911130084');
    expect(added.status).toBe(201);
    expect((await messagesTo('+447911130084'))[0]?.text).toMatch(/^Theo Three named you/);
    // Fixed wording: the contact's name (chosen by the holder) stays out of the announcement.
    expect((await messagesTo('+447911130300'))[0]?.text).toBe(protectionChangeSms('contact_added', 'Countersign'));
    expect((await receivedBy(subscription)).messages.map((m) => JSON.parse(m.payload).title)).toContain(
      'Your account security changed',
    );

    const tooSoon = await remove(set.body.contacts[0]?.id as string);
    expect(tooSoon.status).toBe(429);
    expect(errorCode(tooSoon)).toBe('contact_change_too_soon');
    expect(Number(tooSoon.headers.get('Retry-After'))).toBeGreaterThan(23 * 3600);
    const listed = await call<{ nextChangeAt: number | null }>('/api/me/trusted-contacts', { cookie: me.session });
    expect(listed.body.nextChangeAt).toBeGreaterThan(Date.now() + 23 * 3_600_000);

    // A day later; yesterday's session is past its 12 hours, so the holder signs in again.
    testClock.advance(86_400_001);
    const again = await signIn(me.authenticator);
    if (!again.session) throw new Error(`sign-in a day later: ${again.status} ${JSON.stringify(again.body)}`);
    me.session = again.session;
    expect((await remove(set.body.contacts[0]?.id as string)).status).toBe(200);
    const types = (await auditOf(me.session)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['contact_added', 'contact_removed']));
  });

  it('are for customers only', async () => {
    const { staff } = await import('./call-helpers.ts');
    const { agent } = await staff('tc.agent');
    expect((await call('/api/me/trusted-contacts', { cookie: agent.session })).status).toBe(403);
  });
});
