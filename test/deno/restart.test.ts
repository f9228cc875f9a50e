/**
 * The Deno server loses nothing when its process dies: a call and a recovery carry on after a
 * SIGKILL and a start on the same data folder, and an expiry that was pending still fires. Deno
 * only (workerd's restarts are Cloudflare's). The steps are the worker suite's own helpers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveMessage } from '../../shared/calls.ts';
import { SoftAuthenticator } from '../support/authenticator.ts';
import {
  checkAgentCode,
  checkCustomerCode,
  confirm,
  openSocket,
  type Person,
  staff,
  startCall,
  viewCall,
} from '../worker/call-helpers.ts';
import { call, origin, register, signIn } from '../worker/client.ts';
import { enrolPhone, latestCode } from '../worker/otp-helpers.ts';
import { RecoveringDevice, setUpContacts } from '../worker/recovery-helpers.ts';
import { RestartableServer } from './restartable.ts';
import { useServer } from './worker-under-test.ts';

const server = new RestartableServer();
const minutes = 60_000;

beforeAll(async () => {
  await server.start();
  useServer(server.url);
}, 30_000);

afterAll(async () => {
  useServer(null);
  await server.stop();
});

describe('a restart of the Deno process', { timeout: 60_000 }, () => {
  let agent: Person;
  beforeAll(async () => {
    agent = (await staff()).agent;
  }, 30_000);

  it('loses nothing in the middle of a call: codes, tries and sessions carry on, and sockets reconnect', async () => {
    const customer = await register('restart.customer', { displayName: 'Rita Restart' });
    const id = await startCall(agent, 'restart.customer');
    const socket = await openSocket(`/api/calls/${id}/live`, agent.session);
    await socket.next((m: LiveMessage) => m.type === 'call');
    const closed = new Promise((resolve) => socket.ws.addEventListener('close', resolve));
    const { code } = (await confirm(customer, id)).body;
    const wrong = await checkCustomerCode(agent, id, String((Number(code) + 1) % 1_000_000).padStart(6, '0'));
    expect(wrong.body).toMatchObject({ outcome: 'mismatch' });

    await server.restart();
    await closed; // the old socket died with the process

    const again = await openSocket(`/api/calls/${id}/live`, agent.session);
    expect(await again.next((m) => m.type === 'call')).toMatchObject({ call: { state: 'customer_code_issued' } });
    const right = await checkCustomerCode(agent, id, code);
    expect(right.status).toBe(200);
    expect(right.body.triesLeft).toBe(3);
    await server.restart();
    expect((await checkAgentCode(customer, id, right.body.agentCode as string)).body).toMatchObject({
      outcome: 'matched',
    });
    expect((await viewCall(agent, id)).body.call.state).toBe('verified');
  });

  it('still fires an expiry that was pending when the process died', async () => {
    await register('restart.expiry', { displayName: 'Evan Expiry' });
    const id = await startCall(agent, 'restart.expiry');
    expect((await viewCall(agent, id)).body.call.state).toBe('awaiting_customer');
    await server.kill();
    await server.start();
    await server.advance(4 * minutes);
    expect((await viewCall(agent, id)).body.call.state).toBe('awaiting_customer');
    await server.advance(2 * minutes); // past the 5-minute call TTL: the alarm runs
    const after = await viewCall(agent, id);
    expect(after.status).toBe(404);
  });

  it('loses nothing in the middle of a recovery, and its waiting period still ends', async () => {
    const holder = await register('restart.holder', { displayName: 'Hana Holder' });
    await enrolPhone(holder.session, '+447911128801', '198.51.100.81');
    const phones = ['+447911129811', '+447911129812', '+447911129813'];
    const set = await setUpContacts(holder, [
      { name: 'Alice', phone: phones[0] as string },
      { name: 'Bob', phone: phones[1] as string },
      { name: 'Carol', phone: phones[2] as string },
    ]);
    expect(set.status).toBe(201);
    const device = new RecoveringDevice();
    const view = await device.throughFirstFactor('restart.holder', '+447911128801');
    await device.choose(view.contacts.map((c) => c.id));
    const first = await device.contactCode(
      view.contacts[0]?.id as string,
      (await latestCode(phones[0] as string)) as string,
    );
    expect(first.body.recovery.approvals).toBe(1);

    await server.restart();
    const second = await device.contactCode(
      view.contacts[1]?.id as string,
      (await latestCode(phones[1] as string)) as string,
    );
    expect(second.body.recovery).toMatchObject({ state: 'waiting', approvals: 2 });

    await server.restart();
    await server.advance(23 * 60 * minutes);
    expect((await device.send()).body.recovery.state).toBe('waiting');
    await server.advance(61 * minutes); // past the 24-hour wait: the alarm makes it ready
    expect((await device.send()).body.recovery.state).toBe('ready');

    const options = await device.send<{ ceremonyId: string; options: Parameters<SoftAuthenticator['register']>[0] }>(
      '/passkey/options',
      {},
    );
    const newDevice = new SoftAuthenticator({ origin });
    const credential = await newDevice.register(options.body.options);
    const done = await device.send('/passkey', {
      ceremonyId: options.body.ceremonyId,
      credential,
      revokeOldPasskeys: true,
    });
    expect(done.status).toBe(201);
    expect((await signIn(newDevice)).status).toBe(200);
    expect((await call('/api/me', { cookie: holder.session })).status).toBe(401);
  });
});
