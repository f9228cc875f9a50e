/**
 * API keys for the bank's systems and aggregators (`Authorization: Bearer csk_<id>_<secret>`).
 * ApiKey: one object per key (`idFromName('key:<id>')`) holding the secret's SHA-256, the scopes
 * and whether it is revoked: every API request asks only its own key's object. ApiKeyDirectory:
 * one object (`idFromName('directory')`) listing the keys for the admin screen and the aggregators
 * a customer can allow; only those screens touch it.
 */
import { DurableObject } from 'cloudflare:workers';
import type { ApiKeyScope } from '../../shared/api-keys.ts';
import { isStoredText, textLimits } from '../../shared/text.ts';
import type { VerificationView } from '../../shared/verifications.ts';
import { now } from '../core/clock.ts';
import { timingSafeEqualBytes } from '../core/codes.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { Env } from '../env.ts';
import { type Claim, keptMs, Starts, startsSchema } from './api-key-starts.ts';
import { type Migration, migrate } from './schema-migrations.ts';

export type ApiScope = ApiKeyScope;
export const apiScopes: readonly ApiScope[] = ['verifications', 'aggregator', 'audit', 'customers'];

export interface ApiKeyView {
  id: string;
  name: string;
  scopes: ApiScope[];
  createdAt: number;
  createdBy: string;
  revokedAt: number | null;
}

const keyIdPattern = /^[0-9a-f]{16}$/;
const validScopes = (s: unknown): s is ApiScope[] =>
  Array.isArray(s) && s.length > 0 && s.length <= apiScopes.length && s.every((x) => apiScopes.includes(x));
const validView = (v: ApiKeyView) =>
  keyIdPattern.test(v?.id) &&
  isStoredText(v.name, textLimits.apiKeyName) &&
  validScopes(v.scopes) &&
  Number.isFinite(v.createdAt) &&
  typeof v.createdBy === 'string';

const hexBytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));

type KeyRow = {
  key_id: string;
  name: string;
  scopes: string;
  secret_hash: string;
  created_at: number;
  created_by: string;
  revoked_at: number | null;
};

const rowView = (r: KeyRow): ApiKeyView => ({
  id: r.key_id,
  name: r.name,
  scopes: JSON.parse(r.scopes) as ApiScope[],
  createdAt: r.created_at,
  createdBy: r.created_by,
  revokedAt: r.revoked_at,
});

/** Schema versions (schema-migrations.ts) of ApiKey and of ApiKeyDirectory; version 1 is the schema before migrations. */
const keySchema = `CREATE TABLE IF NOT EXISTS api_key (
  id INTEGER PRIMARY KEY CHECK (id = 1), key_id TEXT NOT NULL, name TEXT NOT NULL, scopes TEXT NOT NULL,
  secret_hash TEXT NOT NULL, created_at INTEGER NOT NULL, created_by TEXT NOT NULL, revoked_at INTEGER)`;

const keyMigrations: readonly Migration[] = [
  { version: 1, name: 'initial', up: keySchema },
  // Idempotency-Key records and the list of this key's verifications (api-key-starts.ts).
  { version: 2, name: 'started verifications', up: startsSchema },
];
const directoryMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    up: `CREATE TABLE IF NOT EXISTS keys (
      key_id TEXT PRIMARY KEY, name TEXT NOT NULL, scopes TEXT NOT NULL, secret_hash TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL, created_by TEXT NOT NULL, revoked_at INTEGER)`,
  },
];

