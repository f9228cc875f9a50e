/**
 * Stands in, in the worker bundle, for `@peculiar/asn1-schema` and `@peculiar/asn1-ecc`
 * (wrangler.toml `[alias]`, vitest.config.ts). With attestation "none" (attestation-refused.ts),
 * @simplewebauthn/server reads exactly one ASN.1 structure: the DER ECDSA signature of an assertion,
 * `SEQUENCE { r INTEGER, s INTEGER }` (`unwrapEC2Signature`). That is 40 lines of strict DER here
 * instead of asn1js and its helpers (about 20 KB gzip), and less code that parses untrusted input.
 *
 * The parse is strict DER: definite minimal lengths, nothing after the sequence, positive minimal
 * integers. Anything else throws, which the assertion wrapper answers as a refused passkey.
 */

/** `ECDSA-Sig-Value` of RFC 3279 as @peculiar/asn1-ecc shapes it: r and s as big-endian bytes. */
export class ECDSASigValue {
  r = new ArrayBuffer(0);
  s = new ArrayBuffer(0);
}

function malformed(): never {
  throw new Error('malformed DER ECDSA signature');
}

/** Reads one DER element of `tag` at `at`; answers where its content starts and ends. */
function element(der: Uint8Array, at: number, tag: number): { start: number; end: number } {
  if (der[at] !== tag) malformed();
  let length = der[at + 1] ?? malformed();
  let start = at + 2;
  if (length === 0x81) {
    // Long form is only for lengths of 128 and more (DER: the shortest form).
    length = der[at + 2] ?? malformed();
    if (length < 0x80) malformed();
    start = at + 3;
  } else if (length > 0x80) malformed();
  const end = start + length;
  if (end > der.length) malformed();
  return { start, end };
}

function integer(der: Uint8Array, at: number): { bytes: ArrayBuffer; end: number } {
  const { start, end } = element(der, at, 0x02);
  if (end === start) malformed(); // empty
  const first = der[start] as number;
  if (first & 0x80) malformed(); // negative
  if (first === 0 && end - start > 1 && !((der[start + 1] as number) & 0x80)) malformed(); // not minimal
  return { bytes: der.slice(start, end).buffer, end };
}

export function parseEcdsaSignature(signature: Uint8Array): ECDSASigValue {
  const sequence = element(signature, 0, 0x30);
  if (sequence.end !== signature.length) malformed();
  const r = integer(signature, sequence.start);
  const s = integer(signature, r.end);
  if (s.end !== sequence.end) malformed();
  return Object.assign(new ECDSASigValue(), { r: r.bytes, s: s.bytes });
}

// @peculiar/asn1-schema: only the ECDSA signature is ever parsed.
export const AsnParser = {
  parse(data: BufferSource, type: unknown): ECDSASigValue {
    if (type !== ECDSASigValue) throw new Error('only ECDSA signatures are parsed (attestation "none")');
    const bytes = ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);
    return parseEcdsaSignature(bytes);
  },
};

function refuse(): never {
  throw new Error('attestation certificates are not accepted (Countersign asks for attestation "none")');
}

export class OctetString {
  constructor() {
    refuse();
  }
}

// @peculiar/asn1-ecc: certificate-key names, read only on attestation paths that are refused.
export class ECParameters {
  constructor() {
    refuse();
  }
}
export const id_ecPublicKey = '1.2.840.10045.2.1';
export const id_secp256r1 = '1.2.840.10045.3.1.7';
export const id_secp384r1 = '1.3.132.0.34';
export const id_ecdsaWithSHA256 = '1.2.840.10045.4.3.2';
export const id_ecdsaWithSHA384 = '1.2.840.10045.4.3.3';
export const id_ecdsaWithSHA512 = '1.2.840.10045.4.3.4';
