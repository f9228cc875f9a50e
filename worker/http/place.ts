/**
 * Where a request comes from, for the sign-in risk check: Cloudflare's `request.cf` (country,
 * city, coordinates, ASN). In development only (a localhost ORIGIN) the header
 * `X-Countersign-Dev-Place: country=FR; city=Paris; lat=48.86; lon=2.35; asn=3215` stands in for
 * it, so a "new country" can be tried on one laptop. Anywhere else the header is ignored.
 */
import { isDevOrigin } from '../core/config.ts';
import type { SignInPlace } from '../core/risk.ts';

export const devPlaceHeader = 'X-Countersign-Dev-Place';

type Place = Omit<SignInPlace, 'at' | 'credentialId'>;

const text = (v: unknown, max: number) => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : null);
const number = (v: unknown, min: number, max: number) => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
};

function placeOf(fields: Record<string, unknown>): Place {
  return {
    country: text(fields.country, 2)?.toUpperCase() ?? null,
    city: text(fields.city, 100),
    latitude: number(fields.latitude, -90, 90),
    longitude: number(fields.longitude, -180, 180),
    asn: number(fields.asn, 0, 4_294_967_295),
  };
}

/** The request's place: the dev header on a dev origin, else `request.cf`, else all unknown. */
export function requestPlace(request: Request, origin: string): Place {
  const override = request.headers.get(devPlaceHeader);
  if (override && isDevOrigin(origin)) {
    const fields: Record<string, string> = {};
    for (const part of override.split(';')) {
      const [k, v] = part.split('=').map((s) => s.trim());
      if (k && v) fields[{ lat: 'latitude', lon: 'longitude' }[k] ?? k] = v;
    }
    return placeOf(fields);
  }
  return placeOf((request as Request & { cf?: Record<string, unknown> }).cf ?? {});
}
