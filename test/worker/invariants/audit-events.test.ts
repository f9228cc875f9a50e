/**
 * Invariant: "Every state change of a ceremony and of an account's security settings is an audit
 * event, visible to the account holder in the app" (GET /api/me/audit, the security events screen).
 * Moved here from calls.test.ts and sign-in.test.ts. Also held: five-tries-lock.test.ts (the lock
 * is an event), passkeys.test.ts under test/worker ("records added and removed passkeys"),
 * invites.test.ts, trusted-contacts.test.ts, verifications.test.ts (see README.md here).
 */
import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../../worker/core/random.ts';
import { SoftAuthenticator } from '../../support/authenticator.ts';
import { checkAgentCode, checkCustomerCode, confirm, otherCode, startCall } from '../call-helpers.ts';
import { auditOf, call, nameFrom, origin, register, signIn } from '../client.ts';
import { callPeople } from './call-setup.ts';

const people = callPeople();
const customer = () => register(`customer.${++people.n}`, { displayName: `Chris Customer ${nameFrom(people.n)}` });

/** A passkey the server never saw: made by an authenticator that never registered with it. */
async function strangerFor(userHandle: string) {
  const stranger = new SoftAuthenticator({ origin });
  await stranger.register({
    challenge: toBase64Url(crypto.getRandomValues(new Uint8Array(32))),
    rp: { id: 'localhost', name: 'Countersign' },
    user: { id: userHandle, name: 'mallory', displayName: 'Mallory' },
  });
  return stranger;
}

const userHandleOf = (accountId: string) =>
  toBase64Url(Uint8Array.from(accountId.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16)));

describe('audit events', () => {
  it('records every step on both accounts, wrong tries included', async () => {
    const chris = await customer();
    const id = await startCall(people.agent, `customer.${people.n}`);
    const { code } = (await confirm(chris, id)).body;
    await checkCustomerCode(people.agent, id, otherCode(code));
    await checkCustomerCode(people.agent, id, otherCode(code));
    const { agentCode } = (await checkCustomerCode(people.agent, id, code)).body;
    await checkAgentCode(chris, id, agentCode as string);
    const steps = [
      'call_started',
      'call_confirmed',
      'call_code_wrong',
      'call_code_wrong',
      'call_code_matched',
      'call_verified',
    ];
    for (const who of [chris, people.agent]) {
      const types = (await auditOf(who.session)).filter((e) => e.detail.call === id).map((e) => e.type);
      expect(types.reverse()).toEqual(steps);
    }
  });

  it('shows failed sign-ins, sign-ins and sign-outs in the security events', async () => {
    const { authenticator, account, session } = await register('audit.trail');
    expect((await call('/api/session', { method: 'DELETE', cookie: session })).status).toBe(200);

    authenticator.userVerified = false;
    expect((await signIn(authenticator)).status).toBe(401);
    authenticator.userVerified = true;
    expect((await signIn(await strangerFor(userHandleOf(account.id)))).status).toBe(401);

    const signedIn = await signIn(authenticator);
    expect(signedIn.status).toBe(200);
    const events = await auditOf(signedIn.session as string);
    const types = events.map((e) => e.type);
    // Newest first; the risk decision of the sign-in comes right after it.
    expect(types.slice(0, 5)).toEqual(['sign_in_risk', 'signed_in', 'sign_in_failed', 'sign_in_failed', 'signed_out']);
    expect(events[1]?.detail.credential).toBe(authenticator.credentialIds()[0]);
    expect(events.slice(2, 4).map((e) => e.detail.reason)).toEqual(['unknown_credential', 'passkey_rejected']);
  });

  it("are the holder's own: another account sees none of them, and none without a session", async () => {
    const chris = await customer();
    const id = await startCall(people.agent, `customer.${people.n}`);
    await confirm(chris, id);
    const stranger = await customer();
    expect((await auditOf(stranger.session)).some((e) => e.detail.call === id)).toBe(false);
    expect((await call('/api/me/audit')).status).toBe(401);
  });
});
