/** Where a code may go, and how it is shown: the pumping guard, e-mail checks and masking. */
import { maskEmail, maskPhone } from '../../shared/mask.ts';
import type { Channel } from '../../shared/verifications.ts';
import { secretCodeKey } from './codes.ts';
import { callingCodeOf, toE164 } from './phone.ts';

/** A plain check of an e-mail address: one `@`, a dotted domain, no spaces; at most 254 characters. */
const emailPattern = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

/** The destination in canonical form (E.164 or lower-case e-mail), or null when it is neither. */
export function canonicalDestination(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed.includes('@')) return trimmed.length <= 254 && emailPattern.test(trimmed) ? trimmed.toLowerCase() : null;
  return toE164(trimmed);
}

/** Shows a destination masked: `+44 •••• •••• 789`, `j•••@example.com`. */
export function maskOf(destination: string): string {
  return destination.includes('@')
    ? maskEmail(destination)
    : maskPhone(destination, callingCodeOf(destination) ?? undefined);
}

/** The secrets decoys are keyed by. */
export type DecoySecrets = { CODE_HMAC_SECRET?: string; CODE_DECOY_SECRET?: string };

/**
 * A masked destination for an account that has none to show (unknown, or no verified contact for
 * that channel): derived from the secret and what was asked for, so that asking twice shows the same
 * and an outsider cannot tell it from a real one (DESIGN.md: no enumeration). The key is
 * `CODE_DECOY_SECRET`, which a rotation of `CODE_HMAC_SECRET` leaves alone (a changed decoy would
 * tell unknown subjects from known ones); without it, `CODE_HMAC_SECRET` (the deployment guard
 * refuses a rotation without it). The `decoy` label keeps these MACs apart from code hashes.
 */
export async function decoyMask(
  env: DecoySecrets,
  subject: string,
  channel: Channel,
  callingCode: string,
): Promise<string> {
  const imported = secretCodeKey(env.CODE_DECOY_SECRET ?? env.CODE_HMAC_SECRET);
  // Without the secret nothing can be sent at all (the start answers not_configured).
  if (!imported)
    return channel === 'email' ? maskEmail('x@example.com') : maskPhone(`+${callingCode}7000000000`, callingCode);
  const key = await imported;
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`decoy\n${subject}\n${channel}`)),
  );
  const digit = (i: number) => String((mac[i] as number) % 10);
  if (channel === 'email') {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const domains = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com'];
    return maskEmail(`${letters[(mac[0] as number) % 26]}x@${domains[(mac[1] as number) % domains.length]}`);
  }
  // A UK mobile has 10 national digits; other codes are shown with the same length.
  return maskPhone(`+${callingCode}7${'0'.repeat(6)}${digit(2)}${digit(3)}${digit(4)}`, callingCode);
}
