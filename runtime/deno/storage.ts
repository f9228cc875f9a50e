/**
 * One Durable Object's storage: its own SQLite file under the data folder, opened on first use.
 * As in workerd, the writes of one synchronous stretch of code are committed together (an implicit
 * transaction that commits when that code yields), transactionSync nests as a savepoint, and every
 * commit is durable before anything else runs (WAL, synchronous=FULL). The alarm lives in the same
 * file, so it survives a restart with the data it belongs to.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { execute } from './sql.ts';

const alarmTable = '__runtime_alarm';

/** Told when an object's alarm is set or cleared, so the scheduler can wake it (runtime/deno/alarms.ts). */
export type AlarmListener = (at: number | null) => void;

export class ObjectStorage {
  #db: DatabaseSync | null = null;
  #inTurn = false;
  #savepoints = 0;
  readonly sql: SqlStorage;

  constructor(
    readonly path: string,
    private readonly onAlarm: AlarmListener,
  ) {
    const storage = this;
    this.sql = {
      exec: (query: string, ...bindings: unknown[]) => execute(storage.#turn(), query, bindings),
      get databaseSize() {
        const db = storage.#open();
        const page = db.prepare('PRAGMA page_size').get() as { page_size: number };
        const count = db.prepare('PRAGMA page_count').get() as { page_count: number };
        return page.page_size * count.page_count;
      },
    } as unknown as SqlStorage;
  }

  #open(): DatabaseSync {
    if (this.#db) return this.#db;
    mkdirSync(dirname(this.path), { recursive: true });
    const db = new DatabaseSync(this.path);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
    db.exec(`CREATE TABLE IF NOT EXISTS ${alarmTable} (id INTEGER PRIMARY KEY CHECK (id = 1), at INTEGER NOT NULL)`);
    this.#db = db;
    return db;
  }

  /** The database, inside this turn's implicit transaction (committed when the running code yields). */
  #turn(): DatabaseSync {
    const db = this.#open();
    if (!this.#inTurn) {
      db.exec('BEGIN');
      this.#inTurn = true;
      queueMicrotask(() => this.commit());
    }
    return db;
  }

  /** Commits the open turn, if any (the runtime also calls it before closing). */
  commit(): void {
    if (!this.#inTurn || !this.#db) return;
    this.#inTurn = false;
    this.#db.exec('COMMIT');
  }

  transactionSync<T>(body: () => T): T {
    const db = this.#turn();
    const name = `tx${++this.#savepoints}`;
    db.exec(`SAVEPOINT ${name}`);
    try {
      const result = body();
      db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      db.exec(`ROLLBACK TO ${name}`);
      db.exec(`RELEASE ${name}`);
      throw error;
    } finally {
      this.#savepoints--;
    }
  }

  /** Deletes the object's file: every table and the alarm, as workerd's deleteAll does. */
  async deleteAll(): Promise<void> {
    this.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(this.path + suffix, { force: true });
    this.onAlarm(null);
  }

  async getAlarm(): Promise<number | null> {
    return this.alarmAt();
  }

  /** The alarm time, read synchronously (for the scheduler). */
  alarmAt(): number | null {
    const row = this.#open().prepare(`SELECT at FROM ${alarmTable} WHERE id = 1`).get() as { at: number } | undefined;
    return row ? Number(row.at) : null;
  }

  async setAlarm(scheduled: number | Date): Promise<void> {
    const at = typeof scheduled === 'number' ? scheduled : scheduled.getTime();
    if (!Number.isFinite(at)) throw new TypeError('setAlarm: not a time');
    this.#turn().prepare(`INSERT OR REPLACE INTO ${alarmTable} (id, at) VALUES (1, ?)`).run(Math.trunc(at));
    this.onAlarm(Math.trunc(at));
  }

  async deleteAlarm(): Promise<void> {
    this.#turn().exec(`DELETE FROM ${alarmTable}`);
    this.onAlarm(null);
  }

  close(): void {
    if (!this.#db) return;
    this.commit();
    this.#db.close();
    this.#db = null;
  }

  /** The key-value API is not part of what the product uses; say so rather than pretend. */
  unsupported(name: string): never {
    throw new Error(`ctx.storage.${name} is not implemented by the Deno runtime (the product uses ctx.storage.sql)`);
  }
}
