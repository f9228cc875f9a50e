/**
 * SendBudget: one Durable Object per thing sends are counted against (`to:+447…`, `account:jane`,
 * `ip:203.0.113.9`), addressed by `idFromName`. It keeps the times of recent sends (a sliding
 * window log) and says whether one more fits under every cap (DESIGN.md: sends are rate-limited
 * per destination, per account and per client IP, with hourly and daily caps).
 */
import { DurableObject } from 'cloudflare:workers';
import { now } from '../core/clock.ts';
import type { SendCap } from '../core/config.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { Env } from '../env.ts';
import { type Migration, migrate } from './schema-migrations.ts';

export type BudgetRefusal = { retryAfterMs: number };

const validCap = (c: SendCap) =>
  Number.isInteger(c?.max) &&
  c.max >= 1 &&
  Number.isFinite(c?.windowMs) &&
  c.windowMs > 0 &&
  c.windowMs <= 7 * 86_400_000;

/** SendBudget's schema versions (schema-migrations.ts); version 1 is the schema before migrations. */
const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    up: 'CREATE TABLE IF NOT EXISTS sends (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL)',
  },
];

export class SendBudget extends DurableObject<Env> {
  #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    migrate(ctx.storage, 'SendBudget', migrations);
  }

  /**
   * Takes one send if it fits under every cap; otherwise takes nothing and says when one would fit.
   * Synchronous from check to write, so two concurrent sends cannot both take the last place.
   */
  take(caps: SendCap[]): Result<{ used: number }, 'rate_limited'> & Partial<BudgetRefusal> {
    if (!Array.isArray(caps) || caps.length === 0 || caps.length > 8 || !caps.every(validCap)) {
      return { ...fail('rate_limited'), retryAfterMs: 60_000 };
    }
    const at = now();
    const longest = Math.max(...caps.map((c) => c.windowMs));
    this.#sql.exec('DELETE FROM sends WHERE at <= ?', at - longest);
    let retryAfterMs = 0;
    for (const cap of caps) {
      const rows = this.#sql
        .exec<{ at: number }>('SELECT at FROM sends WHERE at > ? ORDER BY at DESC LIMIT ?', at - cap.windowMs, cap.max)
        .toArray();
      if (rows.length >= cap.max) {
        const oldestCounted = rows[rows.length - 1]?.at ?? at;
        retryAfterMs = Math.max(retryAfterMs, oldestCounted + cap.windowMs - at);
      }
    }
    if (retryAfterMs > 0) return { ...fail('rate_limited'), retryAfterMs };
    this.#sql.exec('INSERT INTO sends (at) VALUES (?)', at);
    // Nothing is kept past the longest window: the alarm empties an idle budget.
    void this.ctx.storage.setAlarm(at + longest);
    const used = this.#sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM sends').one().n;
    return ok({ used });
  }

  /** Every send is older than the longest window by now: none of them counts any more. */
  override alarm(): void {
    this.#sql.exec('DELETE FROM sends WHERE at <= ?', now() - 1);
  }
}
