/**
 * Passkey ceremonies on @simplewebauthn/server, with Countersign's policy in one place:
 * resident keys required, user verification required, platform authenticators preferred.
 */
import {
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Settings } from './config.ts';
import { errorText, log } from './log.ts';
import { fail, ok, type Result } from './result.ts';

/** COSE algorithms a new passkey may use: Ed25519 (-8), ES256 (-7), RS256 (-257), in that order. */
export const passkeyAlgorithms = [-8, -7, -257];

export interface StoredCredential {
  id: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
}

export interface NewCredential extends StoredCredential {
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
}

const transportNames = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

function knownTransports(list: string[]): AuthenticatorTransport[] {
  return list.filter((t): t is AuthenticatorTransport => transportNames.has(t));
}

/**
 * Who a passkey is for. Customers are steered to the phone's own biometrics (a hint, not a rule);
 * staff on call-centre desktops and virtual desktops may use a security key or their phone (hybrid).
 */
export type PasskeyHolder = 'customer' | 'staff';

/** WebAuthn L3 hints, in the order the browser should offer them; no authenticator is forbidden. */
const hintsFor: Record<PasskeyHolder, ('client-device' | 'hybrid' | 'security-key')[]> = {
  customer: ['client-device', 'hybrid', 'security-key'],
  staff: ['security-key', 'hybrid', 'client-device'],
};

/** Options for creating a passkey for `user`, excluding the credentials it already has. */
export async function registrationOptions(
  settings: Settings,
  user: { id: Uint8Array; handle: string; displayName: string },
  existing: StoredCredential[],
  holder: PasskeyHolder = 'customer',
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const options = await generateRegistrationOptions({
    rpName: settings.rpName,
    rpID: settings.rpId,
    userID: new Uint8Array(user.id),
    userName: user.handle,
    userDisplayName: user.displayName,
    timeout: settings.passkeyChallengeTtlMs,
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: knownTransports(c.transports) })),
    // No `authenticatorAttachment`: SimpleWebAuthn's `preferredAuthenticatorType` would set one and
    // so forbid every other kind of authenticator; hints only order what the browser offers.
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    // Named, not left to the library: it offers ML-DSA-44 first where the runtime's Web Crypto has it
    // (Deno, not workerd), and the same deployment must ask every browser for the same keys.
    supportedAlgorithmIDs: passkeyAlgorithms,
  });
  return { ...options, hints: hintsFor[holder] };
}

/**
 * Options for an assertion. With no credentials it is a usernameless sign-in (the authenticator
 * offers its passkeys); with credentials, only those passkeys may answer (a ceremony's customer).
 */
export function authenticationOptions(
  settings: Settings,
  allow: StoredCredential[] = [],
  challenge?: Uint8Array<ArrayBuffer>,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: settings.rpId,
    ...(challenge ? { challenge } : {}),
    userVerification: 'required',
    timeout: settings.passkeyChallengeTtlMs,
    allowCredentials: allow.map((c) => ({ id: c.id, transports: knownTransports(c.transports) })),
  });
}

export type PasskeyFailure = 'passkey_rejected';

/** Checks a registration response against the challenge held server-side. */
export async function verifyRegistration(
  settings: Settings,
  response: RegistrationResponseJSON,
  expectedChallenge: string,
): Promise<Result<NewCredential, PasskeyFailure>> {
  try {
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge,
      expectedOrigin: settings.origin,
      expectedRPID: settings.rpId,
      requireUserVerification: true,
    });
    if (!result.verified) return fail('passkey_rejected');
    const { credential, credentialDeviceType, credentialBackedUp } = result.registrationInfo;
    return ok({
      id: credential.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? response.response.transports ?? [],
      deviceType: credentialDeviceType,
      backedUp: credentialBackedUp,
    });
  } catch (error) {
    log('warn', 'passkey_registration_rejected', { error: errorText(error) });
    return fail('passkey_rejected');
  }
}

export interface Assertion {
  newCounter: number;
  backedUp: boolean;
  deviceType: 'singleDevice' | 'multiDevice';
}

/** Checks an assertion against the challenge held server-side and the stored public key. */
export async function verifyAssertion(
  settings: Settings,
  response: AuthenticationResponseJSON,
  expectedChallenge: string,
  credential: StoredCredential,
): Promise<Result<Assertion, PasskeyFailure>> {
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: settings.origin,
      expectedRPID: settings.rpId,
      credential: {
        id: credential.id,
        publicKey: new Uint8Array(credential.publicKey),
        counter: credential.counter,
        transports: knownTransports(credential.transports),
      },
      requireUserVerification: true,
    });
    if (!result.verified) return fail('passkey_rejected');
    const info = result.authenticationInfo;
    return ok({
      newCounter: info.newCounter,
      backedUp: info.credentialBackedUp,
      deviceType: info.credentialDeviceType,
    });
  } catch (error) {
    log('warn', 'passkey_assertion_rejected', { error: errorText(error) });
    return fail('passkey_rejected');
  }
}
