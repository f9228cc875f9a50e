/**
 * Invariant (trusted-contact recovery, DESIGN.md): a recovery is driven only by the device that
 * started it (its `__Host-recovery` cookie: recovery id and a 256-bit token, stored hashed), and
 * only the account holder can cancel it. Issue 9, "tests that are missing".
 */
import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import { testClock } from '../../../worker/core/clock.ts';
import { randomToken } from '../../../worker/core/random.ts';
import { SoftAuthenticator } from '../../support/authenticator.ts';
import { call, errorCode, nameFrom, origin, register } from '../client.ts';
import { enrolPhone, latestCode } from '../otp-helpers.ts';
import { RecoveringDevice, setUpContacts } from '../recovery-helpers.ts';

let n = 0;
/** A customer with a verified phone and three trusted contacts. */
async function holderWithContacts() {
  n += 1;
  const phone = `+4479111381${String(n).padStart(2, '0')}`;
  const contactPhones = [1, 2, 3].map((i) => `+447911139${String(n).padStart(2, '0')}${i}`);
  const handle = `rc.holder.${n}`;
  const person = await register(handle, { displayName: `Holder ${nameFrom(n)}` });
  await enrolPhone(person.session, phone, `198.51.101.${n}`);
  const names = ['Alice', 'Bob', 'Carol'];
  const set = await setUpContacts(
    person,
    names.map((name, i) => ({ name, phone: contactPhones[i] as string })),
  );
  if (set.status !== 201) throw new Error(`contacts: ${set.status} ${JSON.stringify(set.body)}`);
  return { ...person, handle, phone, contactPhones };
}

/** A device that knows the recovery's id but not its token. */
function forgerOf(device: RecoveringDevice) {
  const forger = new RecoveringDevice();
  const id = (device.cookie as string).split('.')[0] as string;
  forger.cookie = `${id}.${randomToken(32)}`;
  expect(forger.cookie).toMatch(/^[0-9a-f]{64}\.[A-Za-z0-9_-]{43}$/);
  return forger;
}

const recoveryStub = (id: string) => env.RECOVERY.get(env.RECOVERY.idFromString(id));
const hours = (h: number) => h * 3_600_000;

afterEach(() => testClock.reset());

describe('recovery cookies', { timeout: 30_000 }, () => {
  it('refuses a cookie with the right recovery id and a wrong token at every step', async () => {
    const holder = await holderWithContacts();
    const device = new RecoveringDevice();
    expect((await device.start(holder.handle)).status).toBe(201);
    const forger = forgerOf(device);
    const firstCode = (await latestCode(holder.phone)) as string;

    expect(errorCode(await forger.send())).toBe('recovery_not_found');
    expect(errorCode(await forger.firstFactor(firstCode))).toBe('recovery_not_found');
    const view = (await device.firstFactor(firstCode)).body.recovery;
    expect(view.state).toBe('choose_contacts');

    const ids = view.contacts.map((c) => c.id);
    expect(errorCode(await forger.choose(ids))).toBe('recovery_not_found');
    expect((await device.send()).body.recovery.state).toBe('choose_contacts');
    await device.choose(ids);

    const codes = await Promise.all(holder.contactPhones.map(async (p) => (await latestCode(p)) as string));
    expect(errorCode(await forger.contactCode(ids[0] as string, codes[0] as string))).toBe('recovery_not_found');
    expect((await device.send()).body.recovery.approvals).toBe(0);
    await device.contactCode(ids[0] as string, codes[0] as string);
    await device.contactCode(ids[1] as string, codes[1] as string);
    expect((await device.send()).body.recovery.state).toBe('waiting');

    // Past the waiting period (moved on the one clock), the recovery is ready.
    testClock.advance(hours(24) + 1000);
    await runDurableObjectAlarm(recoveryStub(view.id));
    expect((await device.send()).body.recovery.state).toBe('ready');

    expect(errorCode(await forger.send('/passkey/options', {}))).toBe('recovery_state');
    type Options = { ceremonyId: string; options: Parameters<SoftAuthenticator['register']>[0] };
    const options = await device.send<Options>('/passkey/options', {});
    expect(options.status).toBe(200);
    const attacker = new SoftAuthenticator({ origin });
    const credential = await attacker.register(options.body.options);
    const body = { ceremonyId: options.body.ceremonyId, credential, revokeOldPasskeys: true };
    const stolen = await forger.send('/passkey', body);
    expect(errorCode(stolen)).toBe('recovery_state');
    expect(stolen.session).toBeNull();
    expect((await device.send()).body.recovery.state).toBe('ready');
  });
});

describe('cancelling a recovery', { timeout: 30_000 }, () => {
  it('another signed-in account cannot cancel it; the owner can', async () => {
    const holder = await holderWithContacts();
    const device = new RecoveringDevice();
    const view = await device.throughFirstFactor(holder.handle, holder.phone, '198.51.101.200');
    await device.choose(view.contacts.map((c) => c.id));
    for (const [i, contact] of view.contacts.slice(0, 2).entries())
      await device.contactCode(contact.id, (await latestCode(holder.contactPhones[i] as string)) as string);
    expect((await device.send()).body.recovery.state).toBe('waiting');

    const stranger = await register('rc.stranger');
    const cancel = (session: string) =>
      call(`/api/me/recoveries/${view.id}/cancel`, { method: 'POST', cookie: session });
    expect(errorCode(await cancel(stranger.session))).toBe('recovery_not_found');
    expect((await device.send()).body.recovery.state).toBe('waiting');
    // Nor can it learn of the recovery.
    const listed = await call<{ recoveries: unknown[] }>('/api/me/recoveries', { cookie: stranger.session });
    expect(listed.body.recoveries).toEqual([]);

    expect((await cancel(holder.session)).status).toBe(200);
    expect((await device.send()).body.recovery.state).toBe('canceled');
  });
});
