import { describe, expect, it } from 'vitest';
import { assessSignIn, distanceKm, type SignInPlace } from './risk.ts';

const hour = 3_600_000;
const london: SignInPlace = {
  at: 0,
  credentialId: 'phone',
  country: 'GB',
  city: 'London',
  latitude: 51.5,
  longitude: -0.13,
  asn: 2856,
};
const at = (place: Partial<SignInPlace>, ms: number): SignInPlace => ({ ...london, ...place, at: ms });

describe('sign-in risk', () => {
  it('measures London to New York at about 5,570 km', () => {
    expect(
      Math.round(distanceKm(london as { latitude: number; longitude: number }, { latitude: 40.71, longitude: -74.0 })),
    ).toBeGreaterThan(5500);
    expect(
      Math.round(distanceKm(london as { latitude: number; longitude: number }, { latitude: 40.71, longitude: -74.0 })),
    ).toBeLessThan(5650);
  });

  it('lets a sign-in from the usual place and passkey through', () => {
    expect(assessSignIn(at({}, 2 * hour), [london], 'risk', 900)).toEqual({ stepUp: false, reasons: [], speedKmh: 0 });
  });

  it('asks for a code from a country not seen before', () => {
    const paris = at({ country: 'FR', city: 'Paris', latitude: 48.86, longitude: 2.35 }, 10 * hour);
    expect(assessSignIn(paris, [london], 'risk', 900).reasons).toEqual(['new_country']);
  });

  it('asks for a code when the travel would be faster than 900 km/h, even within one country', () => {
    const edinburgh = at({ city: 'Edinburgh', latitude: 55.95, longitude: -3.19 }, 20 * 60_000);
    const decision = assessSignIn(edinburgh, [london], 'risk', 900);
    expect(decision.reasons).toEqual(['impossible_travel']);
    expect(decision.speedKmh).toBeGreaterThan(900);
    // The same trip in two hours is possible.
    expect(assessSignIn(at({ latitude: 55.95, longitude: -3.19 }, 2 * hour), [london], 'risk', 900).stepUp).toBe(false);
  });

  it('asks for a code from a passkey that never signed in before (a new device)', () => {
    expect(assessSignIn(at({ credentialId: 'laptop' }, hour), [london], 'risk', 900).reasons).toEqual(['new_device']);
  });

  it('always asks when the holder chose "always", and never without history otherwise', () => {
    expect(assessSignIn(at({}, hour), [london], 'always', 900).reasons).toEqual(['always']);
    expect(assessSignIn(at({ country: 'FR' }, hour), [], 'risk', 900).stepUp).toBe(false);
  });
});
