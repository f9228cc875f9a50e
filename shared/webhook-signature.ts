/**
 * Webhook signatures, both sides. Countersign signs every delivery with the endpoint's
 * secret; a receiver checks it with `verifyWebhook` before it trusts the body. Web Crypto only, so
 * an integrator can copy this file into any runtime that has `crypto.subtle` (browsers, Node ≥ 20,
 * Deno, Workers).
 *
 *   Countersign-Signature: t=<unix seconds>,v1=<hex HMAC-SHA-256(secret, "<t>.<raw body>")>
 *
 * The key is the secret exactly as shown once to the admin (`whsec_…`, its UTF-8 bytes). A receiver
 * refuses a timestamp more than 5 minutes from its own clock (a replayed delivery), and compares
 * with `crypto.subtle.verify`, which takes the same time whatever the bytes.
 */

/** The header that carries the signature. */
export const signatureHeader = 'Countersign-Signature';
/** How far a delivery's timestamp may be from the receiver's clock, in seconds. */
export const replayWindowSeconds = 300;

const encoder = new TextEncoder();

function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

/** The header value for `rawBody` sent at `timestampSeconds` (what Countersign sends). */
export async function signWebhook(secret: string, timestampSeconds: number, rawBody: string): Promise<string> {
  const t = Math.floor(timestampSeconds);
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), encoder.encode(`${t}.${rawBody}`));
  const hex = [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `t=${t},v1=${hex}`;
}

/**
 * The receiver's check: true only when `header` holds a `v1` signature of `rawBody` (the bytes as
 * received, before any JSON parsing) under `secret`, made within `replayWindowSeconds` of `nowSeconds`.
 */
export async function verifyWebhook(
  secret: string,
  header: string | null,
  rawBody: string,
  nowSeconds: number = Date.now() / 1000,
): Promise<boolean> {
  if (typeof header !== 'string' || header.length > 1024) return false;
  let t: number | null = null;
  const signatures: Uint8Array<ArrayBuffer>[] = [];
  for (const part of header.split(',')) {
    const [name, value = ''] = part.trim().split('=', 2);
    if (name === 't' && /^\d{1,12}$/.test(value)) t = Number(value);
    if (name === 'v1' && /^[0-9a-f]{64}$/.test(value)) {
      signatures.push(new Uint8Array((value.match(/../g) as string[]).map((h) => Number.parseInt(h, 16))));
    }
  }
  if (t === null || signatures.length === 0 || Math.abs(nowSeconds - t) > replayWindowSeconds) return false;
  const key = await hmacKey(secret, 'verify');
  const signed = encoder.encode(`${t}.${rawBody}`);
  for (const signature of signatures) if (await crypto.subtle.verify('HMAC', key, signature, signed)) return true;
  return false;
}
