/**
 * Payees and amounts: the details a transaction code is bound to (PSD2 RTS art. 5, dynamic
 * linking). Pure functions, used by the worker's schemas and the PWA's forms.
 */
import { isValidIBAN } from 'ibantools';

/** Normalizes an account number as typed: no spaces or dashes, upper case. */
export function normalizeAccountNumber(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * True when `iban` (normalized) is a valid IBAN: a country that issues them, that country's length
 * and BBAN format (a GB IBAN has 4 letters then 14 digits), and the ISO 13616 mod-97 check. The
 * country table comes from ibantools, which is maintained against the SWIFT IBAN registry: a
 * hand-written mod-97 alone accepted 21-character GB IBANs and country `XX`.
 */
export function ibanValid(iban: string): boolean {
  return isValidIBAN(iban);
}

/**
 * Why an account number is not acceptable, or null when it is: an IBAN (two letters first) must
 * pass its checksum; otherwise a UK sort code and account number (6 + 8 digits) or 6–20 digits.
 */
export function accountNumberProblem(input: string): string | null {
  const account = normalizeAccountNumber(input);
  if (/^[A-Z]{2}/.test(account)) {
    return ibanValid(account) ? null : 'This IBAN is not valid: check each character.';
  }
  if (/^\d{6,20}$/.test(account)) return null;
  return 'Enter an IBAN, or a sort code and account number.';
}

/** An amount as a decimal string with at most 2 decimals, above zero, below a billion. */
export const amountPattern = /^(?:0|[1-9]\d{0,8})(?:\.\d{1,2})?$/;

/** True for a positive amount such as `12.50`. */
export function amountValid(value: string): boolean {
  return amountPattern.test(value) && Number(value) > 0;
}

/** `12.5` → `12.50`: one spelling per amount, so the bound hash does not depend on how it was typed. */
export function canonicalAmount(value: string): string {
  const [units, cents = ''] = value.split('.');
  return `${units}.${cents.padEnd(2, '0')}`;
}

/** What a transaction code approves. */
export interface Transaction {
  payee: { name: string; account: string };
  amount?: { value: string; currency: string };
}

/**
 * One canonical text for a transaction: the HMAC and the passkey challenge are computed over it,
 * so the same payee and amount always give the same bytes, and any other detail gives others.
 */
export function canonicalTransaction(t: Transaction | null | undefined): string {
  if (!t) return '';
  const parts = [
    `payee.name=${t.payee.name.trim().toUpperCase()}`,
    `payee.account=${normalizeAccountNumber(t.payee.account)}`,
  ];
  if (t.amount) parts.push(`amount=${canonicalAmount(t.amount.value)} ${t.amount.currency.toUpperCase()}`);
  return parts.join('\n');
}

/** "£12.50"-style text for a message: `12.50 GBP`. */
export function amountText(amount: { value: string; currency: string }): string {
  return `${canonicalAmount(amount.value)} ${amount.currency.toUpperCase()}`;
}
