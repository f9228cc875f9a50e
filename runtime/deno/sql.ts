/**
 * `ctx.storage.sql` over `node:sqlite`: the part of workerd's SqlStorage the product uses. exec runs
 * at once (as workerd does) and returns a cursor with toArray, one, raw, next, columnNames,
 * rowsRead and rowsWritten. Blobs come back as ArrayBuffer, as in workerd.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';

type Row = Record<string, SqlStorageValue>;

/** Splits a script into statements (quotes and comments respected); schemas hold several. */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (ch === "'" || ch === '"' || ch === '`') {
      const close = script.indexOf(ch, i + 1);
      i = close === -1 ? script.length : close;
    } else if (ch === '-' && script[i + 1] === '-') {
      const end = script.indexOf('\n', i);
      i = end === -1 ? script.length : end;
    } else if (ch === '/' && script[i + 1] === '*') {
      const end = script.indexOf('*/', i + 2);
      i = end === -1 ? script.length : end + 1;
    } else if (ch === ';') {
      statements.push(script.slice(start, i));
      start = i + 1;
    }
  }
  statements.push(script.slice(start));
  return statements.filter((s) => s.replace(/--[^\n]*/g, '').trim() !== '');
}

const toInput = (v: unknown): SQLInputValue => {
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  if (v === undefined) throw new TypeError('SQL binding is undefined');
  return v as SQLInputValue;
};

const fromOutput = (v: unknown): SqlStorageValue =>
  v instanceof Uint8Array
    ? (v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) as ArrayBuffer)
    : (v as SqlStorageValue);

/** The rows of one exec, read eagerly. */
export class Cursor<T extends Row = Row> implements Iterable<T> {
  #rows: T[];
  #position = 0;
  constructor(
    rows: T[],
    readonly columnNames: string[],
    readonly rowsWritten: number,
  ) {
    this.#rows = rows;
  }
  get rowsRead(): number {
    return this.#rows.length;
  }
  next(): IteratorResult<T> {
    const row = this.#rows[this.#position];
    if (row === undefined) return { done: true, value: undefined };
    this.#position++;
    return { done: false, value: row };
  }
  toArray(): T[] {
    const rest = this.#rows.slice(this.#position);
    this.#position = this.#rows.length;
    return rest;
  }
  one(): T {
    const rest = this.toArray();
    if (rest.length !== 1) {
      throw new Error(
        `Expected exactly one result from SQL query, but got ${rest.length === 0 ? 'no' : 'more than one'} results.`,
      );
    }
    return rest[0] as T;
  }
  *raw<U extends SqlStorageValue[]>(): IterableIterator<U> {
    for (const row of this.toArray()) yield this.columnNames.map((c) => row[c]) as U;
  }
  [Symbol.iterator](): Iterator<T> {
    return this;
  }
}

/** Runs a query (or, without bindings, a script of several statements) and reads its rows. */
export function execute<T extends Row>(db: DatabaseSync, query: string, bindings: unknown[]): Cursor<T> {
  const statements = bindings.length === 0 ? splitStatements(query) : [query];
  const last = statements.pop() ?? '';
  for (const statement of statements) db.exec(statement);
  if (last === '') return new Cursor<T>([], [], 0);
  const statement = db.prepare(last);
  const columns = statement.columns().map((c) => c.name);
  const inputs = bindings.map(toInput);
  if (columns.length === 0) {
    const { changes } = statement.run(...inputs);
    return new Cursor<T>([], [], Number(changes));
  }
  const reads = /^\s*(SELECT|PRAGMA)\b/i.test(last);
  const before = reads ? 0 : totalChanges(db);
  const rows = statement.all(...inputs).map((r) => {
    const row: Row = {};
    for (const [k, v] of Object.entries(r)) row[k] = fromOutput(v);
    return row as T;
  });
  return new Cursor<T>(rows, columns, reads ? 0 : totalChanges(db) - before);
}

const totalChanges = (db: DatabaseSync) =>
  Number((db.prepare('SELECT total_changes() AS n').get() as { n: number | bigint }).n);
