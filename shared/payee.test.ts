import { describe, expect, it } from 'vitest';
import {
  accountNumberProblem,
  amountValid,
  canonicalAmount,
  canonicalTransaction,
  ibanChecksumValid,
} from './payee.ts';

describe('payee details', () => {
  it('accepts IBANs whose mod-97 checksum holds, with or without spaces', () => {
    expect(ibanChecksumValid('GB33BUKB20201555555555')).toBe(true);
    expect(ibanChecksumValid('DE89370400440532013000')).toBe(true);
    expect(accountNumberProblem('gb33 bukb 2020 1555 5555 55')).toBeNull();
  });

  it('refuses an IBAN with one character changed', () => {
    expect(ibanChecksumValid('GB33BUKB20201555555556')).toBe(false);
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
