/**
 * What the PWA and the worker both see of accounts: the views the API answers with. The web imports
 * these from here (shared/ and the worker's route types only); the worker's rules are in worker/core.
 */
import type { Role } from './api.ts';
import type { Language } from './language.ts';

/** What the account holder and the app see of an account. */
export interface AccountView {
  id: string;
  handle: string;
  displayName: string;
  role: Role;
  team: string | null;
  phone: string | null;
  createdAt: number;
  /** The language of the app and of the bank's messages to this account (`PUT /api/me/language`). */
  language: Language;
}

/** What the account holder sees of one passkey (never the public key). */
export interface PasskeyView {
  id: string;
  name: string;
  transports: string[];
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
  createdAt: number;
  lastUsedAt: number | null;
}

/** One line of the append-only audit log. */
export interface AuditEvent {
  seq: number;
  at: number;
  type: AuditType;
  detail: Record<string, string | number | boolean | null>;
}

export type AuditType =
  | 'account_created'
  | 'signed_in'
  | 'sign_in_failed'
  | 'signed_out'
  | 'session_expired'
  | 'passkey_added'
  | 'passkey_removed'
  | 'invite_issued'
  | 'invite_used'
  | 'push_enabled'
  | 'push_disabled'
  | 'contact_verified'
  | 'preferences_changed'
  | 'language_changed'
  | 'payee_added'
  | 'payee_removed'
  | 'payment_approved'
  | 'payment_stopped'
  | 'sign_in_risk'
  | 'aggregator_allowed'
  | 'aggregator_revoked'
  | 'otp_sent'
  | 'otp_send_failed'
  | 'otp_withheld'
  | 'message_sent'
  | 'message_send_failed'
  | 'message_withheld'
  | 'otp_approved'
  | 'otp_locked'
  | 'otp_canceled'
  | 'otp_expired'
  | 'contacts_set_up'
  | 'contact_added'
  | 'contact_removed'
  | 'recovery_started'
  | 'recovery_quorum'
  | 'recovery_completed'
  | 'recovery_aborted'
  | 'recovery_canceled'
  | 'recovery_expired'
  | 'recovery_request_received'
  | 'recovery_request_approved'
  | 'recovery_request_declined'
  | 'effect_refused'
  | 'contact_change_allowed'
  | 'staff_disabled'
  | 'staff_enabled'
  | 'disabled_by_admin'
  | 'enabled_by_admin'
  | 'customer_lookup'
  | 'account_locked'
  | 'account_unlocked'
  | CallAuditType;

/** Every step of a call verification is an event on both accounts. */
export type CallAuditType =
  | 'call_started'
  | 'call_declined'
  | 'call_confirmed'
  | 'call_code_wrong'
  | 'call_code_matched'
  | 'call_verified'
  | 'call_failed'
  | 'call_canceled'
  | 'call_expired'
  | 'call_reported';

/** An invite as its issuer sees it in the admin screen. */
export interface InviteView {
  id: string;
  role: 'agent' | 'admin';
  team: string | null;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  usedBy: string | null;
}

/** A staff member as an admin sees them (StaffDirectory). */
export interface StaffView {
  id: string;
  handle: string;
  displayName: string;
  role: 'agent' | 'admin';
  team: string | null;
  enabled: boolean;
  createdAt: number;
  lastSignInAt: number | null;
  disabledAt: number | null;
}

/** Why a sign-in needed a code as well (risk-based step-up). */
export type StepUpReason = 'always' | 'new_country' | 'impossible_travel' | 'new_device';
