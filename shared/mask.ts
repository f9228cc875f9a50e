/**
 * Destinations shown masked (DESIGN.md, "Out-of-band one-time code"): enough for the owner to
 * recognise, too little for anyone else to use. `+44 •••• ••• 789`, `j•••@example.com`.
 */

const dot = '•';

/** `+447911123789` → `+44 •••• ••• 789`: the calling code (1–3 digits) and the last three digits. */
export function maskPhone(e164: string, callingCode?: string): string {
  const digits = e164.replace(/\D/g, '');
  const cc = callingCode ?? digits.slice(0, digits.startsWith('1') || digits.startsWith('7') ? 1 : 2);
  const last = digits.slice(-3);
  const hidden = Math.max(0, digits.length - cc.length - last.length);
  const first = Math.min(4, hidden);
  return `+${cc} ${dot.repeat(first)}${hidden > first ? ` ${dot.repeat(hidden - first)}` : ''} ${last}`;
}

/** `jane.doe@example.com` → `j•••@example.com`: the first letter and the domain. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return dot.repeat(3);
  return `${address[0]}${dot.repeat(3)}${address.slice(at)}`;
}

/** Masks a phone number (starts with `+`) or an e-mail address. */
export function maskDestination(to: string, callingCode?: string): string {
  return to.startsWith('+') ? maskPhone(to, callingCode) : maskEmail(to);
}

/** The last four characters of an account number, for "account ending 3000". */
export function accountEnding(account: string): string {
  return account.replace(/[\s-]/g, '').slice(-4);
}
