/**
 * Stands in for `@peculiar/x509` in the worker bundle (wrangler.toml `[alias]`, vitest.config.ts).
 *
 * Countersign asks for `attestation: 'none'`, so it never needs to read an attestation certificate
 * chain. @simplewebauthn/server imports @peculiar/x509 (and, through it, tsyringe and
 * reflect-metadata, about 23 KB gzip) only to check such chains (packed with x5c, TPM, Android key,
 * Apple, FIDO U2F). Here every one of those paths throws; the registration wrapper turns that into
 * `passkey_rejected`, a 400. Less code that parses untrusted ASN.1 is also less attack surface.
 */
function refuse(): never {
  throw new Error('attestation certificates are not accepted (Countersign asks for attestation "none")');
}

export class X509Certificate {
  constructor() {
    refuse();
  }
}
export class X509ChainBuilder {
  constructor() {
    refuse();
  }
}
export class X509Crl {
  constructor() {
    refuse();
  }
}
export class AuthorityKeyIdentifierExtension {
  constructor() {
    refuse();
  }
}
export class CRLDistributionPointsExtension {
  constructor() {
    refuse();
  }
}
export class SubjectKeyIdentifierExtension {
  constructor() {
    refuse();
  }
}
