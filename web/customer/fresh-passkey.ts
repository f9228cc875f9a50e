/**
 * Fresh passkey assertions for one change each (trusted contacts, a contact's approval of a
 * recovery): the server's options, then the device's fingerprint or face unlock. The answer is sent
 * with the change, which the worker checks against that ceremony alone.
 */
import { type PublicKeyCredentialRequestOptionsJSON, startAuthentication } from '@simplewebauthn/browser';
import { client, unwrap } from '../api.ts';

async function assertion({ ceremonyId, options }: { ceremonyId: string; options: unknown }) {
  // The options are the library's own JSON shape; the typed client widens binary extension inputs.
  const credential = await startAuthentication({ optionsJSON: options as PublicKeyCredentialRequestOptionsJSON });
  return { ceremonyId, credential };
}

/**
 * The passkey that confirms a change of how the account is protected: its passkeys, its phone or
 * e-mail, its sign-in settings. Asked for just before the change, answered by the same device.
 */
export async function protectionAssertion(purpose: 'passkeys' | 'contact' | 'settings') {
  return assertion(await unwrap(client.api.me.protection.options.$post({ json: { purpose } })));
}

/** The passkey that confirms a change of trusted contacts. */
export async function contactsAssertion() {
  return assertion(await unwrap(client.api.me['trusted-contacts'].options.$post()));
}

/** The contact's own passkey, approving the recovery `recoveryId` (it counts as their code). */
export async function approvalAssertion(recoveryId: string) {
  return assertion(
    await unwrap(client.api.me['recovery-requests'][':id'].options.$post({ param: { id: recoveryId } })),
  );
}
