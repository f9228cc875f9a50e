import { describe, expect, it } from 'vitest';
import { SoftAuthenticator } from '../support/authenticator.ts';
import { accountRows, auditOf, call, errorCode, origin, register, signIn } from './client.ts';
import { addPasskeyWith, openAddPasskey, removePasskeyWith } from './protection-helpers.ts';

type PasskeyList = { passkeys: Record<string, unknown>[] };

/** The owners' authenticators, by session: each change is confirmed by the account's first passkey. */
const owners = new Map<string, SoftAuthenticator>();

async function registered(handle: string) {
  const person = await register(handle);
  owners.set(person.session, person.authenticator);
  return person;
}

async function openAdd(session: string) {
  const answer = await openAddPasskey(session, owners.get(session) as SoftAuthenticator);
  expect(answer.status).toBe(200);
  return answer.body;
}

/** Adds a passkey made by `authenticator` to the signed-in account. */
const addPasskey = (session: string, authenticator: SoftAuthenticator, name?: string) =>
  addPasskeyWith(session, owners.get(session) as SoftAuthenticator, authenticator, name);

const removePasskey = (session: string, id: string) =>
  removePasskeyWith(session, owners.get(session) as SoftAuthenticator, id);

async function passkeysOf(session: string) {
  const answer = await call<PasskeyList>('/api/me/passkeys', { cookie: session });
  expect(answer.status).toBe(200);
  return answer.body.passkeys;
}

