/**
 * ContactIndex: one Durable Object per verified phone number or e-mail address
 * (`idFromName('phone:+447…')`, `idFromName('email:jane@example.com')`), naming the account that
 * verified it last. It lets a verification be started for a phone number alone, and
 * recovery start from a phone number.
 */
import { DurableObject } from 'cloudflare:workers';
import { now } from '../core/clock.ts';
import type { Env } from '../env.ts';
import { type Migration, migrate } from './schema-migrations.ts';

const hex64 = /^[0-9a-f]{64}$/;

/** ContactIndex's schema versions (schema-migrations.ts); version 1 is the schema before migrations. */
const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    up: 'CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), account_id TEXT NOT NULL, since INTEGER NOT NULL)',
  },
];

export class ContactIndex extends DurableObject<Env> {
  #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    migrate(ctx.storage, 'ContactIndex', migrations);
  }

  /** This contact now belongs to `accountId` (the last account to verify it). */
  claim(accountId: string): void {
    if (typeof accountId !== 'string' || !hex64.test(accountId)) return;
    this.#sql.exec(
      'INSERT INTO holder (id, account_id, since) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, since = excluded.since',
      accountId,
      now(),
    );
  }

  /** Forgets the holder if it is still `accountId` (the account verified another contact). */
  release(accountId: string): void {
    this.#sql.exec('DELETE FROM holder WHERE account_id = ?', String(accountId));
  }

  /** The account holding this contact, or null. */
  holder(): string | null {
    return this.#sql.exec<{ account_id: string }>('SELECT account_id FROM holder').toArray()[0]?.account_id ?? null;
  }
}
