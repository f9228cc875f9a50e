/**
 * One-time codes: made by the CSPRNG with rejection sampling, stored only as a keyed hash bound to
 * the ceremony and to what the code is for, and compared in constant time (DESIGN.md invariants).
 */
import { randomString } from './random.ts';

const encoder = new TextEncoder();

/** A fresh code of `digits` decimal digits (6 by default: ≈20 bits, NIST SP 800-63B 5.1.3). */
export function newCode(digits = 6): string {
  return randomString('0123456789', digits);
}

/** Imports the server secret as an HMAC-SHA-256 key. */
export function codeKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

const imported = new Map<string, Promise<CryptoKey>>();

/** The key of `CODE_HMAC_SECRET`, imported once per isolate; null when the secret is missing or short. */
export function secretCodeKey(secret: string | undefined): Promise<CryptoKey> | null {
  if (typeof secret !== 'string' || secret.length < 32) return null;
  let key = imported.get(secret);
  if (!key) {
    key = codeKey(secret);
    imported.set(secret, key);
  }
  return key;
}

/**
 * HMAC-SHA-256 of the code, bound to the ceremony and the purpose (direction, transaction…), so a
 * hash copied from one ceremony or direction is worthless in another.
 */
export async function codeHash(key: CryptoKey, ceremonyId: string, purpose: string, code: string): Promise<Uint8Array> {
  const message = encoder.encode(`countersign/v1\n${ceremonyId}\n${purpose}\n${code}`);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, message));
}

/** Compares two byte strings in time that depends only on their length. */
export function timingSafeEqualBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}
