/**
 * The part of `node:sqlite` this runtime uses (Deno 2.9 implements it; @types/node 20 predates it).
 * Remove when the project's @types/node describes node:sqlite.
 */
declare module 'node:sqlite' {
  export type SQLInputValue = null | number | bigint | string | Uint8Array;
  export type SQLOutputValue = null | number | bigint | string | Uint8Array;
  export interface StatementResultingChanges {
    changes: number | bigint;
    lastInsertRowid: number | bigint;
  }
  export class StatementSync {
    all(...parameters: SQLInputValue[]): Record<string, SQLOutputValue>[];
    get(...parameters: SQLInputValue[]): Record<string, SQLOutputValue> | undefined;
    run(...parameters: SQLInputValue[]): StatementResultingChanges;
    columns(): { name: string }[];
  }
  export class DatabaseSync {
    constructor(path: string);
    exec(sql: string): void;
    prepare(sql: string): StatementSync;
    close(): void;
  }
}
