/** SQL schema of the Recovery Durable Object (documented in docs/storage.md). */
import { webhookEventsMigration } from '../webhooks/emit.ts';
import type { Migration } from './schema-migrations.ts';

/** Version 1: the schema before migrations existed; never edit it (docs/storage.md). */
const recoveryObjectSchema = `
CREATE TABLE IF NOT EXISTS recovery (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  recovery_id TEXT NOT NULL,
  -- NULL when the handle or phone given is nobody's: everything then fails like a wrong code.
  account_id TEXT,
  subject TEXT NOT NULL,
  holder_name TEXT,
  -- SHA-256 of the recovering device's cookie token: only that device moves the recovery on.
  token_hash TEXT NOT NULL,
  state TEXT NOT NULL,
  verification_id TEXT NOT NULL,
  masked_to TEXT NOT NULL,
  quorum INTEGER NOT NULL DEFAULT 2,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ready_at INTEGER,
  ended_reason TEXT
);
CREATE TABLE IF NOT EXISTS recovery_contacts (
  contact_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  -- The contact's own Countersign account, when their phone belongs to one: they approve in the app.
  contact_account_id TEXT,
  chosen INTEGER NOT NULL DEFAULT 0,
  via TEXT CHECK (via IN ('sms', 'app')),
  -- HMAC-SHA-256 of the contact's code, bound to this recovery and this contact.
  code_hash BLOB,
  tries INTEGER NOT NULL DEFAULT 0,
  code_expires_at INTEGER,
  approved_at INTEGER
);
-- The one claim of completion: written before any await; a second claim fails.
CREATE TABLE IF NOT EXISTS completion_claim (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  credential_id TEXT NOT NULL,
  claimed_at INTEGER NOT NULL
);
-- The "they did not ask me" links sent to contacts: SHA-256 of each link's token.
CREATE TABLE IF NOT EXISTS abort_links (
  token_hash TEXT PRIMARY KEY,
  contact_id TEXT NOT NULL
);
`;

/** Recovery's schema versions, applied in order by `migrate` (schema-migrations.ts). */
export const recoveryMigrations: readonly Migration[] = [
  { version: 1, name: 'initial', up: recoveryObjectSchema },
  webhookEventsMigration(2),
];

export type { RecoveryContactRow, RecoveryRow } from '../core/recovery-machine.ts';
