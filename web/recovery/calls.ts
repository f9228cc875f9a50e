/**
 * The recovering device's calls to `/api/recovery` (no session: the device holds the recovery's
 * httpOnly cookie, set by the first call). Types only from shared/recovery.ts: zod stays on the server.
 */
import { type PublicKeyCredentialCreationOptionsJSON, startRegistration } from '@simplewebauthn/browser';
import type { RecoveryState, RecoveryView } from '../../shared/recovery.ts';
import { ApiError, client, unwrap } from '../api.ts';
import type { Account } from '../passkey.ts';

export type { RecoveryView };

/** States in which nothing more happens: the device can only start again. */
export const endedStates: readonly RecoveryState[] = ['completed', 'aborted', 'canceled', 'expired'];

/** The recovery this device started, or null when there is none (or it is gone). */
export async function currentRecovery(): Promise<RecoveryView | null> {
  try {
    return (await unwrap(client.api.recovery.$get())).recovery;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/** Starts a recovery: a code goes to the account's phone (an unknown name gets the same answer). */
export async function startRecovery(identifier: string): Promise<RecoveryView> {
  return (await unwrap(client.api.recovery.$post({ json: { identifier } }))).recovery;
}

/** Checks the code sent to the account's phone. */
export function checkFirstCode(code: string) {
  return unwrap(client.api.recovery['first-factor'].$post({ json: { code } }));
}

/** Asks the chosen contacts for their codes (or for their approval in their own app). */
export function askContacts(contacts: string[]) {
  return unwrap(client.api.recovery.contacts.$post({ json: { contacts } }));
}

/** Checks the code one contact gave. */
export function checkContactCode(contact: string, code: string) {
  return unwrap(client.api.recovery['contact-code'].$post({ json: { contact, code } }));
}

/**
 * Once the recovery is ready: this device creates a passkey for the account, and is signed in.
 * `revokeOldPasskeys` also removes every other passkey and ends every other session.
 */
export async function recoverWithPasskey(revokeOldPasskeys: boolean): Promise<Account> {
  const { ceremonyId, options } = await unwrap(client.api.recovery.passkey.options.$post());
  // The options come through the typed client, which widens the library's own JSON shape.
  const credential = await startRegistration({ optionsJSON: options as PublicKeyCredentialCreationOptionsJSON });
  const { account } = await unwrap(
    client.api.recovery.passkey.$post({ json: { ceremonyId, credential, revokeOldPasskeys } }),
  );
  return account;
}

/** A contact's "they did not ask me", from the link in their text message. */
export function abortRecovery(recovery: string, token: string) {
  return unwrap(client.api.recovery.abort.$post({ json: { recovery, token } }));
}
