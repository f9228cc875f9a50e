import { describe, expect, it } from 'vitest';
import { accountEnding, maskDestination, maskEmail, maskPhone } from './mask.ts';

describe('masking', () => {
  it('shows a UK number by calling code and last three digits', () => {
    expect(maskPhone('+447911123789', '44')).toBe('+44 •••• ••• 789');
    expect(maskPhone('+447911123789')).toBe('+44 •••• ••• 789');
  });

  it('never shows more than the calling code and three digits', () => {
    const masked = maskPhone('+12025550123', '1');
    expect(masked).toBe('+1 •••• ••• 123');
    expect(masked.replace(/\D/g, '')).toBe('1123');
  });

  it('shows an e-mail address by its first letter and domain', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j•••@example.com');
    expect(maskDestination('jane.doe@example.com')).toBe('j•••@example.com');
    expect(maskEmail('@nobody')).toBe('•••');
  });

  it('gives the last four characters of an account number', () => {
    expect(accountEnding('GB33 BUKB 2020 1555 5555 55')).toBe('5555');
    expect(accountEnding('12-34-56 12345678')).toBe('5678');
  });
});
