/**
 * Issue 9, hole 7: a recovery completes once. The recovering device claims the completion in the
 * Recovery object before any await; the Account asks that object before adding the passkey; an
 * owner's cancel between `ready` and the passkey always wins.
 */
import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { testClock } from '../../../worker/core/clock.ts';
import { readSettings } from '../../../worker/core/config.ts';
import { sha256Hex } from '../../../worker/core/hash.ts';
import { SoftAuthenticator } from '../../support/authenticator.ts';
import { call, nameFrom, origin, register } from '../client.ts';
import { directCall } from '../direct-call.ts';
import { enrolPhone, latestCode } from '../otp-helpers.ts';
import { RecoveringDevice, setUpContacts } from '../recovery-helpers.ts';

type RegisterOptions = Parameters<SoftAuthenticator['register']>[0];
const recoveryStub = (id: string) => env.RECOVERY.get(env.RECOVERY.idFromString(id));
const accountStub = (id: string) => env.ACCOUNT.get(env.ACCOUNT.idFromString(id));

let n = 0;
/** A holder whose recovery, from a new device, is ready for the new passkey. */
async function readyRecovery() {
  n += 1;
  const phone = `+44791113000${n}`;
  const contactPhones = [1, 2, 3].map((i) => `+4479111310${n}${i}`);
  const holder = await register(`claim.${n}`, { displayName: `Claim ${nameFrom(n)}` });
  await enrolPhone(holder.session, phone, `198.51.100.${n}`);
  await setUpContacts(holder, [
    { name: 'Alice', phone: contactPhones[0] as string },
    { name: 'Bob', phone: contactPhones[1] as string },
    { name: 'Carol', phone: contactPhones[2] as string },
  ]);
  const device = new RecoveringDevice();
  const view = await device.throughFirstFactor(`claim.${n}`, phone);
  await device.choose(view.contacts.map((c) => c.id));
  for (const i of [0, 1]) {
    await device.contactCode(view.contacts[i]?.id as string, (await latestCode(contactPhones[i] as string)) as string);
  }
  // The alarm runs with the clock past the waiting period; then the clock is back (the sessions stay live).
  testClock.advance(readSettings(env).recovery.waitMs + 1);
  await runDurableObjectAlarm(recoveryStub(view.id));
  testClock.reset();
  expect((await device.send()).body.recovery.state).toBe('ready');
  return { holder, device, recoveryId: view.id };
}

async function newPasskey(device: RecoveringDevice) {
  const options = await device.send<{ ceremonyId: string; options: RegisterOptions }>('/passkey/options', {});
  expect(options.status).toBe(200);
  const authenticator = new SoftAuthenticator({ origin });
  const credential = await authenticator.register(options.body.options);
  return { ceremonyId: options.body.ceremonyId, credential, revokeOldPasskeys: false };
}

describe('recovery completion is claimed once', { timeout: 30_000 }, () => {
  it('registers one passkey when two completions race', async () => {
    const { holder, device } = await readyRecovery();
    const [first, second] = [await newPasskey(device), await newPasskey(device)];
    const answers = await Promise.all([device.send('/passkey', first), device.send('/passkey', second)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const passkeys = await accountStub(holder.account.id).passkeys();
    expect(passkeys).toHaveLength(2);
    expect(passkeys.filter((p) => p.name === 'Recovered device')).toHaveLength(1);
    expect((await device.send()).body.recovery.state).toBe('completed');
  });

  it('lets the owner cancel between the claim and the passkey: the cancel wins, no passkey is added', async () => {
    const { holder, device, recoveryId } = await readyRecovery();
    const { credential } = await newPasskey(device);
    const token = (device.cookie as string).split('.')[1] as string;
    const recovery = recoveryStub(recoveryId);
    // The route's first step: the claim (as if the owner's cancel then arrives before the Account is asked).
    expect(await recovery.claimCompletion(await sha256Hex(token), credential.id)).toMatchObject({ ok: true });
    const canceled = await call(`/api/me/recoveries/${recoveryId}/cancel`, { body: {}, cookie: holder.session });
    expect(canceled.status).toBe(200);
    const finished = await accountStub(holder.account.id).finishRecovery(
      {
        id: credential.id,
        publicKey: new Uint8Array([1, 2, 3]),
        counter: 0,
        transports: ['internal'],
        deviceType: 'singleDevice',
        backedUp: false,
      },
      true,
      recoveryId,
      directCall,
    );
    expect(finished).toEqual({ ok: false, reason: 'not_approved' });
    expect(await accountStub(holder.account.id).passkeys()).toHaveLength(1);
    expect((await device.send()).body.recovery.state).toBe('canceled');
  });

  it('refuses the passkey once the owner canceled a ready recovery', async () => {
    const { holder, device, recoveryId } = await readyRecovery();
    const body = await newPasskey(device);
    expect((await call(`/api/me/recoveries/${recoveryId}/cancel`, { body: {}, cookie: holder.session })).status).toBe(
      200,
    );
    const late = await device.send('/passkey', body);
    expect(late.status).toBe(409);
    expect(await accountStub(holder.account.id).passkeys()).toHaveLength(1);
    expect((await call('/api/me', { cookie: holder.session })).status).toBe(200);
  });
});
