/**
 * Versioned schema migrations (worker/objects/schema-migrations.ts), in real Durable Objects: an
 * object written by the previous schema (raw SQL, as an old deployment left it) is opened by code
 * that knows a newer version; its rows survive, the new column and table exist, nothing is applied
 * twice, and an object written by a newer schema than the code knows is refused.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Env } from '../../worker/env.ts';
import { accountMigrations } from '../../worker/objects/account/migrations.ts';
import { Account } from '../../worker/objects/account.ts';
import { HandleClaim } from '../../worker/objects/handle-claim.ts';
import { Outbox, outboxMigrations } from '../../worker/objects/outbox.ts';
import {
  checkMigrations,
  type Migration,
  migrate,
  SchemaTooNewError,
  storedVersion,
} from '../../worker/objects/schema-migrations.ts';

const workerEnv = env as unknown as Env;
const accountA = 'a'.repeat(64);

// The Outbox's table exactly as the code before migrations created it (frozen here on purpose).
const oldOutboxTable = `CREATE TABLE messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, channel TEXT NOT NULL,
  recipient TEXT NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL)`;

/** Turns the object's storage back into what the code before migrations left: no `_schema`. */
function asOldDeployment(sql: SqlStorage, table: string, create: string): void {
  sql.exec('DROP TABLE IF EXISTS _schema');
  sql.exec(`DROP TABLE IF EXISTS ${table}`);
  sql.exec(create);
}

/** Empties the object's storage, as a brand-new object's, for the runner's own tests. */
function bare(sql: SqlStorage): void {
  const tables = sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").toArray();
  // Not SQLite's own, nor a runtime's (`_cf_…` on workerd, `__runtime_alarm` on Deno).
  for (const { name } of tables) if (!/^(sqlite_|_cf_|__)/.test(name)) sql.exec(`DROP TABLE "${name}"`);
}

const hasIndex = (sql: SqlStorage, name: string) =>
  sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", name).toArray().length === 1;

const insertOld = (sql: SqlStorage, id: string) =>
  sql.exec("INSERT INTO messages (id, channel, recipient, text, at) VALUES (?, 'sms', '+447700900001', 'Old', 5)", id);

// A test-only schema, on its own table, for what the runner must do whatever the object.
const notesV1: Migration = {
  version: 1,
  name: 'notes',
  up: 'CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL)',
};
const notesV2: Migration = {
  version: 2,
  name: 'note authors',
  up: `ALTER TABLE notes ADD COLUMN author TEXT;
       CREATE TABLE authors (name TEXT PRIMARY KEY)`,
};

const freshOutbox = () => env.OUTBOX.get(env.OUTBOX.newUniqueId());

afterEach(() => vi.restoreAllMocks());

