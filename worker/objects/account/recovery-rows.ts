/**
 * What one Account holds for trusted-contact recovery (docs/storage.md): the contacts it
 * nominated, the log of changes (rate-limited), the recoveries of this account (for the owner to
 * see and cancel), and the requests where this account is someone else's contact. Plain functions
 * on the object's SQL storage; every input is checked here as if it came from the internet.
 */

import { isStoredPersonName } from '../../../shared/person-name.ts';
import type { TrustedContactView } from '../../../shared/recovery.ts';
import { randomToken } from '../../core/random.ts';
import { guardAllows } from '../../messenger/guard.ts';
import { isE164 } from './contact-rows.ts';

export const recoverySchema = `
CREATE TABLE IF NOT EXISTS trusted_contacts (
  contact_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  phone TEXT NOT NULL UNIQUE,
  added_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS contact_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('setup', 'add', 'remove'))
);
CREATE TABLE IF NOT EXISTS recoveries (
  recovery_id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  ready_at INTEGER
);
CREATE TABLE IF NOT EXISTS recovery_requests (
  recovery_id TEXT NOT NULL,
  contact_id TEXT NOT NULL,
  requester_name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'declined', 'ended')),
  PRIMARY KEY (recovery_id, contact_id)
);
`;

/** At least 3 contacts, at most 5. */
export const minContacts = 3;
export const maxContacts = 5;

/**
 * Checks contacts from outside, whoever calls: names under the person-name rule (they go into SMS),
 * phones E.164, distinct, not the holder's own, and textable under the messenger's calling-code guard.
 */
export function validContacts(
  contacts: unknown,
  ownPhone: string | null,
  allowedCallingCodes: readonly string[],
): contacts is { name: string; phone: string }[] {
  if (!Array.isArray(contacts)) return false;
  const phones = new Set<string>();
  for (const c of contacts) {
    if (!isStoredPersonName(c?.name) || !isE164(c.phone)) return false;
    if (!guardAllows('sms', c.phone, allowedCallingCodes)) return false;
    if (phones.has(c.phone) || c.phone === ownPhone) return false;
    phones.add(c.phone);
  }
  return true;
}

export function trustedContacts(sql: SqlStorage): TrustedContactView[] {
  return sql
    .exec<{ contact_id: string; name: string; phone: string; added_at: number }>(
      'SELECT * FROM trusted_contacts ORDER BY added_at, rowid',
    )
    .toArray()
    .map((r) => ({ id: r.contact_id, name: r.name, phone: r.phone, addedAt: r.added_at }));
}

export function insertContact(
  sql: SqlStorage,
  contact: { name: string; phone: string },
  at: number,
): TrustedContactView {
  const id = randomToken(12);
  sql.exec(
    'INSERT INTO trusted_contacts (contact_id, name, phone, added_at) VALUES (?, ?, ?, ?)',
    id,
    contact.name.trim(),
    contact.phone,
    at,
  );
  return { id, name: contact.name.trim(), phone: contact.phone, addedAt: at };
}

/** When the next change of contacts may be made (0: now). The first set-up is free. */
export function nextChangeAt(sql: SqlStorage, intervalMs: number): number {
  const last = sql
    .exec<{ at: number }>("SELECT at FROM contact_changes WHERE kind != 'setup' ORDER BY seq DESC LIMIT 1")
    .toArray()[0];
  return last ? last.at + intervalMs : 0;
}

export function logChange(sql: SqlStorage, kind: 'setup' | 'add' | 'remove', at: number): void {
  sql.exec('INSERT INTO contact_changes (at, kind) VALUES (?, ?)', at, kind);
}

export interface RecoveryRequestView {
  recoveryId: string;
  contactId: string;
  requesterName: string;
  createdAt: number;
  expiresAt: number;
  state: 'pending' | 'approved' | 'declined' | 'ended';
}

export function recoveryRequests(sql: SqlStorage, at: number): RecoveryRequestView[] {
  return sql
    .exec<{
      recovery_id: string;
      contact_id: string;
      requester_name: string;
      created_at: number;
      expires_at: number;
      state: RecoveryRequestView['state'];
    }>("SELECT * FROM recovery_requests WHERE state = 'pending' AND expires_at > ? ORDER BY created_at DESC", at)
    .toArray()
    .map((r) => ({
      recoveryId: r.recovery_id,
      contactId: r.contact_id,
      requesterName: r.requester_name,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      state: r.state,
    }));
}

export interface OwnRecoveryView {
  id: string;
  state: string;
  startedAt: number;
  readyAt: number | null;
}

/** Recoveries of this account still under way (the owner may cancel them). */
export function ownRecoveries(sql: SqlStorage): OwnRecoveryView[] {
  return sql
    .exec<{ recovery_id: string; state: string; started_at: number; ready_at: number | null }>(
      "SELECT * FROM recoveries WHERE state IN ('collecting', 'waiting', 'ready') ORDER BY started_at DESC",
    )
    .toArray()
    .map((r) => ({ id: r.recovery_id, state: r.state, startedAt: r.started_at, readyAt: r.ready_at }));
}
