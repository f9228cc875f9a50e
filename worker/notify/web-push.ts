/**
 * Sends one Web Push message with Web-standard APIs only: the request of RFC 8030, the payload
 * encrypted per RFC 8291 (aes128gcm, by @block65/webcrypto-web-push on Web Crypto) and the
 * application server identified per RFC 8292 (VAPID).
 *
 * The VAPID header is built here rather than by the library: the library refuses every endpoint
 * that is not https, and the local push service of development and tests is http://localhost
 * (allowed only on a localhost ORIGIN; push-endpoints.ts says which push services are allowed).
 */
import { encryptNotification } from '@block65/webcrypto-web-push';
import { now } from '../core/clock.ts';
import { errorText, log } from '../core/log.ts';
import { fromBase64Url, toBase64Url } from '../core/random.ts';
import {
  type PushEndpointPolicy,
  type PushEndpointVars,
  pushEndpointAllowed,
  pushEndpointPolicy,
} from './push-endpoints.ts';

/** Where and how to reach one browser: its push endpoint and its RFC 8291 keys (base64url). */
export interface PushTarget {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** The application server's VAPID key pair (base64url: 65-byte raw public key, 32-byte private scalar). */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** RFC 8292 §2.1: a mailto: or https: URI the push service can contact. */
  subject: string;
  /** The push services messages may go to (push-endpoints.ts). */
  endpoints: PushEndpointPolicy;
}

/** RFC 8030 §5.2 (TTL) and §5.3 (Urgency). */
export interface PushOptions {
  ttlSeconds?: number;
  urgency?: 'very-low' | 'low' | 'normal' | 'high';
}

/** 'gone': the subscription no longer exists (delete it); 'rejected': the service refused this message. */
export type PushResult = { ok: true } | { ok: false; reason: 'gone' | 'rejected' | 'unreachable' };

/** RFC 8292 §2: the JWT must expire within 24 hours; 12 leaves room for clock skew. */
const jwtLifetimeSeconds = 12 * 60 * 60;
const defaultTtlSeconds = 60;
const requestTimeoutMs = 10_000;
const encoder = new TextEncoder();

/** Sends `payload` as JSON to one subscription; never throws, whatever the push service does. */
export async function sendWebPush(
  subscription: PushTarget,
  payload: unknown,
  vapid: VapidKeys,
  options: PushOptions = {},
): Promise<PushResult> {
  // The one place the worker posts to a push endpoint: nowhere but a known push service.
  if (!pushEndpointAllowed(subscription.endpoint, vapid.endpoints)) return { ok: false, reason: 'rejected' };
  let body: Uint8Array<ArrayBuffer>;
  let authorization: string;
  try {
    // RFC 8291 §4: one aes128gcm record, padded by the library to hide the payload's length.
    body = await encryptNotification(
      { endpoint: subscription.endpoint, expirationTime: null, keys: subscription.keys },
      encoder.encode(JSON.stringify(payload ?? null)),
    );
    authorization = await vapidAuthorization(new URL(subscription.endpoint).origin, vapid);
  } catch (error) {
    // A key that is not a P-256 point, a payload over 4 KB or a broken VAPID key: nothing can be sent.
    log('error', 'push_not_built', { error: errorText(error) });
    return { ok: false, reason: 'rejected' };
  }

  let response: Response;
  try {
    response = await fetch(subscription.endpoint, {
      method: 'POST',
      headers: {
        Authorization: authorization,
        'Content-Encoding': 'aes128gcm',
        'Content-Type': 'application/octet-stream',
        TTL: String(Math.max(0, Math.trunc(options.ttlSeconds ?? defaultTtlSeconds))),
        ...(options.urgency ? { Urgency: options.urgency } : {}),
      },
      body,
      // A push service answers; it does not send the worker elsewhere.
      redirect: 'manual',
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
  await response.body?.cancel();
  if (response.status >= 200 && response.status < 300) return { ok: true };
  // RFC 8030 §7.3: 404 and 410 mean the subscription is gone for good.
  if (response.status === 404 || response.status === 410) return { ok: false, reason: 'gone' };
  return { ok: false, reason: 'rejected' };
}

/** RFC 8292 §3.1: `vapid t=<ES256 JWT for the endpoint's origin>, k=<the public key>`. */
async function vapidAuthorization(audience: string, vapid: VapidKeys): Promise<string> {
  const point = fromBase64Url(vapid.publicKey);
  if (point?.length !== 65 || point[0] !== 0x04) throw new Error('VAPID public key is not a P-256 point');
  const signingKey = await crypto.subtle.importKey(
    'jwk',
    {
      kty: 'EC',
      crv: 'P-256',
      x: toBase64Url(point.subarray(1, 33)),
      y: toBase64Url(point.subarray(33, 65)),
      d: vapid.privateKey,
    },
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
  const header = toBase64Url(encoder.encode(JSON.stringify({ typ: 'JWT', alg: 'ES256' })));
  const claims = toBase64Url(
    encoder.encode(
      JSON.stringify({
        aud: audience,
        exp: Math.floor(now() / 1000) + jwtLifetimeSeconds,
        sub: vapid.subject,
      }),
    ),
  );
  // Web Crypto's ECDSA signature is r || s, the JWS form (RFC 7518 §3.4).
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    signingKey,
    encoder.encode(`${header}.${claims}`),
  );
  return `vapid t=${header}.${claims}.${toBase64Url(new Uint8Array(signature))}, k=${vapid.publicKey}`;
}

/** The VAPID settings as the environment gives them (see the README's configuration table). */
export interface VapidVars extends PushEndpointVars {
  VAPID_PUBLIC_KEY?: string;
  VAPID_PRIVATE_KEY?: string;
  VAPID_SUBJECT?: string;
}

/** The VAPID keys from the environment, or null when push is not (fully, validly) configured. */
export function vapidFromEnv(vars: VapidVars): VapidKeys | null {
  const { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey, VAPID_SUBJECT: subject } = vars;
  if (!publicKey || !privateKey || !subject) return null;
  const point = fromBase64Url(publicKey);
  const scalar = fromBase64Url(privateKey);
  if (point?.length !== 65 || point[0] !== 0x04 || scalar?.length !== 32) {
    log('error', 'push_off', { reason: 'VAPID_PUBLIC_KEY or VAPID_PRIVATE_KEY is malformed' });
    return null;
  }
  if (!/^(mailto:|https:)/.test(subject)) {
    log('error', 'push_off', { reason: 'VAPID_SUBJECT must be a mailto: or https: URI' });
    return null;
  }
  // Re-encoded so that `k` and the JWK are unpadded base64url whatever padding the secret was set with.
  return {
    publicKey: toBase64Url(point),
    privateKey: toBase64Url(scalar),
    subject,
    endpoints: pushEndpointPolicy(vars),
  };
}