describe('schema migrations', () => {
  it('every object class records its schema version when it starts', async () => {
    // Every class wrangler.toml declares, with the version its list ends at.
    const classes: [keyof Env, number][] = [
      ['ACCOUNT', accountMigrations.length],
      ['HANDLE', 1],
      ['PASSKEY_CHALLENGE', 1],
      ['INVITE', 1],
      // Version 2 of the three ceremonies: webhook_events (worker/webhooks/emit.ts, issue 12).
      ['CALL', 2],
      ['INCIDENTS', 1],
      ['VERIFICATION', 2],
      ['SEND_BUDGET', 1],
      ['CONTACT_INDEX', 1],
      ['API_KEY', 2],
      ['API_KEY_DIRECTORY', 1],
      ['RECOVERY', 2],
      ['STAFF', 1],
      ['OUTBOX', outboxMigrations.length],
      ['WEBHOOK_CONFIG', 1],
      ['WEBHOOK_OUTBOX', 1],
      ['SECURITY_INDEX', 1],
      // A SecurityLog shard stores nothing, not even its schema, before its first event (security-log.ts).
      ['SECURITY_LOG', 0],
    ];
    const namespaces = workerEnv as unknown as Record<string, DurableObjectNamespace | undefined>;
    const seen: string[] = [];
    for (const [binding, latest] of classes) {
      const ns = namespaces[binding];
      // The Deno runtime's test env may lack a binding workerd has (the workerd run checks them all).
      if (!ns) continue;
      const version = await runInDurableObject(ns.get(ns.newUniqueId()), (_o, state) =>
        storedVersion(state.storage.sql),
      );
      expect({ binding, version }).toEqual({ binding, version: latest });
      seen.push(binding);
    }
    if (!('Deno' in globalThis)) expect(seen).toHaveLength(classes.length);
  });

  it('an Account at version 1 opens at the latest version: its audit rows stay, none queued for export, new ones are', async () => {
    const info = vi.spyOn(console, 'log').mockImplementation(() => {});
    await runInDurableObject(env.ACCOUNT.get(env.ACCOUNT.newUniqueId()), async (_o, state) => {
      const sql = state.storage.sql;
      // What the previous deployment left: version 1, no security_outbox, an account with history.
      sql.exec('DROP TABLE security_outbox');
      sql.exec('ALTER TABLE profile DROP COLUMN language');
      sql.exec('DROP TABLE account_lock');
      sql.exec('UPDATE _schema SET version = 1');
      sql.exec(
        "INSERT INTO profile (id, account_id, handle, display_name, role, created_at) VALUES (1, ?, 'old.one', 'Old One', 'customer', 1)",
        state.id.toString(),
      );
      sql.exec("INSERT INTO audit (at, type, detail) VALUES (1, 'signed_in', '{}'), (2, 'signed_out', '{}')");

      const reopened = new Account(state, workerEnv);
      expect(storedVersion(sql)).toBe(4);
      // Version 4: the holder's lock, empty (not locked) for an account from before it.
      expect(reopened.lockView()).toBeNull();
      expect(sql.exec('SELECT seq FROM audit ORDER BY seq').toArray()).toEqual([{ seq: 1 }, { seq: 2 }]);
      expect(sql.exec('SELECT seq FROM security_outbox').toArray()).toEqual([]);
      reopened.recordFailedSignIn('unknown_credential', { ip: null, userAgent: null });
      expect(sql.exec('SELECT seq FROM security_outbox').toArray()).toEqual([{ seq: 3 }]);
      expect(reopened.auditLog().map((e) => e.type)).toEqual(['sign_in_failed', 'signed_out', 'signed_in']);
      // The queued row armed the alarm (its delivery is tested in security-export-delivery.test.ts).
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(await state.storage.getAlarm()).not.toBeNull();
      await state.storage.deleteAlarm();
    });
    expect(info.mock.calls.map((c) => JSON.parse(String(c[0])))).toContainEqual(
      expect.objectContaining({ event: 'schema_migrated', object: 'Account', from: 1, to: 4 }),
    );
  });

  it('an Account opens with every table of its version-1 schema', async () => {
    const tables = await runInDurableObject(env.ACCOUNT.get(env.ACCOUNT.newUniqueId()), (_o, state) =>
      state.storage.sql
        .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .toArray()
        .map((r) => r.name),
    );
    for (const table of ['profile', 'passkeys', 'sessions', 'audit', 'push_subscriptions', 'contacts', 'payees']) {
      expect(tables).toContain(table);
    }
    expect(tables).toEqual(
      expect.arrayContaining(['contact_change_grants', 'trusted_contacts', 'recoveries', 'account_lock', '_schema']),
    );
  });

  it('an Account written by version 1 opens at the latest version: its profile kept, in English until the holder chooses', async () => {
    await runInDurableObject(env.ACCOUNT.get(env.ACCOUNT.newUniqueId()), (_o, state) => {
      const sql = state.storage.sql;
      bare(sql);
      // What the previous deployment's code did: only version 1 known, a profile without a language.
      expect(migrate(state.storage, 'Account', accountMigrations.slice(0, 1))).toEqual([1]);
      sql.exec(
        "INSERT INTO profile (id, account_id, handle, display_name, role, created_at) VALUES (1, ?, 'old.one', 'Old One', 'customer', 5)",
        accountA,
      );
      const reopened = new Account(state, workerEnv);
      expect(storedVersion(sql)).toBe(4);
      expect(reopened.view()).toMatchObject({ id: accountA, handle: 'old.one', language: 'en' });
      const context = { ip: null, userAgent: null };
      expect(reopened.setLanguage('fr', context)).toBe(true);
      expect(reopened.view()?.language).toBe('fr');
      expect(reopened.language()).toBe('fr');
      expect(reopened.setLanguage('de' as never, context)).toBe(false);
      expect(reopened.language()).toBe('fr');
    });
  });

  it('an Outbox written before migrations existed (version 1 tables, no _schema) opens at version 2 with its rows', async () => {
    const info = vi.spyOn(console, 'log').mockImplementation(() => {});
    await runInDurableObject(freshOutbox(), (_o, state) => {
      const sql = state.storage.sql;
      asOldDeployment(sql, 'messages', oldOutboxTable);
      insertOld(sql, 'OB1');
      const reopened = new Outbox(state, workerEnv);
      expect(reopened.list()).toEqual([{ id: 'OB1', channel: 'sms', to: '+447700900001', text: 'Old', at: 5 }]);
      expect(storedVersion(sql)).toBe(2);
      expect(hasIndex(sql, 'messages_by_recipient')).toBe(true);
      expect(reopened.store('email', 'ann@example.com', 'New').ok).toBe(true);
      expect(reopened.list().map((m) => m.text)).toEqual(['New', 'Old']);
    });
    expect(info.mock.calls.map((c) => JSON.parse(String(c[0])))).toContainEqual(
      expect.objectContaining({ event: 'schema_migrated', object: 'Outbox', from: 0, to: 2 }),
    );
  });

  it('an Outbox at version 1 opens at version 2 with its rows; a second open applies nothing', async () => {
    const info = vi.spyOn(console, 'log').mockImplementation(() => {});
    await runInDurableObject(freshOutbox(), (_o, state) => {
      const sql = state.storage.sql;
      bare(sql);
      // What the previous deployment's code did: only version 1 known.
      expect(migrate(state.storage, 'Outbox', outboxMigrations.slice(0, 1))).toEqual([1]);
      insertOld(sql, 'OB1');
      insertOld(sql, 'OB2');
      expect(hasIndex(sql, 'messages_by_recipient')).toBe(false);

      expect(new Outbox(state, workerEnv).list('+447700900001').map((m) => m.id)).toEqual(['OB2', 'OB1']);
      expect(storedVersion(sql)).toBe(2);
      expect(hasIndex(sql, 'messages_by_recipient')).toBe(true);
      // Re-running version 2 would fail (the index exists): the second open must skip it.
      expect(() => new Outbox(state, workerEnv)).not.toThrow();
      expect(migrate(state.storage, 'Outbox', outboxMigrations)).toEqual([]);
    });
    const migrated = info.mock.calls.map((c) => JSON.parse(String(c[0]))).filter((l) => l.event === 'schema_migrated');
    expect(migrated).toEqual([expect.objectContaining({ object: 'Outbox', from: 1, to: 2 })]);
  });

  it('an older object of another class (HandleClaim) opens with its row, at version 1', async () => {
    await runInDurableObject(env.HANDLE.get(env.HANDLE.idFromName('old-handle')), (_o, state) => {
      asOldDeployment(
        state.storage.sql,
        'claim',
        'CREATE TABLE claim (id INTEGER PRIMARY KEY CHECK (id = 1), account_id TEXT NOT NULL, claimed_at INTEGER NOT NULL)',
      );
      state.storage.sql.exec('INSERT INTO claim (id, account_id, claimed_at) VALUES (1, ?, 7)', accountA);
      expect(new HandleClaim(state, workerEnv).owner()).toBe(accountA);
      expect(storedVersion(state.storage.sql)).toBe(1);
    });
  });

  it('an object written by a newer schema than the code knows is refused, logged, and left as it was', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await runInDurableObject(freshOutbox(), (_o, state) => {
      const sql = state.storage.sql;
      insertOld(sql, 'OB3');
      // A newer deployment migrated it to version 3, then was rolled back to this code (version 2).
      sql.exec('UPDATE _schema SET version = 3');
      expect(() => new Outbox(state, workerEnv)).toThrow(SchemaTooNewError);
      expect(() => migrate(state.storage, 'Outbox', outboxMigrations)).toThrow(
        'Outbox: stored schema version 3 is newer than this code knows (2); refusing to run',
      );
      expect(storedVersion(sql)).toBe(3);
      expect(sql.exec('SELECT id FROM messages').toArray()).toEqual([{ id: 'OB3' }]);
    });
    const line = JSON.parse(String(logged.mock.calls.at(-1)?.[0]));
    expect(line).toMatchObject({ level: 'error', event: 'schema_too_new', object: 'Outbox', stored: 3, known: 2 });
  });
});

