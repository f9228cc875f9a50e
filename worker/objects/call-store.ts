/**
 * The CallVerification object's rows: the one `call` row (as a CallRecord, call-schema.ts) and the
 * customer's `passkey_challenge` (docs/storage.md).
 */
import type { CallCode, CallRecord } from '../core/call-rules.ts';
import { type EventCause, requestIdOf } from '../core/event-cause.ts';
import type { CallStart } from './call-passkey.ts';
import { type CallRow, recordOf } from './call-schema.ts';

/** A wrong try not yet in the accounts' logs; `requestId` is absent in rows written before it was kept. */
export type WaitingWrong = { at: number; code: string; requestId?: string | null };

export class CallStore {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  record(): CallRecord | null {
    const row = this.#sql.exec<CallRow>('SELECT * FROM call WHERE id = 1').toArray()[0];
    return row ? recordOf(row) : null;
  }

  insert(id: string, { agent, customer }: CallStart, at: number, expiresAt: number): void {
    this.#sql.exec(
      `INSERT INTO call (id, call_id, state, agent_id, agent_name, agent_team, customer_id, customer_name, customer_handle, started_at, updated_at, expires_at)
       VALUES (1, ?, 'awaiting_customer', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      agent.id,
      agent.displayName.slice(0, 64),
      agent.team?.slice(0, 64) ?? null,
      customer.id,
      customer.displayName.slice(0, 64),
      customer.handle.slice(0, 32),
      at,
      at,
      expiresAt,
    );
  }

  /** Writes the changed fields of the call; returns the call as now stored. */
  write(call: CallRecord, change: Partial<CallRecord>, at: number): CallRecord {
    const n = { ...call, ...change, updatedAt: at };
    this.#sql.exec(
      `UPDATE call SET state = ?, updated_at = ?, customer_code_hash = ?, customer_code_wrong = ?,
         agent_code_hash = ?, agent_code_wrong = ?, failed_on = ?, reported = ? WHERE id = 1`,
      n.state,
      n.updatedAt,
      n.customerCodeHash,
      n.customerCodeWrong,
      n.agentCodeHash,
      n.agentCodeWrong,
      n.failedOn,
      n.reported ? 1 : 0,
    );
    return n;
  }

  countTry(column: 'customer_code_tries' | 'agent_code_tries'): void {
    this.#sql.exec(`UPDATE call SET ${column} = ${column} + 1 WHERE id = 1`);
  }

  /** One statement: the wrong count, and the try remembered for the accounts' logs (with its request). */
  recordWrong(which: CallCode, wrong: number, at: number, cause: EventCause): void {
    const column = which === 'customer_code' ? 'customer_code_wrong' : 'agent_code_wrong';
    this.#sql.exec(
      `UPDATE call SET ${column} = ?, updated_at = ?, pending_wrong = json_insert(pending_wrong, '$[#]', json(?)) WHERE id = 1`,
      wrong,
      at,
      JSON.stringify({ at, code: which, requestId: requestIdOf(cause) } satisfies WaitingWrong),
    );
  }

  /** The wrong tries waiting for the accounts' logs, taken once. */
  takePendingWrong(): WaitingWrong[] {
    const row = this.#sql.exec<{ pending_wrong: string }>('SELECT pending_wrong FROM call').toArray()[0];
    this.#sql.exec("UPDATE call SET pending_wrong = '[]'");
    return JSON.parse(row?.pending_wrong ?? '[]') as WaitingWrong[];
  }

  saveChallenge(challenge: string, expiresAt: number): void {
    this.#sql.exec(
      'INSERT OR REPLACE INTO passkey_challenge (id, challenge, expires_at) VALUES (1, ?, ?)',
      challenge,
      expiresAt,
    );
  }

  /** The challenge, once: it is gone when this returns (before any await of the caller). */
  takeChallenge(): { challenge: string; expires_at: number } | undefined {
    const challenge = this.#sql
      .exec<{ challenge: string; expires_at: number }>('SELECT challenge, expires_at FROM passkey_challenge')
      .toArray()[0];
    this.forgetChallenge();
    return challenge;
  }

  forgetChallenge(): void {
    this.#sql.exec('DELETE FROM passkey_challenge');
  }
}
