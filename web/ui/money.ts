/** How money and account numbers are shown: for the reader's locale, IBANs in groups of four. */
import { appLocale } from '../i18n/index.ts';

/** "£25.00" for { value: "25", currency: "GBP" } in an English locale (not "25.00 GBP"). */
export function money(amount: { value: string; currency: string }, locale = appLocale()): string {
  const value = Number(amount.value);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: amount.currency.toUpperCase() }).format(value);
  } catch {
    return `${value.toFixed(2)} ${amount.currency.toUpperCase()}`;
  }
}

/** "GB29 NWBK 6016 1331 9268 19" for an IBAN; other account numbers as given. */
export function accountDisplay(account: string): string {
  const compact = account.replace(/\s+/g, '');
  if (!/^[A-Za-z]{2}\d{2}[A-Za-z0-9]+$/.test(compact)) return account;
  return compact.toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');
}
