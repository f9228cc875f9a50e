import { describe, expect, it } from 'vitest';
import { newInviteCode, normalizeInviteCode } from './invite-code.ts';

// Crockford base32: digits and capitals without I, L, O and U.
const codePattern = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

describe('invite codes', () => {
  it('makes 16 Crockford base32 symbols in four groups of four', () => {
    for (let i = 0; i < 200; i++) expect(newInviteCode()).toMatch(codePattern);
  });

  it('makes a different code each time', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => newInviteCode()));
    expect(codes.size).toBe(1000);
  });

  it('uses all 32 symbols (80 bits, not fewer)', () => {
    const seen = new Set(Array.from({ length: 200 }, () => newInviteCode().replaceAll('-', '')).join(''));
    expect(seen.size).toBe(32);
  });

  it('normalizes a code as printed to its symbols without the dashes', () => {
    expect(normalizeInviteCode('7K2M-QX4D-9ZTR-0AB1')).toBe('7K2MQX4D9ZTR0AB1');
  });

  it('accepts a code typed in lower case, without dashes or with spaces', () => {
    const canonical = normalizeInviteCode('7K2M-QX4D-9ZTR-0AB1');
    for (const typed of ['7k2m-qx4d-9ztr-0ab1', '7k2mqx4d9ztr0ab1', ' 7K2M QX4D 9ZTR 0AB1 ', '7k2m\tqx4d-9ztr 0ab1']) {
      expect(normalizeInviteCode(typed)).toBe(canonical);
    }
  });

  it('reads the letters people confuse with digits as those digits', () => {
    expect(normalizeInviteCode('oOiIlL')).toBe('001111');
    expect(normalizeInviteCode('7K2M-QX4D-9ZTR-OAB1')).toBe(normalizeInviteCode('7K2M-QX4D-9ZTR-0AB1'));
  });

  it('leaves a normalized code unchanged', () => {
    const once = normalizeInviteCode(newInviteCode());
    expect(normalizeInviteCode(once)).toBe(once);
    expect(once).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
  });
});
