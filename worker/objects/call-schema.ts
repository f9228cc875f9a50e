/** SQL schema of the CallVerification Durable Object (documented in docs/storage.md). */
import type { CallState } from '../../shared/calls.ts';
import type { CallRecord } from '../core/call-rules.ts';
import { webhookEventsMigration } from '../webhooks/emit.ts';
import type { Migration } from './schema-migrations.ts';

/** Version 1: the schema before migrations existed; never edit it (docs/storage.md). */
const callSchema = `
CREATE TABLE IF NOT EXISTS call (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  call_id TEXT NOT NULL,
  state TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  agent_name TEXT NOT NULL,
  agent_team TEXT,
  customer_id TEXT NOT NULL,
  customer_name TEXT NOT NULL,
  customer_handle TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  customer_code_hash BLOB,
  customer_code_tries INTEGER NOT NULL DEFAULT 0,
  customer_code_wrong INTEGER NOT NULL DEFAULT 0,
  agent_code_hash BLOB,
  agent_code_tries INTEGER NOT NULL DEFAULT 0,
  agent_code_wrong INTEGER NOT NULL DEFAULT 0,
  failed_on TEXT,
  reported INTEGER NOT NULL DEFAULT 0,
  -- Wrong tries not yet in the accounts' logs: a JSON array of { at, code }.
  pending_wrong TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS passkey_challenge (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  challenge TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
`;

/** CallVerification's schema versions, applied in order by `migrate` (schema-migrations.ts). */
export const callMigrations: readonly Migration[] = [
  { version: 1, name: 'initial', up: callSchema },
  webhookEventsMigration(2),
];

export type CallRow = {
  call_id: string;
  state: string;
  agent_id: string;
  agent_name: string;
  agent_team: string | null;
  customer_id: string;
  customer_name: string;
  customer_handle: string;
  started_at: number;
  updated_at: number;
  expires_at: number;
  customer_code_hash: ArrayBuffer | null;
  customer_code_tries: number;
  customer_code_wrong: number;
  agent_code_hash: ArrayBuffer | null;
  agent_code_tries: number;
  agent_code_wrong: number;
  failed_on: string | null;
  reported: number;
  pending_wrong: string;
};

/** The call as the rules see it, from its row. */
export function recordOf(row: CallRow): CallRecord {
  return {
    callId: row.call_id,
    state: row.state as CallState,
    agentId: row.agent_id,
    agentName: row.agent_name,
    agentTeam: row.agent_team,
    customerId: row.customer_id,
    customerName: row.customer_name,
    customerHandle: row.customer_handle,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
    customerCodeHash: row.customer_code_hash ? new Uint8Array(row.customer_code_hash) : null,
    customerCodeTries: row.customer_code_tries,
    customerCodeWrong: row.customer_code_wrong,
    agentCodeHash: row.agent_code_hash ? new Uint8Array(row.agent_code_hash) : null,
    agentCodeTries: row.agent_code_tries,
    agentCodeWrong: row.agent_code_wrong,
    failedOn: row.failed_on as CallRecord['failedOn'],
    reported: row.reported === 1,
  };
}