export class ApiKey extends DurableObject<Env> {
  #sql: SqlStorage;
  #starts: Starts;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    migrate(ctx.storage, 'ApiKey', keyMigrations);
    this.#starts = new Starts(this.#sql);
  }

  /** Claims an `Idempotency-Key` for a start with this body (SHA-256 hex of its canonical JSON). */
  async claimStart(key: string, bodyHash: string): Promise<Claim> {
    const claim = await this.#starts.claim(String(key), String(bodyHash));
    if (claim.kind === 'new') await this.#arm();
    return claim;
  }

  /** Lists a verification this key started; with `key`, it is the answer to that Idempotency-Key. */
  async started(verificationId: string, key: string | null): Promise<void> {
    if (this.#starts.started(String(verificationId), key === null ? null : String(key))) await this.#arm();
  }

  /** Frees an Idempotency-Key whose start made no verification. */
  releaseStart(key: string): void {
    this.#starts.release(String(key));
  }

  /** This key's verifications that still exist, newest first, and the sequence number to go on from. */
  async listStarted(limit: number, before: number | null): Promise<{ views: VerificationView[]; next: number | null }> {
    const row = this.#row();
    if (!row) return { views: [], next: null };
    const page = this.#starts.page(limit, before);
    const ns = this.env.VERIFICATION;
    // Ended verifications are deleted by their own alarm (minutes later): a page may hold fewer.
    const views = await Promise.all(page.ids.map((id) => ns.get(ns.idFromString(id)).view(`key:${row.key_id}`)));
    return { views: views.filter((v) => v !== null), next: page.next };
  }

  override async alarm(): Promise<void> {
    const next = this.#starts.expire();
    if (next !== null) await this.ctx.storage.setAlarm(next);
  }

  async #arm(): Promise<void> {
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(now() + keptMs);
  }

  /** Stores a new key: its description and the SHA-256 (hex) of its secret, never the secret. */
  issue(key: ApiKeyView, secretHash: string): Result<ApiKeyView, 'exists' | 'invalid'> {
    if (!validView(key) || typeof secretHash !== 'string' || !/^[0-9a-f]{64}$/.test(secretHash)) return fail('invalid');
    if (this.#row()) return fail('exists');
    this.#sql.exec(
      'INSERT INTO api_key (id, key_id, name, scopes, secret_hash, created_at, created_by) VALUES (1, ?, ?, ?, ?, ?, ?)',
      key.id,
      key.name,
      JSON.stringify(key.scopes),
      secretHash,
      key.createdAt,
      key.createdBy,
    );
    return ok(rowView(this.#row() as KeyRow));
  }

  /** The key, when the secret's hash matches (in constant time) and it is not revoked. */
  authenticate(secretHash: string): ApiKeyView | null {
    const row = this.#row();
    if (!row || row.revoked_at !== null || typeof secretHash !== 'string' || secretHash.length !== 64) return null;
    return timingSafeEqualBytes(hexBytes(secretHash), hexBytes(row.secret_hash)) ? rowView(row) : null;
  }

  /** Revokes the key for good; true when it was live. */
  revoke(): boolean {
    return this.#sql.exec('UPDATE api_key SET revoked_at = ? WHERE revoked_at IS NULL', now()).rowsWritten > 0;
  }

  view(): ApiKeyView | null {
    const row = this.#row();
    return row ? rowView(row) : null;
  }

  #row(): KeyRow | undefined {
    return this.#sql.exec<KeyRow>('SELECT * FROM api_key').toArray()[0];
  }
}

export class ApiKeyDirectory extends DurableObject<Env> {
  #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    migrate(ctx.storage, 'ApiKeyDirectory', directoryMigrations);
  }

  /** Lists a key (before its ApiKey object holds it, so no live key is ever unlisted). */
  record(key: ApiKeyView): boolean {
    if (!validView(key)) return false;
    this.#sql.exec(
      'INSERT INTO keys (key_id, name, scopes, created_at, created_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING',
      key.id,
      key.name,
      JSON.stringify(key.scopes),
      key.createdAt,
      key.createdBy,
    );
    return true;
  }

  /** Drops a listing whose key could not be stored. */
  forget(keyId: string): void {
    this.#sql.exec('DELETE FROM keys WHERE key_id = ?', String(keyId));
  }

  markRevoked(keyId: string): void {
    this.#sql.exec('UPDATE keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL', now(), String(keyId));
  }

  /** Every key, newest first; `scope` narrows to keys that have it and are live. */
  list(scope?: ApiScope): ApiKeyView[] {
    const all = this.#sql.exec<KeyRow>('SELECT * FROM keys ORDER BY created_at DESC LIMIT 200').toArray().map(rowView);
    return scope ? all.filter((k) => k.scopes.includes(scope) && k.revokedAt === null) : all;
  }
}
