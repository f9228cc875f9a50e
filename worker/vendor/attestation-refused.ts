/**
 * Stands in, in the worker bundle, for the modules @simplewebauthn/server needs only to check
 * attestation certificates (wrangler.toml `[alias]`, vitest.config.ts): `@peculiar/x509` (with
 * tsyringe), `reflect-metadata`, `@peculiar/asn1-android`, `@peculiar/asn1-rsa`, `@peculiar/asn1-x509` and
 * `@peculiar/asn1-x509-post-quantum`.
 *
 * Countersign asks for `attestation: 'none'`, so it never needs to read an attestation certificate
 * chain (packed with x5c, TPM, Android key, Apple, FIDO U2F). Here every one of those paths throws;
 * the registration wrapper turns that into `passkey_rejected`, a 400. The one ASN.1 structure an
 * assertion needs, its ECDSA signature, is read by ecdsa-der.ts. Less code that parses untrusted ASN.1 is also less attack
 * surface, and the bundle is about 30 KB gzip smaller.
 */
function refuse(): never {
  throw new Error('attestation certificates are not accepted (Countersign asks for attestation "none")');
}

class Refused {
  constructor() {
    refuse();
  }
}

// @peculiar/x509
export class X509Certificate extends Refused {}
export class X509ChainBuilder extends Refused {}
export class X509Crl extends Refused {}
export class AuthorityKeyIdentifierExtension extends Refused {}
export class CRLDistributionPointsExtension extends Refused {}
export class SubjectKeyIdentifierExtension extends Refused {}

// @peculiar/asn1-android (Android key attestation)
export class KeyDescription extends Refused {}
export const id_ce_keyDescription = 'refused:android-key-description';

// @peculiar/asn1-rsa (RSA keys in certificates; no OID here matches a real one)
export class RSAPublicKey extends Refused {}
export const id_rsaEncryption = 'refused:rsa';
export const id_sha1WithRSAEncryption = 'refused:sha1-rsa';
export const id_sha256WithRSAEncryption = 'refused:sha256-rsa';
export const id_sha384WithRSAEncryption = 'refused:sha384-rsa';
export const id_sha512WithRSAEncryption = 'refused:sha512-rsa';

// reflect-metadata is imported only for its side effect, by the certificate-path helpers.

// @peculiar/asn1-x509 (certificate structures). @peculiar/asn1-ecc, which assertions need for
// ES256 signatures, builds AlgorithmIdentifier values when it loads: that one is inert, not refused.
export class AlgorithmIdentifier {
  constructor(readonly params: { algorithm: string } = { algorithm: '' }) {}
}
export class Certificate extends Refused {}
export class BasicConstraints extends Refused {}
export class ExtendedKeyUsage extends Refused {}
export class SubjectAlternativeName extends Refused {}
export const id_ce_basicConstraints = 'refused:basic-constraints';
export const id_ce_extKeyUsage = 'refused:ext-key-usage';
export const id_ce_subjectAltName = 'refused:subject-alt-name';
// Referred to (not built) by the schemas of @peculiar/asn1-pkcs8 and asn1-x509-post-quantum.
export class Attribute extends Refused {}
export class SubjectPublicKeyInfo extends Refused {}

// @peculiar/asn1-x509-post-quantum: the ML-DSA OIDs of certificate keys (passkeys here are
// Ed25519, ES256 or RS256 only: worker/core/passkeys.ts).
export const id_ml_dsa_44 = 'refused:ml-dsa-44';
export const id_ml_dsa_65 = 'refused:ml-dsa-65';
export const id_ml_dsa_87 = 'refused:ml-dsa-87';
