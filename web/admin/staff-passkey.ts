/**
 * The admin's fresh passkey assertion before an admin invite, an API key, a webhook endpoint change,
 * or disabling or enabling staff: the server's options, then this device's fingerprint or face unlock.
 */
import { type PublicKeyCredentialRequestOptionsJSON, startAuthentication } from '@simplewebauthn/browser';
import { client, unwrap } from '../api.ts';

/** `{ ceremonyId, credential }` to send with the change it was asked for. */
export async function staffAssertion(purpose: 'invite' | 'api_key' | 'access' | 'webhook') {
  const { ceremonyId, options } = await unwrap(client.api.admin.assertion.options.$post({ json: { purpose } }));
  // The options are the library's own JSON shape; the typed client widens binary extension inputs.
  const credential = await startAuthentication({ optionsJSON: options as PublicKeyCredentialRequestOptionsJSON });
  return { ceremonyId, credential: credential as never };
}