describe('passkeys of a signed-in account', () => {
  it('adds a second passkey and signs in with it', async () => {
    const { session, account } = await registered('adds.passkey');
    const synced = new SoftAuthenticator({ origin, backupEligible: true, backedUp: true });
    const added = await addPasskey(session, synced, 'Laptop');
    expect(added.status).toBe(201);
    expect(added.body.passkey).toMatchObject({ id: synced.credentialIds()[0], name: 'Laptop' });

    const signedIn = await signIn(synced);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.account.id).toBe(account.id);
  });

  it('excludes the passkeys the account already has when adding one', async () => {
    const { session, authenticator } = await registered('excludes.existing');
    const first = await openAdd(session);
    expect(first.options.excludeCredentials?.map((c) => c.id)).toEqual(authenticator.credentialIds());
    expect(first.options.excludeCredentials?.[0]).toMatchObject({ type: 'public-key', transports: ['internal'] });

    const second = new SoftAuthenticator({ origin });
    expect((await addPasskey(session, second)).status).toBe(201);
    const next = await openAdd(session);
    expect(next.options.excludeCredentials?.map((c) => c.id).sort()).toEqual(
      [...authenticator.credentialIds(), ...second.credentialIds()].sort(),
    );
  });

  it('lists every passkey with its backup state and never its public key', async () => {
    const { session, authenticator } = await registered('lists.passkeys');
    const synced = new SoftAuthenticator({ origin, backupEligible: true, backedUp: true });
    expect((await addPasskey(session, synced)).status).toBe(201);

    const passkeys = await passkeysOf(session);
    expect(passkeys).toHaveLength(2);
    const byId = new Map(passkeys.map((p) => [p.id, p]));
    expect(byId.get(authenticator.credentialIds()[0])).toMatchObject({
      deviceType: 'singleDevice',
      backedUp: false,
      transports: ['internal'],
    });
    expect(byId.get(synced.credentialIds()[0])).toMatchObject({ deviceType: 'multiDevice', backedUp: true });
    for (const passkey of passkeys) {
      expect(Object.keys(passkey).sort()).toEqual(
        ['backedUp', 'createdAt', 'deviceType', 'id', 'lastUsedAt', 'name', 'transports'].sort(),
      );
    }
  });

  it('records when a passkey was last used', async () => {
    const { session, authenticator } = await registered('last.used');
    expect((await passkeysOf(session))[0]?.lastUsedAt).toBeNull();
    const before = Date.now();
    expect((await signIn(authenticator)).status).toBe(200);
    expect((await passkeysOf(session))[0]?.lastUsedAt as number).toBeGreaterThanOrEqual(before);
  });

  it('removes a passkey and ends the sessions opened with it', async () => {
    const { session: phoneSession, authenticator: phone } = await registered('removes.passkey');
    const laptop = new SoftAuthenticator({ origin });
    expect((await addPasskey(phoneSession, laptop)).status).toBe(201);
    const laptopSession = (await signIn(laptop)).session as string;
    expect((await call('/api/me', { cookie: laptopSession })).status).toBe(200);

    const laptopId = laptop.credentialIds()[0] as string;
    const removed = await removePasskey(phoneSession, laptopId);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ removed: laptopId });

    const ended = await call('/api/me', { cookie: laptopSession });
    expect(ended.status).toBe(401);
    expect(errorCode(ended)).toBe('not_signed_in');
    expect((await call('/api/me', { cookie: phoneSession })).status).toBe(200);
    expect((await passkeysOf(phoneSession)).map((p) => p.id)).toEqual(phone.credentialIds());
    expect((await signIn(laptop)).status).toBe(401);
  });

  it('refuses to remove the last passkey', async () => {
    const { session, authenticator, account } = await registered('last.passkey');
    const id = authenticator.credentialIds()[0] as string;
    const answer = await removePasskey(session, id);
    expect(answer.status).toBe(409);
    expect(errorCode(answer)).toBe('last_passkey');
    expect(await accountRows(account.id, 'SELECT credential_id FROM passkeys')).toEqual([{ credential_id: id }]);
    expect((await call('/api/me', { cookie: session })).status).toBe(200);
  });

  it('answers 404 for a passkey the account does not have', async () => {
    const { session } = await registered('unknown.passkey');
    const other = await registered('other.owner');
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', other.authenticator.credentialIds()[0] as string]) {
      const answer = await removePasskey(session, id);
      expect(answer.status).toBe(404);
      expect(errorCode(answer)).toBe('passkey_not_found');
    }
    expect(await passkeysOf(other.session)).toHaveLength(1);
  });

  it('does not let another account complete a passkey ceremony it did not open', async () => {
    const alice = await registered('alice.ceremony');
    const bob = await registered('bob.ceremony');
    const { ceremonyId, options } = await openAdd(alice.session);
    const credential = await new SoftAuthenticator({ origin }).register(options);

    const answer = await call('/api/me/passkeys/verify', { body: { ceremonyId, credential }, cookie: bob.session });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('ceremony_invalid');
    expect(await passkeysOf(alice.session)).toHaveLength(1);
    expect(await passkeysOf(bob.session)).toHaveLength(1);
  });

  it('does not accept a registration or sign-in ceremony for adding a passkey', async () => {
    const { session } = await registered('cross.purpose.add');
    const signInStart = await call<{ ceremonyId: string }>('/api/session/options', { method: 'POST' });
    const { options } = await openAdd(session);
    const credential = await new SoftAuthenticator({ origin }).register(options);
    const answer = await call('/api/me/passkeys/verify', {
      body: { ceremonyId: signInStart.body.ceremonyId, credential },
      cookie: session,
    });
    expect(errorCode(answer)).toBe('ceremony_invalid');
    expect(await passkeysOf(session)).toHaveLength(1);
  });

  it('requires user verification for an added passkey', async () => {
    const { session } = await registered('add.no.uv');
    const answer = await addPasskey(session, new SoftAuthenticator({ origin, userVerified: false }));
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('passkey_rejected');
    expect(await passkeysOf(session)).toHaveLength(1);
  });

  it('needs a session to list, add or remove passkeys', async () => {
    for (const [path, method] of [
      ['/api/me/passkeys', 'GET'],
      ['/api/me/passkeys/options', 'POST'],
      ['/api/me/protection/options', 'POST'],
      ['/api/me/passkeys/AAAAAAAAAAAAAAAAAAAAAA/remove', 'POST'],
    ] as const) {
      const answer = await call(path, { method });
      expect(answer.status).toBe(401);
      expect(errorCode(answer)).toBe('not_signed_in');
    }
  });

  it('records added and removed passkeys in the security events', async () => {
    const { session, authenticator } = await registered('passkey.audit');
    const laptop = new SoftAuthenticator({ origin });
    expect((await addPasskey(session, laptop, 'Laptop')).status).toBe(201);
    const laptopId = laptop.credentialIds()[0] as string;
    expect((await removePasskey(session, laptopId)).status).toBe(200);

    const events = await auditOf(session);
    expect(events.map((e) => e.type).slice(0, 4)).toEqual([
      'passkey_removed',
      'passkey_added',
      'passkey_added',
      'account_created',
    ]);
    expect(events[0]?.detail.credential).toBe(laptopId);
    expect(events[1]?.detail).toMatchObject({ credential: laptopId, name: 'Laptop' });
    expect(events[2]?.detail.credential).toBe(authenticator.credentialIds()[0]);
  });
});
