/**
 * A small software WebAuthn authenticator for tests.
 *
 * It plays both the browser (client data) and a platform authenticator
 * (authenticator data, keys, signatures), and answers the JSON options that
 * @simplewebauthn/server produces with the JSON responses that
 * @simplewebauthn/server verifies. Keys are ES256 (ECDSA P-256 / SHA-256),
 * attestation is "none".
 *
 * Only Web-standard APIs are used (crypto.subtle, crypto.getRandomValues,
 * TextEncoder, Uint8Array, btoa/atob), so it runs inside workerd
 * (vitest-pool-workers) as well as in Node 20+.
 */

export interface SoftAuthenticatorOptions {
  /** RP ID whose SHA-256 goes into authenticator data. Default 'localhost'. */
  rpId?: string;
  /** Origin written into clientDataJSON. Default 'http://localhost:8787'. */
  origin?: string;
  /** Sets the UV flag. Default true. */
  userVerified?: boolean;
  /** Sets the UP flag. Default true. */
  userPresent?: boolean;
  /** Sets the BE flag. Default false. */
  backupEligible?: boolean;
  /** Sets the BS flag. Default false. */
  backedUp?: boolean;
}

/** Structurally compatible with RegistrationResponseJSON from @simplewebauthn/server. */
export interface SoftRegistrationResponseJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  response: {
    clientDataJSON: string;
    attestationObject: string;
    authenticatorData?: string;
    transports?: string[];
    publicKeyAlgorithm?: number;
    publicKey?: string;
  };
  clientExtensionResults: Record<string, never>;
  authenticatorAttachment?: 'platform' | 'cross-platform';
}

/** Structurally compatible with AuthenticationResponseJSON from @simplewebauthn/server. */
export interface SoftAuthenticationResponseJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  response: {
    clientDataJSON: string;
    authenticatorData: string;
    signature: string;
    userHandle?: string;
  };
  clientExtensionResults: Record<string, never>;
  authenticatorAttachment?: 'platform' | 'cross-platform';
}

/**
 * The parts of PublicKeyCredentialCreationOptionsJSON this authenticator reads.
 * (register/authenticate are generic over these so that both the library's
 * option interfaces and object literals with extra fields are accepted.)
 */
export interface SoftRegistrationOptions {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
}

/** The parts of PublicKeyCredentialRequestOptionsJSON this authenticator reads. */
export interface SoftAuthenticationOptions {
  challenge: string;
  rpId?: string;
  allowCredentials?: readonly { id: string }[];
}

export interface SoftRegistrationOverrides {
  rpId?: string;
  origin?: string;
  /** clientDataJSON "type"; default 'webauthn.create'. */
  type?: string;
  challenge?: string;
  /** An attestation statement format other than 'none' (for refusal tests), with its statement. */
  attestation?: { fmt: string; attStmt: Map<string, CborValue> };
}

export interface SoftAuthenticationOverrides {
  /** Which stored credential to use. */
  credentialId?: string;
  rpId?: string;
  origin?: string;
  /** clientDataJSON "type"; default 'webauthn.get'. */
  type?: string;
  challenge?: string;
  userHandle?: string;
}

interface StoredCredential {
  id: string;
  privateKey: CryptoKey;
  userHandle: string;
  signCount: number;
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;
const COSE_ALG_ES256 = -7;

export class SoftAuthenticator {
  /**
   * The RP ID hashed into authenticator data. The options' rp.id / rpId are
   * not consulted (this object plays a browser sitting at `origin` with this
   * RP ID), so flipping it forges a response for another RP.
   */
  rpId: string;
  /** The origin written into clientDataJSON. */
  origin: string;
  userVerified: boolean;
  userPresent: boolean;
  backupEligible: boolean;
  backedUp: boolean;

  readonly #credentials: StoredCredential[] = [];

  constructor(opts: SoftAuthenticatorOptions = {}) {
    this.rpId = opts.rpId ?? 'localhost';
    this.origin = opts.origin ?? 'http://localhost:8787';
    this.userVerified = opts.userVerified ?? true;
    this.userPresent = opts.userPresent ?? true;
    this.backupEligible = opts.backupEligible ?? false;
    this.backedUp = opts.backedUp ?? false;
  }

