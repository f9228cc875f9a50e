/// <reference path="./provided-context.d.ts" />
/**
 * A local Web Push service for the worker tests (vitest globalSetup: runs in Node, not in workerd).
 * It checks each push request as a real push service must (RFC 8030 message, RFC 8292 VAPID,
 * RFC 8291 encryption) and decrypts the payload with its own implementation, independent of the
 * sender's library, so a test sees exactly what a browser would.
 *
 *   POST /subscriptions   { applicationServerKey?, gone? } → { endpoint, keys: { p256dh, auth } }
 *   POST /push/<id>       a push message → 201, or 400/403/413 with the reason (also recorded)
 *   GET  /received/<id>   → { messages: [{ payload, ttl, urgency, vapidKey }], rejections: [reason] }
 *
 * A subscription made with `gone: true` answers 410 Gone, as a service does for an expired one.
 */
import { createDecipheriv, createECDH, createHmac, randomBytes, webcrypto } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';

interface Subscription {
  privateKey: Buffer;
  publicKey: Buffer;
  auth: Buffer;
  applicationServerKey: string | null;
  gone: boolean;
  messages: { payload: string; ttl: number; urgency: string | null; vapidKey: string }[];
  rejections: string[];
}

/** RFC 8030 §7.2: a push service must accept at least 4096 bytes of payload; FCM refuses more. */
const maxBodyBytes = 4096;
/** RFC 8292 §2: `exp` must be no more than 24 hours after the request. */
const maxJwtLifetimeSeconds = 24 * 60 * 60;

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

class Rejected extends Error {
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(reason);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** RFC 8292 §3: `Authorization: vapid t=<JWT>, k=<base64url uncompressed P-256 public key>`. */
async function checkVapid(header: string | undefined, audience: string, sub: Subscription): Promise<string> {
  const match = /^vapid t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+), k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match) throw new Rejected(403, 'Authorization is not "vapid t=<JWT>, k=<key>"');
  const [, jwt, k] = match as unknown as [string, string, string];
  const keyBytes = Buffer.from(k, 'base64url');
  if (keyBytes.length !== 65 || keyBytes[0] !== 4) throw new Rejected(403, 'k is not an uncompressed P-256 point');
  if (sub.applicationServerKey !== null && sub.applicationServerKey !== k) {
    // RFC 8292 §4.2: a subscription bound to an application server key accepts only that key.
    throw new Rejected(403, 'k is not the key this subscription was made with');
  }
  const [headerPart, claimsPart, signaturePart] = jwt.split('.') as [string, string, string];
  const jwtHeader = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as { alg?: string };
  if (jwtHeader.alg !== 'ES256') throw new Rejected(403, `JWT alg is ${jwtHeader.alg}, not ES256`);
  const publicKey = await webcrypto.subtle.importKey('raw', keyBytes, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'verify',
  ]);
  // JWS ES256 signatures are r || s, 64 bytes (RFC 7518 §3.4), which is what Web Crypto verifies.
  const valid = await webcrypto.subtle.verify(
    { name: 'ECDSA', hash: 'SHA-256' },
    publicKey,
    Buffer.from(signaturePart, 'base64url'),
    Buffer.from(`${headerPart}.${claimsPart}`),
  );
  if (!valid) throw new Rejected(403, 'JWT signature does not verify with k');
  const claims = JSON.parse(Buffer.from(claimsPart, 'base64url').toString('utf8')) as Record<string, unknown>;
  if (claims.aud !== audience) throw new Rejected(403, `aud is ${String(claims.aud)}, not ${audience}`);
  const nowSeconds = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds || claims.exp > nowSeconds + maxJwtLifetimeSeconds) {
    throw new Rejected(403, `exp ${String(claims.exp)} is not within the next 24 hours`);
  }
  if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub)) {
    throw new Rejected(403, 'sub is not a mailto: or https: URI');
  }
  return k;
}

