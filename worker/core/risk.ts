/**
 * Risk-based step-up at sign-in: compares where a sign-in comes from, and with which
 * passkey, with the account's recent sign-ins. Pure: the place comes from the request (on
 * Cloudflare, `request.cf`), the history from the Account object.
 */
import type { StepUpReason } from '../../shared/account.ts';

/** Where and with what one sign-in happened. */
export interface SignInPlace {
  at: number;
  credentialId: string;
  country: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  asn: number | null;
}

export type { StepUpReason };

export interface RiskDecision {
  stepUp: boolean;
  reasons: StepUpReason[];
  /** The speed the last sign-in implies, when both places have coordinates (km/h, rounded). */
  speedKmh: number | null;
}

const earthRadiusKm = 6371;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance between two points (haversine), in km. */
export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

const located = (p: SignInPlace): p is SignInPlace & { latitude: number; longitude: number } =>
  typeof p.latitude === 'number' && typeof p.longitude === 'number';

/**
 * Whether this sign-in needs a code after the passkey: always when the holder chose so; otherwise
 * on a country never seen in the recent sign-ins, on travel faster than `maxKmh` since the last
 * sign-in (an airliner is ~900 km/h), or on a passkey never used to sign in before (a new device).
 * An account with no history (just registered) has nothing to compare with.
 */
export function assessSignIn(
  current: SignInPlace,
  history: readonly SignInPlace[],
  preference: 'risk' | 'always',
  maxKmh: number,
): RiskDecision {
  const reasons: StepUpReason[] = [];
  if (preference === 'always') reasons.push('always');
  let speedKmh: number | null = null;
  const last = history[0];
  if (last) {
    if (current.country && !history.some((h) => h.country === current.country)) reasons.push('new_country');
    if (located(current) && located(last)) {
      const km = distanceKm(last, current);
      // At least a minute apart, so that two sign-ins in the same second do not divide by zero.
      const hours = Math.max(current.at - last.at, 60_000) / 3_600_000;
      speedKmh = Math.round(km / hours);
      if (km > 50 && speedKmh > maxKmh) reasons.push('impossible_travel');
    }
    if (!history.some((h) => h.credentialId === current.credentialId)) reasons.push('new_device');
  }
  return { stepUp: reasons.length > 0, reasons, speedKmh };
}
