/**
 * Versioned schema migrations, one ordered list per Durable Object class. The constructor calls
 * `migrate` and the object only runs once its tables are at the version its code knows.
 *
 * - Version 1 is the schema every object had before migrations existed (`CREATE TABLE IF NOT
 *   EXISTS`), so an object written by that code and a new one both end up at version 1.
 * - Later versions are appended, never edited once deployed (docs/storage.md, "How schemas evolve").
 * - The applied version is kept in the `_schema` table (one row). `PRAGMA user_version` is not one
 *   of the pragmas workerd allows (SQLITE_AUTH, read or
 *   written), so a table it is.
 * - The missing versions are applied in order inside one `transactionSync`: all of them or none.
 * - An object whose stored version is newer than the code (a rollback after a migration ran) is
 *   refused with `SchemaTooNewError`, logged: old code must not write over tables it does not know.
 */
import { now } from '../core/clock.ts';
import { log } from '../core/log.ts';

export interface Migration {
  /** 1, 2, 3…: contiguous, in order. */
  readonly version: number;
  /** What it changes, for the logs. */
  readonly name: string;
  /** SQL (several statements allowed) or a function for what SQL alone cannot do. */
  readonly up: string | ((sql: SqlStorage) => void);
}

/** Thrown by `migrate` when the object was written by a newer schema than this code knows. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly object: string,
    readonly stored: number,
    readonly known: number,
  ) {
    super(`${object}: stored schema version ${stored} is newer than this code knows (${known}); refusing to run`);
    this.name = 'SchemaTooNewError';
  }
}

const bookkeeping = `CREATE TABLE IF NOT EXISTS _schema (
  id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, migrated_at INTEGER NOT NULL)`;

/** Throws unless the list is versions 1, 2, … n in order (a programming error, caught by any test). */
export function checkMigrations(object: string, migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`${object}: migration #${i} has version ${m.version}, expected ${i + 1}`);
  });
  if (migrations.length === 0) throw new Error(`${object}: no migrations`);
  return migrations.length;
}

/** The version stored in this object's `_schema` (0 for an object that has none yet). */
export function storedVersion(sql: SqlStorage): number {
  const table = sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_schema'").toArray();
  if (table.length === 0) return 0;
  const row = sql.exec<{ version: number }>('SELECT version FROM _schema WHERE id = 1').toArray()[0];
  return row?.version ?? 0;
}

/** Whether the object already holds tables (written by the code from before migrations). */
function hasTables(sql: SqlStorage): boolean {
  const tables = sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").toArray();
  // Not SQLite's own, nor a runtime's (`_cf_…` on workerd, `__runtime_alarm` on Deno), nor `_schema`.
  return tables.some(({ name }) => !/^(sqlite_|_)/.test(name));
}

/**
 * Brings this object's tables to the latest version of `migrations`; returns the versions applied
 * (empty when it was already current). Call it from the constructor (and again after `deleteAll`).
 */
export function migrate(storage: DurableObjectStorage, object: string, migrations: readonly Migration[]): number[] {
  const latest = checkMigrations(object, migrations);
  const sql = storage.sql;
  return storage.transactionSync(() => {
    const stored = storedVersion(sql);
    if (stored > latest) {
      const error = new SchemaTooNewError(object, stored, latest);
      log('error', 'schema_too_new', { object, stored, known: latest });
      throw error;
    }
    if (stored === latest) return [];
    const adopted = stored === 0 && hasTables(sql);
    sql.exec(bookkeeping);
    const applied: number[] = [];
    for (const migration of migrations.slice(stored)) {
      try {
        if (typeof migration.up === 'string') sql.exec(migration.up);
        else migration.up(sql);
      } catch (error) {
        // Rolled back with the rest; the constructor throws, so every call to this object fails.
        log('error', 'schema_migration_failed', { object, version: migration.version, name: migration.name });
        throw error;
      }
      applied.push(migration.version);
    }
    sql.exec(
      'INSERT INTO _schema (id, version, migrated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version, migrated_at = excluded.migrated_at',
      latest,
      now(),
    );
    // A brand-new object is not news; an existing one brought forward is.
    if (stored > 0 || adopted) log('info', 'schema_migrated', { object, from: stored, to: latest });
    return applied;
  });
}
