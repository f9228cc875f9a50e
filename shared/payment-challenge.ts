/**
 * The passkey challenge of a payment: SHA-256 over a server nonce and the canonical payee and
 * amount. The server derives it to open the ceremony and again to check the assertion; the app
 * derives it from what it shows on screen and refuses to ask for the passkey if they differ, so the
 * fingerprint approves exactly the payee and amount the customer sees (PSD2 RTS art. 5).
 * Web Crypto only: runs in the worker and the browser.
 */
import { toBase64Url } from './base64url.ts';
import { canonicalTransaction, type Transaction } from './payee.ts';

/** The challenge bytes for a payment. */
export async function paymentChallengeBytes(nonce: string, transaction: Transaction): Promise<Uint8Array<ArrayBuffer>> {
  const text = `countersign/payment/v1\n${nonce}\n${canonicalTransaction(transaction)}`;
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** The challenge as WebAuthn options carry it (base64url). */
export async function paymentChallenge(nonce: string, transaction: Transaction): Promise<string> {
  return toBase64Url(await paymentChallengeBytes(nonce, transaction));
}
