/** The browser side of passkey ceremonies: the device's biometrics sign the server's challenge. */
import {
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
} from '@simplewebauthn/browser';
import type { AccountView } from '../worker/core/account-rules';
import { client, unwrap } from './api';

export type Account = AccountView;

// The options arrive through the typed client, whose JSON typing widens binary extension inputs;
// they are the library's own JSON shapes, so they are handed back to it as such.

/** Creates an account: the server's options, the device's new passkey, the server's check. */
export async function createAccount(input: {
  handle: string;
  displayName: string;
  phone?: string;
  inviteCode?: string;
}): Promise<Account> {
  const { ceremonyId, options } = await unwrap(client.api.registration.options.$post({ json: input }));
  const credential = await startRegistration({ optionsJSON: options as PublicKeyCredentialCreationOptionsJSON });
  const { account } = await unwrap(client.api.registration.verify.$post({ json: { ceremonyId, credential } }));
  return account;
}

/** Signs in with whichever passkey for Countersign the device offers (no handle needed). */
export async function signInWithPasskey(): Promise<Account> {
  const { ceremonyId, options } = await unwrap(client.api.session.options.$post());
  const credential = await startAuthentication({ optionsJSON: options as PublicKeyCredentialRequestOptionsJSON });
  const { account } = await unwrap(client.api.session.verify.$post({ json: { ceremonyId, credential } }));
  return account;
}

/** Adds another passkey (another device, or a security key) to the signed-in account. */
export async function addPasskey(name?: string) {
  const { ceremonyId, options } = await unwrap(client.api.me.passkeys.options.$post());
  const credential = await startRegistration({ optionsJSON: options as PublicKeyCredentialCreationOptionsJSON });
  return unwrap(client.api.me.passkeys.verify.$post({ json: { ceremonyId, credential, ...(name ? { name } : {}) } }));
}

/** The customer confirms a call verification with a fresh passkey assertion; the answer holds their code. */
export async function confirmCall(id: string) {
  const { options } = await unwrap(client.api.calls[':id'].confirm.options.$post({ param: { id } }));
  const credential = await startAuthentication({ optionsJSON: options as PublicKeyCredentialRequestOptionsJSON });
  return unwrap(client.api.calls[':id'].confirm.$post({ param: { id }, json: credential }));
}