describe('the migration runner', () => {
  it('opens storage at version 1 with a version 2: rows survive, the new column and table exist', async () => {
    await runInDurableObject(freshOutbox(), (_o, state) => {
      const sql = state.storage.sql;
      bare(sql);
      expect(migrate(state.storage, 'Notes', [notesV1])).toEqual([1]);
      sql.exec("INSERT INTO notes (id, body) VALUES ('n1', 'kept')");

      expect(migrate(state.storage, 'Notes', [notesV1, notesV2])).toEqual([2]);
      expect(storedVersion(sql)).toBe(2);
      expect(sql.exec('SELECT id, body, author FROM notes').toArray()).toEqual([
        { id: 'n1', body: 'kept', author: null },
      ]);
      sql.exec("INSERT INTO authors (name) VALUES ('ann')");
      // A second open applies nothing (version 2 again would fail: the column exists).
      expect(migrate(state.storage, 'Notes', [notesV1, notesV2])).toEqual([]);
    });
  });

  it('applies the missing versions once each, in the order of the list', async () => {
    await runInDurableObject(freshOutbox(), (_o, state) => {
      bare(state.storage.sql);
      const order: number[] = [];
      const step = (version: number): Migration => ({
        version,
        name: `v${version}`,
        up: () => void order.push(version),
      });
      expect(migrate(state.storage, 'Order', [notesV1, step(2), step(3), step(4)])).toEqual([1, 2, 3, 4]);
      expect(order).toEqual([2, 3, 4]);
      expect(migrate(state.storage, 'Order', [notesV1, step(2), step(3), step(4), step(5)])).toEqual([5]);
      expect(migrate(state.storage, 'Order', [notesV1, step(2), step(3), step(4), step(5)])).toEqual([]);
      expect(order).toEqual([2, 3, 4, 5]);
    });
  });

  it('a migration that fails leaves the object at its previous version, with nothing half-applied', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await runInDurableObject(freshOutbox(), (_o, state) => {
      const sql = state.storage.sql;
      bare(sql);
      migrate(state.storage, 'Notes', [notesV1]);
      const broken: Migration = {
        version: 3,
        name: 'broken',
        up: () => {
          throw new Error('migration 3 failed');
        },
      };
      expect(() => migrate(state.storage, 'Notes', [notesV1, notesV2, broken])).toThrow('migration 3 failed');
      expect(storedVersion(sql)).toBe(1);
      expect(sql.exec("SELECT 1 FROM sqlite_master WHERE name = 'authors'").toArray()).toEqual([]);
      expect(() => sql.exec('SELECT author FROM notes')).toThrow();
    });
    expect(JSON.parse(String(logged.mock.calls.at(-1)?.[0]))).toMatchObject({
      event: 'schema_migration_failed',
      object: 'Notes',
      version: 3,
    });
  });

  it('refuses a list that is not versions 1, 2, … in order', () => {
    const m = (version: number): Migration => ({ version, name: `v${version}`, up: '' });
    expect(checkMigrations('T', [m(1), m(2), m(3)])).toBe(3);
    expect(() => checkMigrations('T', [m(2), m(1)])).toThrow('T: migration #0 has version 2, expected 1');
    expect(() => checkMigrations('T', [m(1), m(3)])).toThrow('expected 2');
    expect(() => checkMigrations('T', [m(1), m(1)])).toThrow('expected 2');
    expect(() => checkMigrations('T', [])).toThrow('T: no migrations');
  });
});
