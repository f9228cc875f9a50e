import { describe, expect, it } from 'vitest';
import { canonicalDestination, decoyMask, maskOf } from './otp-destinations.ts';

describe('destinations', () => {
  it('canonicalises phones to E.164 and e-mail to lower case, and refuses anything else', () => {
    expect(canonicalDestination(' +44 7911 123456 ')).toBe('+447911123456');
    expect(canonicalDestination('Jane.Doe@Example.COM')).toBe('jane.doe@example.com');
    expect(canonicalDestination('not a phone')).toBeNull();
    expect(canonicalDestination('a@b')).toBeNull();
  });

  it('masks a phone by its calling code and last three digits', () => {
    expect(maskOf('+447911123456')).toBe('+44 •••• ••• 456');
    expect(maskOf('+353851234567')).toBe('+353 •••• •• 567');
  });

  it('shows the same decoy for the same name, another for another, and never fails without the secret', async () => {
    const secret = { CODE_HMAC_SECRET: 's'.repeat(40) };
    const a = await decoyMask(secret, 'nobody.here', 'sms', '44');
    expect(a).toMatch(/^\+44 •••• ••• \d{3}$/);
    expect(await decoyMask(secret, 'nobody.here', 'sms', '44')).toBe(a);
    const others = new Set(
      await Promise.all(['x1', 'x2', 'x3', 'x4', 'x5'].map((n) => decoyMask(secret, n, 'sms', '44'))),
    );
    expect(others.size).toBeGreaterThan(1);
    expect(await decoyMask(secret, 'nobody.here', 'email', '44')).toMatch(/^[a-z]•••@/);
    expect(await decoyMask({}, 'nobody.here', 'sms', '44')).toMatch(/^\+44 /);
  });

  it('keeps a decoy across a rotation of the code secret: CODE_DECOY_SECRET keys it, not the code key', async () => {
    const before = { CODE_HMAC_SECRET: 'k1'.repeat(20) };
    const after = {
      CODE_HMAC_SECRET: 'k2'.repeat(20),
      CODE_HMAC_SECRET_PREVIOUS: 'k1'.repeat(20),
      CODE_DECOY_SECRET: 'k1'.repeat(20),
    };
    for (const channel of ['sms', 'email'] as const) {
      const shown = await decoyMask(before, 'nobody.here', channel, '44');
      expect(await decoyMask(after, 'nobody.here', channel, '44')).toBe(shown);
      // A later rotation (a third code key) changes nothing either.
      expect(await decoyMask({ ...after, CODE_HMAC_SECRET: 'k3'.repeat(20) }, 'nobody.here', channel, '44')).toBe(
        shown,
      );
    }
  });
});
