/**
 * CustomerReference: the bank's own reference for a customer, set by the bank's systems
 * through the API (scope `customers`). One class, two kinds of object, both by `idFromName`:
 * - `reference:<reference, lower-case>` — who holds the reference (unique, case-insensitively):
 *   claims are atomic, so of two concurrent claims of one reference one wins;
 * - `account:<account id>` — the account's current reference, as the bank wrote it.
 * A claim is made first, then the account's slot is set (which answers the reference it replaced,
 * released after). A claim whose slot never followed (a crash in between) is stale: the next
 * claimant asks the holder's slot and takes it over. Tables `holder` and `current` (docs/storage.md).
 */
import { DurableObject } from 'cloudflare:workers';
import { referencePattern } from '../../shared/customers.ts';
import { now } from '../core/clock.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { Env } from '../env.ts';
import { type Migration, migrate } from './schema-migrations.ts';

const hex64 = /^[0-9a-f]{64}$/;
/** Why a reference was not set (worker/http/refusals.ts maps them). */
export type ReferenceRefusal = 'taken' | 'invalid' | 'not_found';

/**
 * A claim whose account slot does not name it is stale only after this long: until then the
 * claimant may still be on its way to setting the slot (two claims racing must not both win).
 */
const staleClaimMs = 60_000;

/** Who wrote a reference: `key:<API key id>`. */
const writerPattern = /^key:[0-9a-f]{16}$/;

/** CustomerReference's schema versions (schema-migrations.ts). */
const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    up: (sql) => {
      sql.exec(
        'CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), account_id TEXT NOT NULL, claimed_at INTEGER NOT NULL)',
      );
      sql.exec(
        'CREATE TABLE IF NOT EXISTS current (id INTEGER PRIMARY KEY CHECK (id = 1), reference TEXT NOT NULL, set_by TEXT NOT NULL, set_at INTEGER NOT NULL)',
      );
    },
  },
];

/** The reference object's name for a reference (uniqueness ignores case). */
export const referenceName = (reference: string) => `reference:${reference.toLowerCase()}`;
/** The slot object's name for an account. */
export const accountSlotName = (accountId: string) => `account:${accountId}`;

export class CustomerReference extends DurableObject<Env> {
  #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    migrate(ctx.storage, 'CustomerReference', migrations);
  }

  // --- as `reference:<reference>` ------------------------------------------------------------

  /** The account holding this reference, or null. */
  holder(): string | null {
    return this.#sql.exec<{ account_id: string }>('SELECT account_id FROM holder').toArray()[0]?.account_id ?? null;
  }

  /**
   * Claims this reference (`reference`, as written) for an account; `taken` when another account
   * holds it. A holder whose own slot names another reference a minute after its claim lost it in
   * a crash between claim and slot: taken over.
   */
  async claim(accountId: string, reference: string): Promise<Result<null, 'taken' | 'invalid'>> {
    if (typeof accountId !== 'string' || !hex64.test(accountId)) return fail('invalid');
    if (typeof reference !== 'string' || !referencePattern.test(reference)) return fail('invalid');
    const row = this.#sql
      .exec<{ account_id: string; claimed_at: number }>('SELECT account_id, claimed_at FROM holder')
      .toArray()[0];
    const holder = row?.account_id ?? null;
    if (holder === accountId) return ok(null);
    if (row && now() - row.claimed_at < staleClaimMs) return fail('taken');
    if (holder !== null) {
      const slots = this.env.CUSTOMER_REFERENCE;
      const held = await slots.get(slots.idFromName(accountSlotName(holder))).reference();
      if (held !== null && held.toLowerCase() === reference.toLowerCase()) return fail('taken');
      // Read again after the await: another claimant may have taken the stale claim meanwhile.
      if (this.holder() !== holder) return fail('taken');
      this.#sql.exec('DELETE FROM holder');
    }
    this.#sql.exec('INSERT INTO holder (id, account_id, claimed_at) VALUES (1, ?, ?)', accountId, now());
    return ok(null);
  }

  /** Gives the reference up, if `accountId` still holds it. */
  release(accountId: string): void {
    this.#sql.exec('DELETE FROM holder WHERE account_id = ?', String(accountId));
  }

  // --- as `account:<id>` ---------------------------------------------------------------------

  /** The account's current reference, as the bank wrote it, or null. */
  reference(): string | null {
    return this.#sql.exec<{ reference: string }>('SELECT reference FROM current').toArray()[0]?.reference ?? null;
  }

  /** Sets the account's reference (already claimed); answers the one it replaced, to be released. */
  set(reference: string, setBy: string): Result<{ previous: string | null }, 'invalid'> {
    if (typeof reference !== 'string' || !referencePattern.test(reference)) return fail('invalid');
    if (typeof setBy !== 'string' || !writerPattern.test(setBy)) return fail('invalid');
    const previous = this.reference();
    this.#sql.exec(
      `INSERT INTO current (id, reference, set_by, set_at) VALUES (1, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET reference = excluded.reference, set_by = excluded.set_by, set_at = excluded.set_at`,
      reference,
      setBy,
      now(),
    );
    // The same reference in other letters is the same claim: nothing to release.
    return ok({ previous: previous?.toLowerCase() === reference.toLowerCase() ? null : previous });
  }
}
