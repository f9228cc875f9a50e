/** Rules for accounts that do not depend on where they are stored. */
import type { Role } from '../../shared/api.ts';

// The views the PWA shows live in shared/ (the web imports shared/ and route types only).
export type {
  AccountView,
  AuditEvent,
  AuditType,
  CallAuditType,
  InviteView,
  PasskeyView,
} from '../../shared/account.ts';

export const roles: readonly Role[] = ['customer', 'agent', 'admin'];

/** How long a verified call stays on the customer's "is the bank calling me now?" card. */
export const verifiedCallShownMs = 30 * 60_000;

/** Where a request came from, recorded with security events. */
export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
  /**
   * The API request's id (`Request-Id`): a RequestContext is the cause of the events it leads to
   * (core/event-cause.ts); the Account never writes it into the audit row (security-export.ts).
   */
  requestId: string;
}

/**
 * A passkey's signature counter must grow when it is not zero (WebAuthn L3 §6.1.1): a counter that
 * stands still or goes back points to a cloned authenticator. Authenticators that do not count
 * (always 0, as synced passkeys do) are allowed.
 */
export function counterAcceptable(stored: number, received: number): boolean {
  if (stored === 0 && received === 0) return true;
  return received > stored;
}

/** A default name for a passkey, from how it is stored. */
export function defaultPasskeyName(deviceType: 'singleDevice' | 'multiDevice', n: number): string {
  return deviceType === 'multiDevice' ? `Synced passkey ${n}` : `Device passkey ${n}`;
}
