/**
 * What an API key started, kept in its own ApiKey object (so every read and write is atomic): one
 * row per verification, newest first for `GET /api/v1/verifications`, with the `Idempotency-Key`
 * it answers. A key is claimed before any await, so concurrent starts with one key make one
 * verification and one send. Rows are kept 24 hours (as Stripe and Twilio keep keys); the alarm
 * deletes them.
 */
import { now } from '../core/clock.ts';

export const keptMs = 24 * 3_600_000;

export const startsSchema = `CREATE TABLE IF NOT EXISTS started (seq INTEGER PRIMARY KEY AUTOINCREMENT,
  verification_id TEXT UNIQUE, idem_key TEXT UNIQUE, body_hash TEXT, created_at INTEGER NOT NULL)`;

/** What a start with an Idempotency-Key may do: go ahead, answer an earlier one again, or refuse. */
export type Claim = { kind: 'new' } | { kind: 'replay'; id: string } | { kind: 'reused' } | { kind: 'invalid' };

const hex64 = /^[0-9a-f]{64}$/;

export class Starts {
  #sql: SqlStorage;
  /** Starts in flight in this instance: who waits for each claimed key's verification id. */
  #waiters = new Map<string, ((id: string | null) => void)[]>();

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  /**
   * Claims `key` (1–255 visible ASCII) for a start with this body, synchronously. A start in flight
   * with the same key and body is waited for; when it fails, the key is free and a waiter claims it.
   */
  async claim(key: string, bodyHash: string): Promise<Claim> {
    if (!/^[!-~]{1,255}$/.test(key) || !hex64.test(bodyHash)) return { kind: 'invalid' };
    const row = this.#sql
      .exec<{ body_hash: string; verification_id: string | null }>(
        'SELECT body_hash, verification_id FROM started WHERE idem_key = ?',
        key,
      )
      .toArray()[0];
    if (row && row.body_hash !== bodyHash) return { kind: 'reused' };
    if (row?.verification_id) return { kind: 'replay', id: row.verification_id };
    const waiting = this.#waiters.get(key);
    if (waiting) {
      const id = await new Promise<string | null>((resolve) => waiting.push(resolve));
      return id ? { kind: 'replay', id } : this.claim(key, bodyHash);
    }
    // A row still pending without waiters here was claimed before this instance started: its start is lost.
    if (!row)
      this.#sql.exec('INSERT INTO started (idem_key, body_hash, created_at) VALUES (?, ?, ?)', key, bodyHash, now());
    this.#waiters.set(key, []);
    return { kind: 'new' };
  }

  /** Lists a verification this key started (the answer to the Idempotency-Key `key`, if not null). */
  started(verificationId: string, key: string | null): boolean {
    if (!hex64.test(verificationId)) return false;
    if (key === null) {
      this.#sql.exec('INSERT INTO started (verification_id, created_at) VALUES (?, ?)', verificationId, now());
    } else {
      this.#sql.exec('UPDATE started SET verification_id = ? WHERE idem_key = ?', verificationId, key);
      this.#wake(key, verificationId);
    }
    return true;
  }

  /** Frees a key whose start did not make a verification, so that the same request may be retried. */
  release(key: string): void {
    this.#sql.exec('DELETE FROM started WHERE idem_key = ? AND verification_id IS NULL', key);
    this.#wake(key, null);
  }

  /** Up to `limit` (1–100) verification ids, newest first, below sequence number `before`; and the next. */
  page(limit: number, before: number | null): { ids: string[]; next: number | null } {
    const n = Math.min(100, Math.max(1, Math.trunc(limit) || 20));
    const rows = this.#sql
      .exec<{ seq: number; verification_id: string }>(
        'SELECT seq, verification_id FROM started WHERE verification_id IS NOT NULL AND seq < ? ORDER BY seq DESC LIMIT ?',
        Math.trunc(Number(before)) || 2 ** 53,
        n + 1,
      )
      .toArray();
    const more = rows.length > n ? rows.splice(n) : null;
    return { ids: rows.map((r) => r.verification_id), next: more && (rows[n - 1]?.seq ?? null) };
  }

  /** Deletes rows older than 24 hours; when the next alarm is due, or null. */
  expire(): number | null {
    this.#sql.exec('DELETE FROM started WHERE created_at <= ?', now() - keptMs);
    const { at } = this.#sql.exec<{ at: number | null }>('SELECT MIN(created_at) AS at FROM started').one();
    return at === null ? null : at + keptMs;
  }

  #wake(key: string, id: string | null): void {
    for (const resolve of this.#waiters.get(key) ?? []) resolve(id);
    this.#waiters.delete(key);
  }
}