/** RFC 8291 §3–4 with RFC 8188 aes128gcm: one record, the sender's public key as the key id. */
function decrypt(body: Buffer, sub: Subscription): string {
  if (body.length < 21) throw new Rejected(400, 'body shorter than the aes128gcm header');
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20] as number;
  if (idLength !== 65) throw new Rejected(400, `key id is ${idLength} bytes, not a 65-byte P-256 point`);
  const senderPublicKey = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  // RFC 8291 §4: the push message is a single record, no larger than the record size.
  if (recordSize < 18 || record.length > recordSize) throw new Rejected(400, 'not a single aes128gcm record');
  if (record.length < 17) throw new Rejected(400, 'record shorter than the GCM tag');

  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(sub.privateKey);
  const ecdhSecret = ecdh.computeSecret(senderPublicKey);
  // RFC 8291 §3.3–3.4: IKM from the auth secret, then RFC 8188 §2.2 CEK and nonce from the salt.
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), sub.publicKey, senderPublicKey]);
  const ikm = hmac(hmac(sub.auth, ecdhSecret), Buffer.concat([keyInfo, Buffer.from([1])]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);

  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  let padded: Buffer;
  try {
    padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  } catch {
    throw new Rejected(400, 'the record does not decrypt (AES-128-GCM tag mismatch)');
  }
  // RFC 8188 §2: padding is zeroes after a delimiter; 0x02 marks the last record.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (end < 0 || padded[end] !== 2) throw new Rejected(400, 'no 0x02 padding delimiter');
  return padded.subarray(0, end).toString('utf8');
}

/** RFC 8030 §5 (message), §5.2 (TTL), §5.3 (Urgency). */
async function receive(req: IncomingMessage, sub: Subscription, audience: string) {
  if (req.headers['content-encoding'] !== 'aes128gcm') throw new Rejected(400, 'Content-Encoding is not aes128gcm');
  const ttl = req.headers.ttl;
  if (typeof ttl !== 'string' || !/^\d+$/.test(ttl)) throw new Rejected(400, 'missing or invalid TTL header');
  const urgency = req.headers.urgency ?? null;
  if (urgency !== null && !['very-low', 'low', 'normal', 'high'].includes(String(urgency))) {
    throw new Rejected(400, `invalid Urgency ${String(urgency)}`);
  }
  const vapidKey = await checkVapid(req.headers.authorization, audience, sub);
  const body = await readBody(req);
  if (body.length > maxBodyBytes) throw new Rejected(413, `body is ${body.length} bytes, over ${maxBodyBytes}`);
  const payload = decrypt(body, sub);
  sub.messages.push({ payload, ttl: Number(ttl), urgency: urgency === null ? null : String(urgency), vapidKey });
}

/** vitest globalSetup: starts the service and provides its URL to the tests as `pushService`. */
export default async function setup(project: TestProject) {
  const subscriptions = new Map<string, Subscription>();
  let origin = '';

  const server = createServer(async (req, res) => {
    try {
      const path = new URL(req.url ?? '/', origin).pathname;
      if (req.method === 'POST' && path === '/subscriptions') {
        const body = await readBody(req);
        const options = (body.length > 0 ? JSON.parse(body.toString('utf8')) : {}) as {
          applicationServerKey?: string;
          gone?: boolean;
        };
        const ecdh = createECDH('prime256v1');
        ecdh.generateKeys();
        const id = `${options.gone ? 'gone-' : ''}${randomBytes(12).toString('hex')}`;
        const sub: Subscription = {
          privateKey: ecdh.getPrivateKey(),
          publicKey: ecdh.getPublicKey(),
          auth: randomBytes(16),
          applicationServerKey: options.applicationServerKey ?? null,
          gone: options.gone === true,
          messages: [],
          rejections: [],
        };
        subscriptions.set(id, sub);
        return send(res, 201, {
          endpoint: `${origin}/push/${id}`,
          keys: { p256dh: sub.publicKey.toString('base64url'), auth: sub.auth.toString('base64url') },
        });
      }
      const push = /^\/push\/([\w-]+)$/.exec(path);
      if (req.method === 'POST' && push) {
        const sub = subscriptions.get(push[1] as string);
        if (!sub) return send(res, 404, { reason: 'no such subscription' });
        if (sub.gone) return send(res, 410, { reason: 'subscription expired' });
        try {
          await receive(req, sub, origin);
        } catch (error) {
          if (!(error instanceof Rejected)) throw error;
          sub.rejections.push(error.message);
          return send(res, error.status, { reason: error.message });
        }
        // RFC 8030 §5: 201 Created with the message's Location.
        res.writeHead(201, { Location: `${origin}/message/${sub.messages.length}` });
        return res.end();
      }
      const received = /^\/received\/([\w-]+)$/.exec(path);
      if (req.method === 'GET' && received) {
        const sub = subscriptions.get(received[1] as string);
        if (!sub) return send(res, 404, { reason: 'no such subscription' });
        return send(res, 200, { messages: sub.messages, rejections: sub.rejections });
      }
      return send(res, 404, { reason: 'not found' });
    } catch (error) {
      return send(res, 500, { reason: String(error) });
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  project.provide('pushService', origin);

  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
