/**
 * The rules of a staff look-up of a customer, without bindings: what the agent's audit
 * log keeps of it (the kind, the value searched masked, found or not, and why they looked).
 */
import { maskPhone } from '../../shared/mask.ts';
import { callingCodeOf } from './phone.ts';

export type LookupKind = 'handle' | 'phone' | 'reference';
/** Why the agent looked: a search in the console, a call verification, a one-time code by phone. */
export type LookupPurpose = 'search' | 'call' | 'fallback';

/** One look-up, as the agent's Account records it (`customer_lookup`). */
export interface CustomerLookupAudit {
  kind: LookupKind;
  /** What was searched, masked (`maskSearched`). */
  searched: string;
  found: boolean;
  /** The handle of the customer found (null when none matched). */
  customer: string | null;
  purpose: LookupPurpose;
}

const kinds = new Set<string>(['handle', 'phone', 'reference']);
const purposes = new Set<string>(['search', 'call', 'fallback']);

/**
 * The value searched, masked for the log: a phone as everywhere (`+44 •••• ••• 123`), a handle or
 * a reference by its first two characters and its length in dots (at most 8), so the log says what
 * was typed without holding it (a mistyped phone number or reference is someone's data too).
 */
export function maskSearched(kind: LookupKind, value: string): string {
  if (kind === 'phone') return maskPhone(value, callingCodeOf(value) ?? undefined);
  const shown = value.slice(0, 2);
  return `${shown}${'•'.repeat(Math.min(8, Math.max(1, value.length - shown.length)))}`;
}

/** The audit detail of a look-up, or null when it is not one (checked as if from outside). */
export function lookupAuditDetail(lookup: CustomerLookupAudit): Record<string, string | boolean | null> | null {
  if (typeof lookup !== 'object' || lookup === null) return null;
  const { kind, searched, found, customer, purpose } = lookup;
  if (!kinds.has(kind) || !purposes.has(purpose) || typeof found !== 'boolean') return null;
  if (typeof searched !== 'string' || searched.length === 0 || searched.length > 40) return null;
  if (found ? typeof customer !== 'string' || !/^[a-z0-9][a-z0-9._-]{2,31}$/.test(customer) : customer !== null)
    return null;
  return { kind, searched, found, customer, purpose };
}
