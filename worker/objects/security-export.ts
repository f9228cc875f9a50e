/**
 * The Account's side of the SIEM export: at-least-once delivery of its audit events to
 * their SecurityLog shard, and one log line per security event. A plain class over the Account's
 * storage, so the Account itself only calls `noted` after its one audit append and `deliver` from
 * its alarm.
 *
 * - `noted` (in the audit append's transaction) queues the row in `security_outbox` with the
 *   request id that caused it (kept only until delivered; the audit row itself does not hold it),
 *   writes the `security_event` log line, and makes sure an alarm is due.
 * - `deliver` (the alarm) sends the oldest queued rows to `security:<hour of now>:<shard>`, deletes
 *   them once stored, and on failure keeps them with a backoff (2 s doubling, at most 10 minutes).
 * - Alarm times are the runtime's (`Date.now()`), as alarms are; event times are the one clock's.
 */
import type { SecurityEventWire } from '../../shared/security-events.ts';
import { now } from '../core/clock.ts';
import { type EventCause, requestIdOf, sourceOf } from '../core/event-cause.ts';
import { errorText, log } from '../core/log.ts';
import {
  bucketOf,
  exportedDetail,
  securityEventOf,
  securityLogName,
  shardOf,
  validSecurityEvent,
} from '../core/security-events.ts';
import type { Env } from '../env.ts';

/** The Account's queue of audit rows not yet in the export (migration 2 of account-migrations.ts). */
export const securityOutboxSchema = `CREATE TABLE IF NOT EXISTS security_outbox (
  seq INTEGER PRIMARY KEY, request_id TEXT, attempts INTEGER NOT NULL DEFAULT 0, tried_at INTEGER)`;

/** The most rows one delivery carries. */
const batch = 100;
const retryMs = (attempts: number) => Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 600_000);

/**
 * Sets the object's one alarm no later than `at`. Every use of an Account's alarm schedules
 * through here and `alarm()` lets each use do what is due, so the uses compose.
 */
export async function alarmNoLaterThan(storage: DurableObjectStorage, at: number): Promise<void> {
  const current = await storage.getAlarm();
  if (current === null || current > at) await storage.setAlarm(at);
}

type Pending = { seq: number; request_id: string | null; attempts: number; tried_at: number | null };

export class SecurityExport {
  #arming = false;

  constructor(
    private readonly storage: DurableObjectStorage,
    /** Read when used (the object's `this.env`, which a test may swap for one call). */
    private readonly env: () => Env,
    private readonly accountId: string,
  ) {}

  /**
   * An audit row was written: queue it for the export with the id of the request that caused it
   * (null for an alarm's event: its log line says `source: 'alarm'`), and log it. Call in the same
   * transaction.
   */
  noted(seq: number, type: string, detail: Record<string, unknown>, cause: EventCause): void {
    const request = requestIdOf(cause);
    this.storage.sql.exec('INSERT OR IGNORE INTO security_outbox (seq, request_id) VALUES (?, ?)', seq, request);
    // Never the ip or user agent in the log (they go to the export, which only an `audit` key reads).
    const { ip: _ip, userAgent: _ua, ...shown } = exportedDetail(detail);
    log('info', 'security_event', {
      id: `${this.accountId}:${seq}`,
      type,
      account: this.accountId,
      requestId: request,
      source: sourceOf(cause),
      detail: JSON.stringify(shown),
    });
    this.#armSoon();
  }

  /** The alarm: sends what is queued to its shard; keeps it with a backoff when that fails. */
  async deliver(): Promise<void> {
    const sql = this.storage.sql;
    const pending = sql
      .exec<Pending>('SELECT seq, request_id, attempts, tried_at FROM security_outbox ORDER BY seq LIMIT ?', batch)
      .toArray();
    if (pending.length === 0) return;
    const events = this.#events(pending);
    const bucket = bucketOf(now());
    const shard = securityLogName(bucket, shardOf(this.accountId));
    try {
      if (events.length > 0) {
        const logs = this.env().SECURITY_LOG;
        const stored = await logs.get(logs.idFromName(shard)).append(bucket, events);
        if (!stored.ok) throw new Error(`security log refused: ${stored.reason}`);
      }
    } catch (error) {
      const attempts = (pending[0]?.attempts ?? 0) + 1;
      const placeholders = pending.map(() => '?').join(',');
      sql.exec(
        `UPDATE security_outbox SET attempts = attempts + 1, tried_at = ? WHERE seq IN (${placeholders})`,
        Date.now(),
        ...pending.map((p) => p.seq),
      );
      log('warn', 'security_export_failed', {
        account: this.accountId,
        events: pending.length,
        attempts,
        error: errorText(error),
      });
      await alarmNoLaterThan(this.storage, Date.now() + retryMs(attempts));
      return;
    }
    sql.exec('DELETE FROM security_outbox WHERE seq <= ?', pending[pending.length - 1]?.seq ?? 0);
    if (this.#dueAt() !== null) await alarmNoLaterThan(this.storage, Date.now());
  }

  /** The queued rows as export events; a row that cannot be one is logged and left out. */
  #events(pending: Pending[]): SecurityEventWire[] {
    const sql = this.storage.sql;
    const handle = sql.exec<{ handle: string }>('SELECT handle FROM profile WHERE id = 1').toArray()[0]?.handle ?? '-';
    const events: SecurityEventWire[] = [];
    for (const p of pending) {
      const row = sql
        .exec<{ at: number; type: string; detail: string }>('SELECT at, type, detail FROM audit WHERE seq = ?', p.seq)
        .toArray()[0];
      const event = row
        ? securityEventOf({
            accountId: this.accountId,
            handle,
            seq: p.seq,
            type: row.type,
            at: row.at,
            requestId: p.request_id,
            detail: JSON.parse(row.detail) as Record<string, unknown>,
          })
        : null;
      if (event && validSecurityEvent(event)) events.push(event);
      else log('error', 'security_event_not_exportable', { account: this.accountId, seq: p.seq });
    }
    return events;
  }

  /** When the oldest queued row is due (now when never tried), or null when nothing is queued. */
  #dueAt(): number | null {
    const oldest = this.storage.sql
      .exec<Pending>('SELECT seq, request_id, attempts, tried_at FROM security_outbox ORDER BY seq LIMIT 1')
      .toArray()[0];
    if (!oldest) return null;
    return oldest.attempts === 0 || oldest.tried_at === null ? Date.now() : oldest.tried_at + retryMs(oldest.attempts);
  }

  /** After the current transaction: the alarm is due no later than the oldest queued row. */
  #armSoon(): void {
    if (this.#arming) return;
    this.#arming = true;
    queueMicrotask(() => {
      this.#arming = false;
      const due = this.#dueAt();
      if (due !== null)
        alarmNoLaterThan(this.storage, due).catch((error: unknown) =>
          log('error', 'security_export_not_armed', { account: this.accountId, error: errorText(error) }),
        );
    });
  }
}
