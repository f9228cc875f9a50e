/**
 * SecurityIndex: one Durable Object per day (`idFromName('security-index:<day>')`) saying which
 * SecurityLog shards of that day's hour buckets hold events, and which buckets are sealed (issue
 * 12, the SIEM export). A shard notes itself here before its first event is stored (at most 16
 * writes per hour, whatever the load), so a reader asks one object per day instead of 16 per hour.
 *
 * Sealing: when a reader asks after a bucket's grace (`sealsAt`), the bucket is sealed here for
 * good (`sealed_through`); a shard that was not noted by then cannot note itself any more, so its
 * first write is refused and the Account delivers into a later, open bucket. A reader that saw a
 * bucket sealed here, and every noted shard of it sealed and read to the end, has seen all of it.
 */
import { DurableObject } from 'cloudflare:workers';
import { now } from '../core/clock.ts';
import {
  bucketsPerDay,
  isBucket,
  sealsAt,
  securityIndexName,
  securityLogKeptMs,
  securityShards,
} from '../core/security-events.ts';
import type { Env } from '../env.ts';
import { type Migration, migrate } from './schema-migrations.ts';

/** SecurityIndex's schema versions (schema-migrations.ts). */
export const securityIndexMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    up: `CREATE TABLE shards (bucket INTEGER NOT NULL, shard INTEGER NOT NULL, noted_at INTEGER NOT NULL,
           PRIMARY KEY (bucket, shard));
         CREATE TABLE seal (id INTEGER PRIMARY KEY CHECK (id = 1), sealed_through INTEGER NOT NULL)`,
  },
];

export interface BucketShards {
  bucket: number;
  /** The shards that hold (or are about to hold) events of this bucket. */
  shards: number[];
  /** No shard can join any more. */
  sealed: boolean;
}

export class SecurityIndex extends DurableObject<Env> {
  #sql: SqlStorage;
  #gone = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    migrate(ctx.storage, 'SecurityIndex', securityIndexMigrations);
  }

  /** A shard is about to store its first event of `bucket`: true when it may, false once sealed. */
  async note(bucket: number, shard: number): Promise<boolean> {
    if (!this.#ofThisDay(bucket) || !Number.isInteger(shard) || shard < 0 || shard >= securityShards) return false;
    const at = now();
    if (bucket <= this.#sealedThrough() || at >= sealsAt(bucket)) return false;
    this.#sql.exec(
      'INSERT INTO shards (bucket, shard, noted_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      bucket,
      shard,
      at,
    );
    await this.#keepFor(bucket);
    return true;
  }

  /** Buckets `from`…`to` of this day: their shards, each sealed once its grace has passed (and for good). */
  async buckets(from: number, to: number): Promise<BucketShards[]> {
    if (!this.#ofThisDay(from) || !this.#ofThisDay(to) || to < from) return [];
    const at = now();
    let sealedThrough = this.#sealedThrough();
    // Buckets seal in the order of time: the last one whose grace has passed, and all before it.
    let newest = to;
    while (newest >= from && at < sealsAt(newest)) newest--;
    if (newest > sealedThrough) {
      this.#sql.exec(
        'INSERT INTO seal (id, sealed_through) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET sealed_through = excluded.sealed_through',
        newest,
      );
      sealedThrough = newest;
      await this.#keepFor(newest);
    }
    const rows = this.#gone
      ? []
      : this.#sql
          .exec<{ bucket: number; shard: number }>(
            'SELECT bucket, shard FROM shards WHERE bucket BETWEEN ? AND ? ORDER BY bucket, shard',
            from,
            to,
          )
          .toArray();
    const answer: BucketShards[] = [];
    for (let bucket = from; bucket <= to; bucket++) {
      answer.push({
        bucket,
        shards: rows.filter((r) => r.bucket === bucket).map((r) => r.shard),
        sealed: bucket <= sealedThrough,
      });
    }
    return answer;
  }

  /** The day is deleted 30 days after its last bucket sealed. */
  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
    this.#gone = true;
  }

  /** Whether the bucket is of the day this object is (`security-index:<day>` names this object's id). */
  #ofThisDay(bucket: unknown): bucket is number {
    if (!isBucket(bucket)) return false;
    return this.env.SECURITY_INDEX.idFromName(securityIndexName(bucket)).equals(this.ctx.id);
  }

  #sealedThrough(): number {
    // Deleted past retention: every bucket of the day is sealed and empty (no reader can ask for it).
    if (this.#gone) return Number.MAX_SAFE_INTEGER;
    return this.#sql.exec<{ s: number }>('SELECT sealed_through AS s FROM seal WHERE id = 1').toArray()[0]?.s ?? -1;
  }

  async #keepFor(bucket: number): Promise<void> {
    if ((await this.ctx.storage.getAlarm()) !== null) return;
    const lastOfDay = (Math.floor(bucket / bucketsPerDay) + 1) * bucketsPerDay - 1;
    await this.ctx.storage.setAlarm(sealsAt(lastOfDay) + securityLogKeptMs);
  }
}
