/**
 * DESIGN.md, "staff can be removed": an admin disables an agent or admin (after a fresh passkey
 * assertion): every session ends at once, the passkeys no longer sign in, calls in progress are
 * cancelled, both accounts log it; the last enabled admin cannot be disabled; enabling restores
 * sign-in. Issuing an admin invite or an API key needs a fresh assertion too.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffView } from '../../../worker/objects/staff-directory.ts';
import { type Person, staff, startCall, viewCall } from '../call-helpers.ts';
import { call, errorCode, nameFrom, register, signIn } from '../client.ts';
import { directCall } from '../direct-call.ts';
import { staffAssertion } from '../otp-helpers.ts';

let admin: Person;
let agent: Person;
let customer: Person;
const accountStub = (id: string) => env.ACCOUNT.get(env.ACCOUNT.idFromString(id));
const directory = () => env.STAFF.get(env.STAFF.idFromName('staff'));

const listStaff = async (session = admin.session) =>
  (await call<{ staff: StaffView[] }>('/api/admin/staff', { cookie: session })).body.staff;

async function setAccess(by: Person, target: string, action: 'disable' | 'enable') {
  return call<{ staff: StaffView }>(`/api/admin/staff/${target}/${action}`, {
    body: await staffAssertion(by, 'access'),
    cookie: by.session,
  });
}

async function invite(by: Person, role: 'agent' | 'admin', handle: string) {
  const body = role === 'agent' ? { role, team: 'Payments' } : { role, ...(await staffAssertion(by, 'invite')) };
  const issued = await call<{ code: string }>('/api/admin/invites', { body, cookie: by.session });
  expect(issued.status).toBe(201);
  return (await register(handle, { displayName: `Staff ${nameFrom(handle)}`, inviteCode: issued.body.code })) as Person;
}

beforeAll(async () => {
  ({ admin, agent } = (await staff('anna.k')) as unknown as { admin: Person; agent: Person });
  customer = (await register('cal.customer', { displayName: 'Cal Customer' })) as Person;
});

describe('staff can be removed', { timeout: 30_000 }, () => {
  it('lists agents and admins with their team and last sign-in, never customers', async () => {
    expect((await signIn(agent.authenticator)).status).toBe(200);
    const listed = await listStaff();
    expect(listed.map((s) => [s.handle, s.role, s.team, s.enabled])).toEqual([
      ['first.admin', 'admin', null, true],
      ['anna.k', 'agent', 'Fraud team', true],
    ]);
    expect(listed.find((s) => s.handle === 'anna.k')?.lastSignInAt).toEqual(expect.any(Number));
    expect((await call('/api/admin/staff', { cookie: agent.session })).status).toBe(403);
    expect((await call('/api/admin/staff', { cookie: customer.session })).status).toBe(403);
  });

  it('disables an agent: sessions end, passkeys no longer sign in, calls in progress are cancelled, both logs say so', async () => {
    const leaver = await invite(admin, 'agent', 'leaving.agent');
    const callId = await startCall(leaver, 'cal.customer');
    const disabled = await setAccess(admin, leaver.account.id, 'disable');
    expect(disabled.status).toBe(200);
    expect(disabled.body.staff).toMatchObject({ enabled: false, disabledAt: expect.any(Number) });

    expect((await call('/api/me', { cookie: leaver.session })).status).toBe(401);
    expect((await call('/api/agent/console', { cookie: leaver.session })).status).toBe(401);
    expect((await signIn(leaver.authenticator)).status).toBe(401);
    expect((await viewCall(customer, callId)).body.call.state).toBe('canceled');

    const leaverLog = (await accountStub(leaver.account.id).auditLog(10)).map((e) => e.type);
    expect(leaverLog).toContain('disabled_by_admin');
    expect(leaverLog).toContain('sign_in_failed');
    const adminLog = await accountStub(admin.account.id).auditLog(10);
    expect(adminLog.find((e) => e.type === 'staff_disabled')?.detail).toMatchObject({
      staff: leaver.account.id,
      handle: 'leaving.agent',
    });
  });

  it('enables a staff member again: their passkey signs in again', async () => {
    const back = await invite(admin, 'agent', 'back.agent');
    expect((await setAccess(admin, back.account.id, 'disable')).status).toBe(200);
    expect((await signIn(back.authenticator)).status).toBe(401);
    const enabled = await setAccess(admin, back.account.id, 'enable');
    expect(enabled.status).toBe(200);
    expect(enabled.body.staff.enabled).toBe(true);
    const again = await signIn(back.authenticator);
    expect(again.status).toBe(200);
    expect((await call('/api/agent/console', { cookie: again.session as string })).status).toBe(200);
    expect((await accountStub(back.account.id).auditLog(5)).map((e) => e.type)).toContain('enabled_by_admin');
    expect((await accountStub(admin.account.id).auditLog(5)).map((e) => e.type)).toContain('staff_enabled');
  });

  it('never disables the last enabled admin, even when two admins disable each other at once', async () => {
    const second = await invite(admin, 'admin', 'second.admin');
    // Each admin's own assertion, then both requests at once: one wins, the other is refused.
    const [a, b] = await Promise.all([
      (async () =>
        call(`/api/admin/staff/${second.account.id}/disable`, {
          body: await staffAssertion(admin, 'access'),
          cookie: admin.session,
        }))(),
      (async () =>
        call(`/api/admin/staff/${admin.account.id}/disable`, {
          body: await staffAssertion(second, 'access'),
          cookie: second.session,
        }))(),
    ]);
    expect([a.status, b.status].filter((s) => s === 200)).toHaveLength(1);
    const enabledAdmins = (await listStaff(a.status === 200 ? admin.session : second.session)).filter(
      (s) => s.role === 'admin' && s.enabled,
    );
    expect(enabledAdmins).toHaveLength(1);
    const last = enabledAdmins[0]?.id === admin.account.id ? admin : second;
    // Called directly on the directory with a valid assertion: the last admin stays.
    const proof = await staffAssertion(last, 'access');
    const asserted = await env.PASSKEY_CHALLENGE.get(env.PASSKEY_CHALLENGE.idFromString(proof.ceremonyId)).assert(
      'staff_access',
      last.account.id,
      // biome-ignore lint/suspicious/noExplicitAny: the assertion JSON as the browser sends it
      proof.credential as any,
    );
    expect(asserted.ok).toBe(true);
    expect(await directory().setAccess(last.account.id, false, last.account.id, proof.ceremonyId, directCall)).toEqual({
      ok: false,
      reason: 'last_admin',
    });
    const self = await setAccess(last, last.account.id, 'disable');
    expect(self.status).toBe(400);
    // Put the first admin back for the tests that follow.
    if (last !== admin) {
      expect((await setAccess(last, admin.account.id, 'enable')).status).toBe(200);
      admin.session = (await signIn(admin.authenticator)).session as string;
    }
  });

  it('needs the admin’s fresh passkey assertion to disable, to invite an admin and to issue an API key', async () => {
    const target = await invite(admin, 'agent', 'target.agent');
    const bare = await call(`/api/admin/staff/${target.account.id}/disable`, { body: {}, cookie: admin.session });
    expect(bare.status).toBe(400);
    const forInvite = await staffAssertion(admin, 'invite');
    const wrong = await call(`/api/admin/staff/${target.account.id}/disable`, {
      body: forInvite,
      cookie: admin.session,
    });
    expect(errorCode(wrong)).toBe('ceremony_invalid');
    // Directly on the directory, without a passed assertion.
    expect(await directory().setAccess(target.account.id, false, admin.account.id, 'f'.repeat(64), directCall)).toEqual(
      {
        ok: false,
        reason: 'no_proof',
      },
    );
    expect((await listStaff()).find((s) => s.id === target.account.id)?.enabled).toBe(true);

    const adminInvite = await call('/api/admin/invites', { body: { role: 'admin' }, cookie: admin.session });
    expect(adminInvite.status).toBe(400);
    expect(errorCode(adminInvite)).toBe('invalid_input');
    const key = await call('/api/admin/api-keys', {
      body: { name: 'Core banking', scopes: ['verifications'] },
      cookie: admin.session,
    });
    expect(key.status).toBe(400);
    // Directly on an Invite object: an admin invite without a passed assertion is refused.
    const inviteObject = env.INVITE.get(env.INVITE.idFromName('invite:direct-test'));
    expect(
      await inviteObject.issue({ role: 'admin', team: null, issuedBy: admin.account.id }, Date.now() + 60_000, null),
    ).toEqual({ ok: false, reason: 'no_proof' });
  });

  it('answers bad staff requests with a 4xx in the error shape', async () => {
    const proof = () => staffAssertion(admin, 'access');
    const unknown = await call(`/api/admin/staff/${'e'.repeat(64)}/disable`, {
      body: await proof(),
      cookie: admin.session,
    });
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown)).toBe('staff_not_found');
    const notStaff = await call(`/api/admin/staff/${customer.account.id}/disable`, {
      body: await proof(),
      cookie: admin.session,
    });
    expect(errorCode(notStaff)).toBe('staff_not_found');
    const malformed = await call('/api/admin/staff/not-an-id/disable', { body: await proof(), cookie: admin.session });
    expect(malformed.status).toBe(400);
    const already = await call(`/api/admin/staff/${agent.account.id}/enable`, {
      body: await proof(),
      cookie: admin.session,
    });
    expect(already.status).toBe(400);
    expect((await call(`/api/admin/staff/${agent.account.id}/disable`, { body: await proof() })).status).toBe(401);
    expect(
      errorCode(await call('/api/admin/assertion/options', { body: { purpose: 'nope' }, cookie: admin.session })),
    ).toBe('invalid_input');
  });
});
