/**
 * SecurityLog: one Durable Object per hour bucket and shard (`idFromName('security:<hour>:<0..15>')`),
 * holding the security events Accounts delivered in that hour. Writes
 * spread over 16 shards by account and move to new objects every hour: no single hot object.
 *
 * - Each event is stored once under its stable id (`<account id>:<audit seq>`): a repeated
 *   delivery is harmless. Its position is this object's own insertion sequence: the cursor.
 * - A bucket takes writes until 10 s after its hour ends (`sealsAt`); the first read after
 *   that seals it for good (a row), so a reader that has read a sealed bucket to the end can go on
 *   to the next one without ever missing a late write.
 * - Nothing is stored before the first write (a reader asking an empty shard leaves no object
 *   behind); the first write sets the alarm that deletes the bucket after 30 days.
 */
import { DurableObject } from 'cloudflare:workers';
import type { SecurityEventWire } from '../../shared/security-events.ts';
import { now } from '../core/clock.ts';
import { fail, ok, type Result } from '../core/result.ts';
import {
  bucketOf,
  isBucket,
  sealsAt,
  securityIndexName,
  securityLogKeptMs,
  securityLogName,
  shardOf,
  validSecurityEvent,
} from '../core/security-events.ts';
import type { Env } from '../env.ts';
import { type Migration, migrate, storedVersion } from './schema-migrations.ts';

/** SecurityLog's schema versions (schema-migrations.ts). */
export const securityLogMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    up: `CREATE TABLE bucket (id INTEGER PRIMARY KEY CHECK (id = 1), hour INTEGER NOT NULL,
           sealed INTEGER NOT NULL DEFAULT 0, noted INTEGER NOT NULL DEFAULT 0);
         CREATE TABLE events (id TEXT PRIMARY KEY, pos INTEGER NOT NULL UNIQUE, at INTEGER NOT NULL,
           received_at INTEGER NOT NULL, line TEXT NOT NULL)`,
  },
];

/** The most events one append or one read carries. */
export const securityLogBatch = 500;

export interface SecurityLogPage {
  events: { pos: number; receivedAt: number; line: string }[];
  /** True once this bucket takes no more writes: read to the end, it is done. */
  sealed: boolean;
}

export class SecurityLog extends DurableObject<Env> {
  #sql: SqlStorage;
  #migrated = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
  }

  /**
   * Stores events delivered in `bucket`'s hour. Refused (`closed`) once the bucket is sealed: the
   * Account then delivers into the bucket of its next try. Ids already stored are skipped.
   */
  async append(bucket: number, events: SecurityEventWire[]): Promise<Result<{ stored: number }, 'closed' | 'invalid'>> {
    if (!isBucket(bucket) || !Array.isArray(events) || events.length === 0 || events.length > securityLogBatch)
      return fail('invalid');
    if (!events.every(validSecurityEvent)) return fail('invalid');
    const at = now();
    // A bucket of the past after its grace, or one more than an hour ahead of this clock.
    if (at >= sealsAt(bucket) || bucket > bucketOf(at) + 1) return fail('closed');
    const shard = this.#shardFor(bucket, events);
    if (shard === null) return fail('invalid');
    // First the bucket row (a read from now on can seal it), then the index, then the events.
    const opened = this.ctx.storage.transactionSync(() => {
      this.#open(true);
      const row = this.#bucketRow();
      if (row && row.hour !== bucket) return 'invalid';
      if (!row) this.#sql.exec('INSERT INTO bucket (id, hour) VALUES (1, ?)', bucket);
      return row?.noted ? 'noted' : 'new';
    });
    if (opened === 'invalid') return fail('invalid');
    if (opened === 'new') {
      await this.ctx.storage.setAlarm(sealsAt(bucket) + securityLogKeptMs);
      const index = this.env.SECURITY_INDEX.get(this.env.SECURITY_INDEX.idFromName(securityIndexName(bucket)));
      if (!(await index.note(bucket, shard))) return fail('closed');
      this.#sql.exec('UPDATE bucket SET noted = 1 WHERE id = 1');
    }
    const stored = this.ctx.storage.transactionSync(() => {
      // Checked again after the awaits: a reader may have sealed this bucket meanwhile.
      if (this.#bucketRow()?.sealed || now() >= sealsAt(bucket)) return -1;
      const count = () => this.#sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM events').one().n;
      const before = count();
      for (const event of events) {
        this.#sql.exec(
          `INSERT INTO events (id, pos, at, received_at, line)
           VALUES (?, (SELECT COALESCE(MAX(pos), 0) + 1 FROM events), ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
          event.id,
          event.at,
          at,
          JSON.stringify(event),
        );
      }
      return count() - before;
    });
    if (stored < 0) return fail('closed');
    return ok({ stored });
  }

  /** The events after position `after`, in position order, and whether the bucket is sealed. */
  read(bucket: number, after: number, limit: number): SecurityLogPage {
    const sealedByClock = isBucket(bucket) && now() >= sealsAt(bucket);
    if (!isBucket(bucket) || !Number.isSafeInteger(after) || after < 0 || !Number.isInteger(limit) || limit < 1)
      return { events: [], sealed: false };
    if (!this.#open(false)) return { events: [], sealed: sealedByClock };
    const row = this.#bucketRow();
    if (row && row.hour !== bucket) return { events: [], sealed: sealedByClock };
    if (row && sealedByClock && !row.sealed) this.#sql.exec('UPDATE bucket SET sealed = 1 WHERE id = 1');
    const events = this.#sql
      .exec<{ pos: number; received_at: number; line: string }>(
        'SELECT pos, received_at, line FROM events WHERE pos > ? ORDER BY pos LIMIT ?',
        after,
        Math.min(limit, securityLogBatch),
      )
      .toArray()
      .map((r) => ({ pos: r.pos, receivedAt: r.received_at, line: r.line }));
    return { events, sealed: sealedByClock || row?.sealed === 1 };
  }

  /** 30 days after the bucket sealed: the whole object goes. */
  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
    this.#migrated = false;
  }

  /** Brings the tables to the current version; creates them only for a write. False: none yet. */
  #open(write: boolean): boolean {
    if (this.#migrated) return true;
    if (!write && storedVersion(this.#sql) === 0) return false;
    migrate(this.ctx.storage, 'SecurityLog', securityLogMigrations);
    this.#migrated = true;
    return true;
  }

  #bucketRow(): { hour: number; sealed: number; noted: number } | null {
    return (
      this.#sql
        .exec<{ hour: number; sealed: number; noted: number }>('SELECT hour, sealed, noted FROM bucket WHERE id = 1')
        .toArray()[0] ?? null
    );
  }

  /**
   * The shard these events belong to, when this object is that shard of that bucket (its id is the
   * one `security:<bucket>:<shard>` names) and every event is of an account of that shard.
   */
  #shardFor(bucket: number, events: SecurityEventWire[]): number | null {
    const shard = shardOf(String(events[0]?.account));
    if (!events.every((e) => shardOf(e.account) === shard)) return null;
    const named = this.env.SECURITY_LOG.idFromName(securityLogName(bucket, shard));
    return named.equals(this.ctx.id) ? shard : null;
  }
}
