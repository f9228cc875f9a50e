/**
 * When each object's alarm is due. The alarm itself lives in the object's own database
 * (storage.ts); this index (`alarms.sqlite` in the data folder) only says which objects to wake, so
 * a restart does not have to open every object. The object's row is the truth: a stale index entry
 * is checked against it when it fires.
 */
import { DatabaseSync } from 'node:sqlite';

export interface AlarmTarget {
  binding: string;
  id: string;
}

const key = (t: AlarmTarget) => `${t.binding}\0${t.id}`;

export class AlarmIndex {
  #db: DatabaseSync;
  #due = new Map<string, AlarmTarget & { at: number }>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;

  constructor(
    path: string,
    private readonly fire: (target: AlarmTarget) => Promise<void>,
  ) {
    this.#db = new DatabaseSync(path);
    this.#db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
    this.#db.exec(
      'CREATE TABLE IF NOT EXISTS alarm (binding TEXT NOT NULL, id TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (binding, id))',
    );
    for (const row of this.#db.prepare('SELECT binding, id, at FROM alarm').all() as {
      binding: string;
      id: string;
      at: number;
    }[]) {
      this.#due.set(key(row), { binding: row.binding, id: row.id, at: Number(row.at) });
    }
    this.#arm();
  }

  /** Records (or, with null, clears) an object's alarm time. */
  set(target: AlarmTarget, at: number | null): void {
    if (at === null) {
      this.#db.prepare('DELETE FROM alarm WHERE binding = ? AND id = ?').run(target.binding, target.id);
      this.#due.delete(key(target));
    } else {
      this.#db
        .prepare('INSERT OR REPLACE INTO alarm (binding, id, at) VALUES (?, ?, ?)')
        .run(target.binding, target.id, at);
      this.#due.set(key(target), { ...target, at });
    }
    this.#arm();
  }

  /** Fires every alarm that is due now (by the clock, which tests may move) and waits for them. */
  async runDue(): Promise<void> {
    const now = Date.now();
    const due = [...this.#due.values()].filter((t) => t.at <= now);
    for (const t of due) this.#due.delete(key(t));
    await Promise.all(due.map((t) => this.fire(t).catch((error) => console.error('alarm failed', t, error))));
    this.#arm();
  }

  #arm(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#stopped || this.#due.size === 0) return;
    const next = Math.min(...[...this.#due.values()].map((t) => t.at));
    // Timers longer than ~24 days overflow; wake up daily and look again.
    const wait = Math.min(Math.max(next - Date.now(), 0), 86_400_000);
    this.#timer = setTimeout(() => void this.runDue(), wait);
  }

  close(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#db.close();
  }
}
