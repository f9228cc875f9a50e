/**
 * The one module that makes secrets: tokens, invite codes and (later) one-time codes.
 * Everything comes from crypto.getRandomValues; characters are drawn by rejection sampling so no
 * symbol is likelier than another (no modulo bias).
 */
import { toBase64Url } from '../../shared/base64url.ts';

/** `bytes` random bytes as base64url without padding (32 bytes = 256 bits). */
export function randomToken(bytes = 32): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  return toBase64Url(buf);
}

/** `length` symbols drawn uniformly from `alphabet` (at most 256 symbols) by rejection sampling. */
export function randomString(alphabet: string, length: number): string {
  const n = alphabet.length;
  if (n < 2 || n > 256) throw new RangeError('alphabet must have 2 to 256 symbols');
  // Largest multiple of n that fits in a byte: bytes at or above it are thrown away.
  const limit = 256 - (256 % n);
  // Web Crypto fills at most 65,536 bytes per call (QuotaExceededError beyond).
  const batch = Math.min(length * 2, 65_536);
  let out = '';
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(batch))) {
      if (byte < limit) out += alphabet[byte % n];
      if (out.length === length) break;
    }
  }
  return out;
}

export { toBase64Url };

/** A uniform number in [0, 1) from crypto.getRandomValues (for jitter and padding; never Math.random). */
export function randomFraction(): number {
  return (crypto.getRandomValues(new Uint32Array(1))[0] as number) / 2 ** 32;
}

/** base64url (padding optional) to bytes; null when the text is not base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return null;
  const b64 = text.replaceAll('-', '+').replaceAll('_', '/').replace(/=+$/, '');
  try {
    const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}
