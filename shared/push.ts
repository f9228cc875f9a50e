/**
 * Web Push on both sides: what a browser's push subscription must look like, and the messages
 * the worker pushes to the customer's devices (the service worker, web/public/push-sw.js, reads them).
 */

/** RFC 8030 leaves the length open; 2048 is more than any browser's push service uses. */
export const maxPushEndpointLength = 2048;

/**
 * A push endpoint the worker may POST to: an https URL (RFC 8030 §2), with no user name or password.
 * Plain http is allowed for localhost only, for a local push service in development and tests.
 */
export function isPushEndpoint(value: string): boolean {
  if (value.length > maxPushEndpointLength) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1');
}

/**
 * The subscription's `p256dh` key as browsers give it: a 65-byte uncompressed P-256 point
 * (leading byte 0x04, RFC 8291 §3.1) in unpadded base64url, so 87 characters starting "B" then A–P.
 * Whether the point is on the curve is checked where Web Crypto is at hand (the Account object).
 */
export const p256dhPattern = /^B[A-P][A-Za-z0-9_-]{85}$/;

/** The subscription's `auth` secret: 16 bytes (RFC 8291 §3.2) in unpadded base64url, 22 characters. */
export const authSecretPattern = /^[A-Za-z0-9_-]{21}[AQgw]$/;

/** A call verification started by an agent: the customer's devices show who is asking. */
export interface CallAlert {
  type: 'call';
  callId: string;
  agent: { displayName: string; team: string | null };
}

/** A change to the account's security every device is told of (contacts changed, a recovery under way). */
export interface SecurityAlert {
  type: 'security';
  title: string;
  body: string;
}

/** Every message the worker pushes to a customer's devices. */
export type PushPayload = CallAlert | SecurityAlert;