  /** Base64url IDs of the stored credentials, oldest first. */
  credentialIds(): string[] {
    return this.#credentials.map((c) => c.id);
  }

  /**
   * Answers creation options with a "none"-attestation ES256 registration
   * response, and stores the new credential for later assertions.
   */
  async register<O extends SoftRegistrationOptions>(
    options: O,
    overrides: SoftRegistrationOverrides = {},
  ): Promise<SoftRegistrationResponseJSON> {
    // The annotations keep this compiling under both lib.dom and
    // @cloudflare/workers-types (whose overloads return these unions).
    const keyPair: CryptoKey | CryptoKeyPair = await crypto.subtle.generateKey(
      { name: 'ECDSA', namedCurve: 'P-256' },
      true,
      ['sign', 'verify'],
    );
    if (!('privateKey' in keyPair)) throw new Error('SoftAuthenticator: expected a key pair');
    const jwk: JsonWebKey | ArrayBuffer = await crypto.subtle.exportKey('jwk', keyPair.publicKey);
    if (jwk instanceof ArrayBuffer || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
      throw new Error('SoftAuthenticator: exported public key has no x/y');
    }
    const cosePublicKey = cborEncode(
      new Map<number, CborValue>([
        [1, 2], // kty: EC2
        [3, COSE_ALG_ES256], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, fromBase64url(jwk.x)],
        [-3, fromBase64url(jwk.y)],
      ]),
    );

    const credentialIdLength = 16 + ((crypto.getRandomValues(new Uint8Array(1))[0] ?? 0) % 17);
    const credentialId = crypto.getRandomValues(new Uint8Array(credentialIdLength));

    const attestedCredentialData = concat(
      new Uint8Array(16), // AAGUID: all zeros
      uint16(credentialId.length),
      credentialId,
      cosePublicKey,
    );
    const authenticatorData = concat(
      await sha256(utf8(overrides.rpId ?? this.rpId)),
      new Uint8Array([this.#flags() | FLAG_AT]),
      uint32(0),
      attestedCredentialData,
    );
    const attestationObject = cborEncode(
      new Map<string, CborValue>([
        ['fmt', overrides.attestation?.fmt ?? 'none'],
        ['attStmt', overrides.attestation?.attStmt ?? new Map<string, CborValue>()],
        ['authData', authenticatorData],
      ]),
    );
    const clientDataJSON = this.#clientData(
      overrides.type ?? 'webauthn.create',
      overrides.challenge ?? options.challenge,
      overrides.origin ?? this.origin,
    );

    const id = toBase64url(credentialId);
    this.#credentials.push({
      id,
      privateKey: keyPair.privateKey,
      userHandle: options.user.id,
      signCount: 0,
    });

