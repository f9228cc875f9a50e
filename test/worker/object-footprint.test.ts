/**
 * Storage per live object (issue 14: thousands of live objects must fit): the SQLite database of a
 * live verification, call, recovery and account, measured with `sql.databaseSize`, and held under
 * a bound so that a schema or a row that grows unnoticed fails here. The figures go to the log for
 * docs/performance.md.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { staff, startCall } from './call-helpers.ts';
import { register } from './client.ts';
import { customerWithPhone, issueKey, startVerification } from './otp-helpers.ts';
import { RecoveringDevice, setUpContacts } from './recovery-helpers.ts';

const sizeOf = (stub: DurableObjectStub) =>
  runInDurableObject(stub, (_o, state) => state.storage.sql.databaseSize as number);

const kib = 1024;
const sizes: Record<string, number> = {};

let key: string;
let agent: Awaited<ReturnType<typeof staff>>['agent'];
beforeAll(async () => {
  const people = await staff('foot.agent');
  agent = people.agent;
  key = (await issueKey(people.admin, ['verifications'])).key;
});

describe('storage per live object', () => {
  it('keeps a live verification within 64 KiB', async () => {
    const me = await customerWithPhone('foot.print', '+447911126001');
    const started = await startVerification({ key }, { account: me.handle, channel: 'sms', purpose: 'sign_in' });
    sizes.verification = await sizeOf(env.VERIFICATION.get(env.VERIFICATION.idFromString(started.body.id)));
    sizes.account = await sizeOf(env.ACCOUNT.get(env.ACCOUNT.idFromString(me.account.id)));
    expect(sizes.verification).toBeLessThanOrEqual(64 * kib);
    // An account with a passkey, a session, a verified phone and its audit events.
    expect(sizes.account).toBeLessThanOrEqual(256 * kib);
  });

  it('keeps a live call within 64 KiB', async () => {
    await register('foot.caller');
    const callId = await startCall(agent, 'foot.caller');
    sizes.call = await sizeOf(env.CALL.get(env.CALL.idFromString(callId)));
    expect(sizes.call).toBeLessThanOrEqual(64 * kib);
  });

  it('keeps a live recovery within 64 KiB', async () => {
    const holder = await customerWithPhone('foot.holder', '+447911126002');
    const set = await setUpContacts(holder, [
      { name: 'Alice', phone: '+447911126011' },
      { name: 'Bob', phone: '+447911126012' },
      { name: 'Carol', phone: '+447911126013' },
    ]);
    expect(set.status).toBe(201);
    const device = new RecoveringDevice();
    const view = await device.throughFirstFactor(holder.handle, holder.phone, '198.51.100.77');
    sizes.recovery = await sizeOf(env.RECOVERY.get(env.RECOVERY.idFromString(view.id)));
    expect(sizes.recovery).toBeLessThanOrEqual(64 * kib);
    console.log(`storage per live object (bytes): ${JSON.stringify(sizes)}`);
  });
});
