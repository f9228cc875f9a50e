/**
 * Invariant (trusted-contact recovery; "every effect carries its proof"): a contact's in-app
 * approval is made with their own passkey, on a ceremony opened for that one recovery; it cannot
 * approve another recovery. Issue 9, "tests that are missing".
 */
import { describe, expect, it } from 'vitest';
import type { SoftAuthenticator } from '../../support/authenticator.ts';
import { call, errorCode, nameFrom, register } from '../client.ts';
import { enrolPhone } from '../otp-helpers.ts';
import { RecoveringDevice, setUpContacts } from '../recovery-helpers.ts';

type Opened = { ceremonyId: string; options: Parameters<SoftAuthenticator['authenticate']>[0] };
const friendPhone = '+447911149901';

/** A holder who named the friend (who uses Countersign) among three contacts, and is recovering. */
async function recoveringHolder(n: number) {
  const phone = `+44791114880${n}`;
  const person = await register(`ra.holder.${n}`, { displayName: `Holder ${nameFrom(n)}` });
  await enrolPhone(person.session, phone, `198.51.102.${n}`);
  const set = await setUpContacts(person, [
    { name: 'Fran', phone: friendPhone },
    { name: 'Gus', phone: `+4479111499${n}1` },
    { name: 'Hal', phone: `+4479111499${n}2` },
  ]);
  if (set.status !== 201) throw new Error(`contacts: ${set.status} ${JSON.stringify(set.body)}`);
  const device = new RecoveringDevice();
  const view = await device.throughFirstFactor(`ra.holder.${n}`, phone, `198.51.102.${100 + n}`);
  await device.choose(view.contacts.map((c) => c.id));
  return { device, id: view.id };
}

describe('in-app recovery approvals', { timeout: 30_000 }, () => {
  it('an approval opened for one recovery cannot approve another', async () => {
    const friend = await register('ra.friend', { displayName: 'Fran Friend' });
    await enrolPhone(friend.session, friendPhone, '198.51.102.99');
    const one = await recoveringHolder(1);
    const two = await recoveringHolder(2);
    const requests = await call<{ requests: { recoveryId: string }[] }>('/api/me/recovery-requests', {
      cookie: friend.session,
    });
    expect(requests.body.requests.map((r) => r.recoveryId).sort()).toEqual([one.id, two.id].sort());

    const open = (id: string) =>
      call<Opened>(`/api/me/recovery-requests/${id}/options`, { method: 'POST', cookie: friend.session });
    const approve = (id: string, body: unknown) =>
      call(`/api/me/recovery-requests/${id}/approve`, { body, cookie: friend.session });

    const forOne = await open(one.id);
    expect(forOne.status).toBe(200);
    const credential = await friend.authenticator.authenticate(forOne.body.options);
    const crossed = await approve(two.id, { ceremonyId: forOne.body.ceremonyId, credential });
    expect(crossed.status).toBe(400);
    expect(errorCode(crossed)).toBe('ceremony_invalid');
    expect((await two.device.send()).body.recovery.approvals).toBe(0);
    expect((await one.device.send()).body.recovery.approvals).toBe(0);

    // Each recovery is approved by a ceremony of its own.
    const forTwo = await open(two.id);
    const own = await approve(two.id, {
      ceremonyId: forTwo.body.ceremonyId,
      credential: await friend.authenticator.authenticate(forTwo.body.options),
    });
    expect(own.status).toBe(200);
    expect((await two.device.send()).body.recovery.approvals).toBe(1);
    expect((await one.device.send()).body.recovery.approvals).toBe(0);
  });
});
