import { describe, expect, it } from 'vitest';
import { accountNumberProblem, amountValid, canonicalAmount, canonicalTransaction, ibanValid } from './payee.ts';

describe('payee details', () => {
  it('accepts IBANs whose mod-97 checksum holds, with or without spaces', () => {
    expect(ibanValid('GB33BUKB20201555555555')).toBe(true);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(accountNumberProblem('gb33 bukb 2020 1555 5555 55')).toBeNull();
  });

  it('refuses IBANs whose mod-97 holds but that no bank issues (the length, format and country of the registry)', () => {
    for (const [country, bban] of [
      ['GB', 'BUKB2020155555555'], // 21 characters: one digit short
      ['GB', 'BUKB20201555555A55'], // a letter in the account number
      ['XX', 'BUKB20201555555555'], // no such country
      ['DE', '37040044053201300'], // 21 characters: DE IBANs have 22
    ] as const) {
      const iban = withCheckDigits(country, bban);
      expect(mod97Holds(iban), iban).toBe(true);
      expect(ibanValid(iban), iban).toBe(false);
      expect(accountNumberProblem(iban)).toMatch(/IBAN is not valid/);
    }
  });

  it('refuses an IBAN with one character changed', () => {
    expect(ibanValid('GB33BUKB20201555555556')).toBe(false);
    expect(accountNumberProblem('DE89370400440532013001')).toMatch(/IBAN is not valid/);
  });

  it('accepts a sort code and account number, refuses letters that are not an IBAN', () => {
    expect(accountNumberProblem('12-34-56 12345678')).toBeNull();
    expect(accountNumberProblem('12ab')).toMatch(/sort code/);
  });

  it('accepts positive amounts with up to two decimals only', () => {
    expect(amountValid('12.50')).toBe(true);
    expect(amountValid('0')).toBe(false);
    expect(amountValid('1.234')).toBe(false);
    expect(amountValid('-3')).toBe(false);
    expect(amountValid('012')).toBe(false);
    expect(canonicalAmount('12.5')).toBe('12.50');
    expect(canonicalAmount('12')).toBe('12.00');
  });

  it('spells a transaction one way, whatever the spacing or case it was typed with', () => {
    const a = canonicalTransaction({
      payee: { name: 'J Smith', account: 'gb33 bukb 2020 1555 5555 55' },
      amount: { value: '12.5', currency: 'gbp' },
    });
    const b = canonicalTransaction({
      payee: { name: ' J SMITH ', account: 'GB33BUKB20201555555555' },
      amount: { value: '12.50', currency: 'GBP' },
    });
    expect(a).toBe(b);
    const other = canonicalTransaction({
      payee: { name: 'J SMITH', account: 'GB33BUKB20201555555555' },
      amount: { value: '12.51', currency: 'GBP' },
    });
    expect(other).not.toBe(a);
  });
});

/** ISO 13616: the check digits that make `country + check + bban` pass mod 97. */
function withCheckDigits(country: string, bban: string): string {
  const check = 98 - remainder97(`${bban}${country}00`);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}

function mod97Holds(iban: string): boolean {
  return remainder97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

function remainder97(text: string): number {
  let remainder = 0;
  for (const ch of text) {
    const value = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}
