/** Changes of how an account is protected, each with the fresh passkey assertion it needs. */
import type { SoftAuthenticator, SoftRegistrationOptions } from '../support/authenticator.ts';
import { call } from './client.ts';

type AssertionOptions = Parameters<SoftAuthenticator['authenticate']>[0];

/** A fresh assertion by `authenticator` for a change of `purpose`: `{ ceremonyId, credential }`. */
export async function protectionAssertion(
  session: string,
  authenticator: SoftAuthenticator,
  purpose: 'passkeys' | 'contact' | 'settings',
) {
  const opened = await call<{ ceremonyId: string; options: AssertionOptions }>('/api/me/protection/options', {
    body: { purpose },
    cookie: session,
  });
  if (opened.status !== 200) throw new Error(`protection options: ${opened.status} ${JSON.stringify(opened.body)}`);
  return { ceremonyId: opened.body.ceremonyId, credential: await authenticator.authenticate(opened.body.options) };
}

export type AddOptions = {
  ceremonyId: string;
  options: SoftRegistrationOptions & { excludeCredentials?: { id: string; type: string; transports?: string[] }[] };
};

/** Registration options for another passkey, after `owner` confirmed with a passkey it has. */
export async function openAddPasskey(session: string, owner: SoftAuthenticator) {
  const proof = await protectionAssertion(session, owner, 'passkeys');
  return call<AddOptions>('/api/me/passkeys/options', { body: proof, cookie: session });
}

/** Adds a passkey made by `added` to the account, confirmed by `owner`'s existing passkey. */
export async function addPasskeyWith(
  session: string,
  owner: SoftAuthenticator,
  added: SoftAuthenticator,
  name?: string,
) {
  const opened = await openAddPasskey(session, owner);
  if (opened.status !== 200) throw new Error(`add options: ${opened.status} ${JSON.stringify(opened.body)}`);
  const credential = await added.register(opened.body.options);
  return call<{ passkey: { id: string; name: string } }>('/api/me/passkeys/verify', {
    body: { ceremonyId: opened.body.ceremonyId, credential, ...(name ? { name } : {}) },
    cookie: session,
  });
}

/** Removes passkey `id`, confirmed by `owner`'s passkey. */
export async function removePasskeyWith(session: string, owner: SoftAuthenticator, id: string) {
  const proof = await protectionAssertion(session, owner, 'passkeys');
  return call(`/api/me/passkeys/${id}/remove`, { body: proof, cookie: session });
}

/** Saves the sign-in settings, confirmed by `owner`'s passkey. */
export async function savePreferencesWith(
  session: string,
  owner: SoftAuthenticator,
  preferences: Record<string, unknown>,
) {
  const proof = await protectionAssertion(session, owner, 'settings');
  return call('/api/me/preferences', { method: 'PUT', body: { ...preferences, ...proof }, cookie: session });
}
