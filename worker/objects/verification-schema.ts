/** SQL schema of the Verification Durable Object (documented in docs/storage.md). */
import { webhookEventsMigration } from '../webhooks/emit.ts';
import type { Migration } from './schema-migrations.ts';

/** Version 1: the schema before migrations existed; never edit it (docs/storage.md). */
const verificationSchema = `
CREATE TABLE IF NOT EXISTS verification (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  verification_id TEXT NOT NULL,
  purpose TEXT NOT NULL,
  channel TEXT NOT NULL,
  -- Where codes go; NULL when nothing is ever sent (unknown account, or not the account's own).
  destination TEXT,
  masked TEXT NOT NULL,
  account_id TEXT,
  owner TEXT NOT NULL,
  -- What was asked for (a handle or a destination): seeds the decoy masks.
  subject TEXT NOT NULL,
  -- SendBudget names every send is counted against, besides the client IP's (JSON array).
  budget_keys TEXT NOT NULL,
  transaction_json TEXT,
  code_hash BLOB,
  status TEXT NOT NULL,
  checks INTEGER NOT NULL DEFAULT 0,
  sends INTEGER NOT NULL DEFAULT 0,
  last_sent_at INTEGER,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  -- 1 while the approval's effect (phone verified, payee added…) has not reached the account.
  effect_pending INTEGER NOT NULL DEFAULT 0,
  -- 1 once a sign-in step-up used this approval.
  consumed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS sends (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  channel TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'failed', 'withheld')),
  provider_id TEXT,
  detail TEXT
);
`;

/** Verification's schema versions, applied in order by `migrate` (schema-migrations.ts). */
export const verificationMigrations: readonly Migration[] = [
  { version: 1, name: 'initial', up: verificationSchema },
  webhookEventsMigration(2),
];

export type { VerificationRow } from '../core/verification-machine.ts';
