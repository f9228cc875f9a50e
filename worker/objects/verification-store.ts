/** The Verification object's rows: the one `verification` row and the `sends` log (docs/storage.md). */
import type { Channel } from '../../shared/verifications.ts';
import { now } from '../core/clock.ts';
import type { VerificationRow, VerificationWrite } from '../core/verification-machine.ts';
import type { VerificationStart } from './verification-rows.ts';

export class VerificationStore {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  row(): VerificationRow | undefined {
    return this.#sql.exec<VerificationRow>('SELECT * FROM verification').toArray()[0];
  }

  /** The row, for its owner only. */
  owned(owner: string): VerificationRow | undefined {
    const row = this.row();
    return row && typeof owner === 'string' && row.owner === owner ? row : undefined;
  }

  /** One UPDATE: the columns the machine sets, and its counters moved by their delta. */
  write(write: VerificationWrite | null): void {
    const set = Object.entries(write?.set ?? {}).filter(([, v]) => v !== undefined);
    const add = Object.entries(write?.add ?? {});
    if (!set.length && !add.length) return;
    // A delta is a small integer of the machine's, written into the statement (`checks = checks + 1`).
    const delta = (c: string, v: number) => `${c} = ${c} ${v < 0 ? '-' : '+'} ${Math.abs(Math.trunc(v))}`;
    const columns = [...set.map(([c]) => `${c} = ?`), ...add.map(([c, v]) => delta(c, v))];
    this.#sql.exec(`UPDATE verification SET ${columns.join(', ')}`, ...set.map(([, v]) => v));
  }

  insert(id: string, start: VerificationStart, hash: Uint8Array, at: number, expiresAt: number): void {
    this.#sql.exec(
      `INSERT INTO verification (id, verification_id, purpose, channel, destination, masked, account_id, owner, subject,
         budget_keys, transaction_json, code_hash, status, created_at, expires_at)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
      id,
      start.purpose,
      start.channel,
      start.destination,
      start.masked,
      start.accountId,
      start.owner,
      start.subject,
      JSON.stringify(start.budgetKeys),
      start.transaction ? JSON.stringify(start.transaction) : null,
      hash,
      at,
      expiresAt,
    );
  }

  /** Forgets a start refused before anything went out: the verification never existed. */
  forget(): void {
    this.#sql.exec('DELETE FROM sends');
    this.#sql.exec('DELETE FROM verification');
  }

  logSend(channel: Channel, outcome: 'sent' | 'failed' | 'withheld', providerId: string | null, detail: string | null) {
    this.#sql.exec(
      'INSERT INTO sends (at, channel, outcome, provider_id, detail) VALUES (?, ?, ?, ?, ?)',
      now(),
      channel,
      outcome,
      providerId,
      detail,
    );
  }
}
