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

/** The key of a code secret, imported once per isolate; null when the secret is missing or short. */
export function secretCodeKey(secret: string | undefined): Promise<CryptoKey> | null {
  if (typeof secret !== 'string' || secret.length < 32) return null;
  let key = imported.get(secret);
  if (!key) {
    key = codeKey(secret);
    imported.set(secret, key);
  }
  return key;
}

/** The secrets codes are keyed by: `CODE_HMAC_SECRET`, and during a rotation the one it replaced. */
export type CodeSecrets = { CODE_HMAC_SECRET?: string; CODE_HMAC_SECRET_PREVIOUS?: string };

/**
 * The keys of a ceremony: new codes are hashed under `current` only; a code given is hashed under
 * both, so a code issued before a rotation still checks while it is in flight. Null when
 * `CODE_HMAC_SECRET` is missing or short (a short previous secret is ignored: it never keyed a code).
 */
export function codeKeys(env: CodeSecrets): Promise<CodeKeys> | null {
  const current = secretCodeKey(env.CODE_HMAC_SECRET);
  if (!current) return null;
  const old = env.CODE_HMAC_SECRET_PREVIOUS;
  const previous = old === env.CODE_HMAC_SECRET ? null : secretCodeKey(old);
  return Promise.all([current, previous]).then(([c, p]) => ({ current: c, previous: p }));
}

export type CodeKeys = { current: CryptoKey; previous: CryptoKey | null };

/**
 * The hashes a given code would have under the current and the previous key. Always two HMACs
 * (the current key twice when there is no previous one), so the work does not say whether a
 * rotation is under way; the caller counts the try once, before this await.
 */
export async function givenCodeHashes(
  keys: CodeKeys,
  ceremonyId: string,
  purpose: string,
  code: string,
): Promise<Uint8Array[]> {
  return Promise.all(
    [keys.current, keys.previous ?? keys.current].map((key) => codeHash(key, ceremonyId, purpose, code)),
  );
}

/** Whether any of the given hashes is the stored one; compares every one (no early exit). */
export function matchesStored(given: Uint8Array[] | null, stored: Uint8Array | null): boolean {
  if (!given || !stored) return false;
  let matched = false;
  for (const hash of given) matched = timingSafeEqualBytes(hash, stored) || matched;
  return matched;
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
