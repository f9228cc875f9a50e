/**
 * Invariant: "The customer's code is shown only after a fresh passkey assertion bound to that
 * ceremony" (Passkeys, DESIGN.md). Moved here from calls.test.ts ("the customer passkey").
 */
import { describe, expect, it } from 'vitest';
import { SoftAuthenticator } from '../../support/authenticator.ts';
import { confirm, startCall, viewCall } from '../call-helpers.ts';
import { call, errorCode, nameFrom, origin, register } from '../client.ts';
import { callPeople } from './call-setup.ts';

const people = callPeople();
const customer = () => register(`customer.${++people.n}`, { displayName: `Chris Customer ${nameFrom(people.n)}` });

describe('the customer code needs a fresh passkey assertion over this call', () => {
  it('issues no customer code without an assertion over this call’s challenge', async () => {
    const chris = await customer();
    const id = await startCall(people.agent, `customer.${people.n}`);
    // No options asked: there is no challenge to answer.
    const forged = await chris.authenticator.authenticate({ challenge: 'AAAAAAAAAAAAAAAAAAAAAA' });
    const answer = await call(`/api/calls/${id}/confirm`, { body: forged, cookie: chris.session });
    expect(errorCode(answer)).toBe('ceremony_invalid');
    expect((await viewCall(chris, id)).body.call.state).toBe('awaiting_customer');
  });

  it('uses the challenge once', async () => {
    const chris = await customer();
    const id = await startCall(people.agent, `customer.${people.n}`);
    const options = await call<{ options: { challenge: string } }>(`/api/calls/${id}/confirm/options`, {
      method: 'POST',
      cookie: chris.session,
    });
    const credential = await chris.authenticator.authenticate(options.body.options);
    expect((await call(`/api/calls/${id}/confirm`, { body: credential, cookie: chris.session })).status).toBe(200);
    const again = await call(`/api/calls/${id}/confirm`, { body: credential, cookie: chris.session });
    expect(errorCode(again)).toBe('ceremony_invalid');
  });

  it('accepts only the named customer’s own passkey, with user verification', async () => {
    const chris = await customer();
    const id = await startCall(people.agent, `customer.${people.n}`);
    const stranger = new SoftAuthenticator({ origin });
    await stranger.register({
      challenge: 'AAAAAAAAAAAAAAAAAAAAAA',
      rp: { id: 'localhost', name: 'x' },
      user: { id: 'AAAA', name: 'x', displayName: 'x' },
    });
    const options = await call<{ options: { challenge: string } }>(`/api/calls/${id}/confirm/options`, {
      method: 'POST',
      cookie: chris.session,
    });
    const foreign = await stranger.authenticate(options.body.options, { credentialId: stranger.credentialIds()[0] });
    expect(errorCode(await call(`/api/calls/${id}/confirm`, { body: foreign, cookie: chris.session }))).toBe(
      'passkey_rejected',
    );
    chris.authenticator.userVerified = false;
    expect(errorCode(await confirm(chris, id))).toBe('passkey_rejected');
    chris.authenticator.userVerified = true;
    expect((await confirm(chris, id)).status).toBe(200);
  });

  it('lists only the customer’s passkeys in the options', async () => {
    const chris = await customer();
    const id = await startCall(people.agent, `customer.${people.n}`);
    const options = await call<{ options: { allowCredentials: { id: string }[]; userVerification: string } }>(
      `/api/calls/${id}/confirm/options`,
      { method: 'POST', cookie: chris.session },
    );
    expect(options.body.options.allowCredentials.map((c) => c.id)).toEqual(chris.authenticator.credentialIds());
    expect(options.body.options.userVerification).toBe('required');
  });
});
