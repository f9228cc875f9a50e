/**
 * HandleClaim: one Durable Object per handle (`idFromName('handle:' + handle)`), mapping it to the
 * account that owns it. One small object per handle keeps the lookup off any global hot object,
 * and makes the claim atomic: two registrations racing for a handle cannot both win.
 */
import { DurableObject } from 'cloudflare:workers';
import { now } from '../core/clock.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { Env } from '../env.ts';
import { type Migration, migrate } from './schema-migrations.ts';

const accountIdPattern = /^[0-9a-f]{64}$/;

/** HandleClaim's schema versions (schema-migrations.ts); version 1 is the schema before migrations. */
const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    up: 'CREATE TABLE IF NOT EXISTS claim (id INTEGER PRIMARY KEY CHECK (id = 1), account_id TEXT NOT NULL, claimed_at INTEGER NOT NULL)',
  },
];

export class HandleClaim extends DurableObject<Env> {
  #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    migrate(ctx.storage, 'HandleClaim', migrations);
  }

  /** The owning account's id, or null while the handle is free. */
  owner(): string | null {
    return this.#sql.exec<{ account_id: string }>('SELECT account_id FROM claim').toArray()[0]?.account_id ?? null;
  }

  /** Claims the handle for an account; fails when another account holds it. */
  claim(accountId: string): Result<null, 'taken' | 'invalid'> {
    if (typeof accountId !== 'string' || !accountIdPattern.test(accountId)) return fail('invalid');
    const owner = this.owner();
    if (owner === accountId) return ok(null);
    if (owner !== null) return fail('taken');
    this.#sql.exec('INSERT INTO claim (id, account_id, claimed_at) VALUES (1, ?, ?)', accountId, now());
    return ok(null);
  }

  /** Gives the handle back when the registration that claimed it could not finish. */
  release(accountId: string): void {
    this.#sql.exec('DELETE FROM claim WHERE account_id = ?', String(accountId));
  }
}
