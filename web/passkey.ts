/** The browser side of passkey ceremonies: the device's biometrics sign the server's challenge. */
import {
  browserSupportsWebAuthnAutofill,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
} from '@simplewebauthn/browser';
import type { AccountView, StepUpReason } from '../shared/account.ts';
import type { Transaction } from '../shared/payee.ts';
import { paymentChallenge } from '../shared/payment-challenge.ts';
import type { VerificationView } from '../shared/verifications.ts';
import { client, unwrap } from './api.ts';

export type Account = AccountView;

/** A sign-in that needs a code as well: the code sent, and why it was asked for. */
export interface StepUp {
  verification: VerificationView;
  reasons: StepUpReason[];
}

/** How a passkey sign-in ends: signed in, or a code is needed first (risk-based step-up). */
export type SignInOutcome = { account: Account } | { stepUp: StepUp };

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

/**
 * Signs in with whichever passkey for Countersign the device offers (no handle needed). An unusual
 * sign-in answers with a step-up instead: a code was sent, and there is no session until it comes back.
 */
export async function signInWithPasskey(): Promise<SignInOutcome> {
  const { ceremonyId, options } = await unwrap(client.api.session.options.$post());
  const credential = await startAuthentication({ optionsJSON: options as PublicKeyCredentialRequestOptionsJSON });
  return unwrap(client.api.session.verify.$post({ json: { ceremonyId, credential } }));
}

/**
 * The same sign-in, offered in the browser's autofill of the field marked `autocomplete="username
 * webauthn"` (conditional mediation): resolves when the customer picks a passkey there, or null where
 * the browser has no such autofill. Pressing the sign-in button instead aborts this request (the
 * library's abort service): the promise then rejects with an AbortError, which callers ignore.
 */
export async function signInFromAutofill(): Promise<SignInOutcome | null> {
  if (!(await browserSupportsWebAuthnAutofill())) return null;
  const { ceremonyId, options } = await unwrap(client.api.session.options.$post());
  const credential = await startAuthentication({
    optionsJSON: options as PublicKeyCredentialRequestOptionsJSON,
    useBrowserAutofill: true,
  });
  return unwrap(client.api.session.verify.$post({ json: { ceremonyId, credential } }));
}

/** Whether an error only says that a passkey request gave way to another (not worth showing). */
export const isAbort = (e: unknown) => e instanceof Error && e.name === 'AbortError';

/**
 * Adds another passkey (another device, or a security key) to the signed-in account: a passkey the
 * account already has confirms it first (`assertion`, from `protectionAssertion('passkeys')`).
 */
export async function addPasskey(assertion: { ceremonyId: string; credential: unknown }, name?: string) {
  const { ceremonyId, options } = await unwrap(
    client.api.me.passkeys.options.$post({ json: assertion as { ceremonyId: string; credential: never } }),
  );
  const credential = await startRegistration({ optionsJSON: options as PublicKeyCredentialCreationOptionsJSON });
  return unwrap(client.api.me.passkeys.verify.$post({ json: { ceremonyId, credential, ...(name ? { name } : {}) } }));
}

/** The customer confirms a call verification with a fresh passkey assertion; the answer holds their code. */
export async function confirmCall(id: string) {
  const { options } = await unwrap(client.api.calls[':id'].confirm.options.$post({ param: { id } }));
  const credential = await startAuthentication({ optionsJSON: options as PublicKeyCredentialRequestOptionsJSON });
  return unwrap(client.api.calls[':id'].confirm.$post({ param: { id }, json: credential }));
}

/** Shown when the server's passkey challenge does not match the payment on screen. */
export const paymentMismatchMessage =
  'The passkey request does not match the payment on your screen, so we did not ask for your passkey. Nothing was approved.';

/**
 * Approves a payment with a passkey. The challenge is derived again here from the payee and amount
 * shown on screen (`transaction`); if the server's differs, the passkey is never asked for, so the
 * fingerprint approves exactly what the customer sees (PSD2 RTS art. 5, dynamic linking).
 */
export async function approvePaymentWithPasskey(transaction: Transaction) {
  const { ceremonyId, nonce, options } = await unwrap(
    client.api.me.payments['passkey-options'].$post({ json: { transaction } }),
  );
  if ((await paymentChallenge(nonce, transaction)) !== options.challenge) throw new Error(paymentMismatchMessage);
  const credential = await startAuthentication({ optionsJSON: options as PublicKeyCredentialRequestOptionsJSON });
  return unwrap(client.api.me.payments.passkey.$post({ json: { ceremonyId, credential, transaction } }));
}