    return {
      id,
      rawId: id,
      type: 'public-key',
      response: {
        clientDataJSON: toBase64url(clientDataJSON),
        attestationObject: toBase64url(attestationObject),
        authenticatorData: toBase64url(authenticatorData),
        transports: ['internal'],
        publicKeyAlgorithm: COSE_ALG_ES256,
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /**
   * Answers request options with an assertion from a stored credential:
   * overrides.credentialId if given; otherwise the most recent stored
   * credential listed in allowCredentials, or the most recent one at all when
   * allowCredentials is empty. The sign count goes up by 1 each time.
   */
  async authenticate<O extends SoftAuthenticationOptions>(
    options: O,
    overrides: SoftAuthenticationOverrides = {},
  ): Promise<SoftAuthenticationResponseJSON> {
    const credential = this.#pick(options, overrides.credentialId);
    credential.signCount += 1;

    const authenticatorData = concat(
      await sha256(utf8(overrides.rpId ?? this.rpId)),
      new Uint8Array([this.#flags()]),
      uint32(credential.signCount),
    );
    const clientDataJSON = this.#clientData(
      overrides.type ?? 'webauthn.get',
      overrides.challenge ?? options.challenge,
      overrides.origin ?? this.origin,
    );
    const signed = concat(authenticatorData, await sha256(clientDataJSON));
    const rawSignature = new Uint8Array(
      await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, credential.privateKey, signed),
    );

    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      response: {
        clientDataJSON: toBase64url(clientDataJSON),
        authenticatorData: toBase64url(authenticatorData),
        signature: toBase64url(rawSignatureToDer(rawSignature)),
        userHandle: overrides.userHandle ?? credential.userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  #pick(options: SoftAuthenticationOptions, credentialId: string | undefined): StoredCredential {
    if (credentialId !== undefined) {
      const found = this.#credentials.find((c) => c.id === credentialId);
      if (!found) throw new Error(`SoftAuthenticator: no stored credential ${credentialId}`);
      return found;
    }
    const allowed = options.allowCredentials ?? [];
    const candidates =
      allowed.length === 0 ? this.#credentials : this.#credentials.filter((c) => allowed.some((a) => a.id === c.id));
    const chosen = candidates[candidates.length - 1];
    if (!chosen) {
      throw new Error(
        allowed.length === 0
          ? 'SoftAuthenticator: no stored credentials'
          : 'SoftAuthenticator: none of allowCredentials is stored here',
      );
    }
    return chosen;
  }

  #flags(): number {
    return (
      (this.userPresent ? FLAG_UP : 0) |
      (this.userVerified ? FLAG_UV : 0) |
      (this.backupEligible ? FLAG_BE : 0) |
      (this.backedUp ? FLAG_BS : 0)
    );
  }

  #clientData(type: string, challenge: string, origin: string): Uint8Array<ArrayBuffer> {
    return utf8(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }
}

// ---------------------------------------------------------------------------
// Bytes, base64url, hashing

function utf8(text: string): Uint8Array<ArrayBuffer> {
  const encoded = new TextEncoder().encode(text);
  const out = new Uint8Array(encoded.length);
  out.set(encoded);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function uint16(n: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array([(n >>> 8) & 0xff, n & 0xff]);
}

function uint32(n: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}

async function sha256(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
}

function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** WebCrypto's raw r||s ECDSA signature → ASN.1 DER SEQUENCE { INTEGER r, INTEGER s }. */
function rawSignatureToDer(raw: Uint8Array): Uint8Array<ArrayBuffer> {
  const half = raw.length / 2;
  const r = derInteger(raw.subarray(0, half));
  const s = derInteger(raw.subarray(half));
  return concat(new Uint8Array([0x30, r.length + s.length]), r, s);
}

function derInteger(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  let value = bytes.subarray(start);
  if ((value[0] ?? 0) & 0x80) value = concat(new Uint8Array([0]), value);
  return concat(new Uint8Array([0x02, value.length]), value);
}

// ---------------------------------------------------------------------------
// Tiny CBOR encoder: integers, byte strings, text strings, arrays, maps (in insertion order)

export type CborValue = number | string | Uint8Array | CborValue[] | Map<number | string, CborValue>;

function cborEncode(value: CborValue): Uint8Array<ArrayBuffer> {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`CBOR: unsupported number ${value}`);
    return value >= 0 ? cborHead(0, value) : cborHead(1, -1 - value);
  }
  if (typeof value === 'string') {
    const bytes = utf8(value);
    return concat(cborHead(3, bytes.length), bytes);
  }
  if (value instanceof Uint8Array) {
    return concat(cborHead(2, value.length), value);
  }
  if (Array.isArray(value)) return concat(cborHead(4, value.length), ...value.map(cborEncode));
  const parts: Uint8Array[] = [cborHead(5, value.size)];
  for (const [key, item] of value) parts.push(cborEncode(key), cborEncode(item));
  return concat(...parts);
}

function cborHead(major: number, n: number): Uint8Array<ArrayBuffer> {
  const m = major << 5;
  if (n < 24) return new Uint8Array([m | n]);
  if (n < 0x100) return new Uint8Array([m | 24, n]);
  if (n < 0x10000) return concat(new Uint8Array([m | 25]), uint16(n));
  if (n < 0x100000000) return concat(new Uint8Array([m | 26]), uint32(n));
  throw new Error(`CBOR: length ${n} too large`);
}
