/**
 * StaffDirectory: the one index of staff (agents and admins), `idFromName('staff')`. Lists them
 * with team and last sign-in for the admin screen, and is the authority on whether a staff account
 * is enabled: disabling or enabling is decided here (the admin's fresh passkey assertion used up,
 * the last enabled admin kept), then each Account asks this object before it applies the change.
 * Table `staff` (docs/storage.md).
 */

import { DurableObject } from 'cloudflare:workers';
import type { StaffView } from '../../shared/account.ts';
import { now } from '../core/clock.ts';
import type { EventCause } from '../core/event-cause.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { Env } from '../env.ts';
import { passkeyApproval } from './account/proofs.ts';
import { type Migration, migrate } from './schema-migrations.ts';

/** A staff member as the admin screen lists them. */
export type { StaffView };

export type StaffProfile = Pick<StaffView, 'id' | 'handle' | 'displayName' | 'role' | 'team' | 'createdAt'>;
export type AccessRefusal = 'no_proof' | 'not_found' | 'last_admin' | 'forbidden' | 'unchanged';

type StaffRow = {
  account_id: string;
  handle: string;
  display_name: string;
  role: 'agent' | 'admin';
  team: string | null;
  enabled: number;
  created_at: number;
  last_sign_in_at: number | null;
  disabled_at: number | null;
  disabled_by: string | null;
};

const schema = `CREATE TABLE IF NOT EXISTS staff (
  account_id TEXT PRIMARY KEY,
  handle TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('agent', 'admin')),
  team TEXT,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  last_sign_in_at INTEGER,
  disabled_at INTEGER,
  disabled_by TEXT
)`;
/** StaffDirectory's schema versions (schema-migrations.ts); version 1 is the schema before migrations. */
const migrations: readonly Migration[] = [{ version: 1, name: 'initial', up: schema }];
const hex64 = /^[0-9a-f]{64}$/;

function validProfile(p: StaffProfile): boolean {
  return (
    typeof p?.id === 'string' &&
    hex64.test(p.id) &&
    typeof p.handle === 'string' &&
    typeof p.displayName === 'string' &&
    (p.role === 'agent' || p.role === 'admin') &&
    (p.team === null || typeof p.team === 'string') &&
    Number.isFinite(p.createdAt)
  );
}

export class StaffDirectory extends DurableObject<Env> {
  #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    migrate(ctx.storage, 'StaffDirectory', migrations);
  }

  /** A staff account was created, or signed in (`at`): listed, with its last sign-in. */
  note(profile: StaffProfile, signedInAt: number | null): void {
    if (!validProfile(profile)) return;
    this.#sql.exec(
      `INSERT INTO staff (account_id, handle, display_name, role, team, created_at, last_sign_in_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id) DO UPDATE SET handle = excluded.handle, display_name = excluded.display_name,
         role = excluded.role, team = excluded.team, last_sign_in_at = COALESCE(excluded.last_sign_in_at, last_sign_in_at)`,
      profile.id,
      profile.handle.slice(0, 32),
      profile.displayName.slice(0, 64),
      profile.role,
      profile.team?.slice(0, 64) ?? null,
      profile.createdAt,
      signedInAt,
    );
  }

  /** Every staff member, admins first, then by name. */
  list(): StaffView[] {
    return this.#sql
      .exec<StaffRow>('SELECT * FROM staff ORDER BY role, display_name, handle')
      .toArray()
      .map((r) => ({
        id: r.account_id,
        handle: r.handle,
        displayName: r.display_name,
        role: r.role,
        team: r.team,
        enabled: r.enabled === 1,
        createdAt: r.created_at,
        lastSignInAt: r.last_sign_in_at,
        disabledAt: r.disabled_at,
      }));
  }

  /** Whether the account may act as staff; null when it is not in the directory. */
  access(accountId: string): { enabled: boolean; by: string | null } | null {
    const row = this.#row(String(accountId));
    return row ? { enabled: row.enabled === 1, by: row.disabled_by } : null;
  }

  /**
   * An enabled admin (`adminId`, whose fresh assertion `proofId` passed for `staff_access`)
   * disables or enables a staff member. The last enabled admin is never disabled. Decided here
   * before any other await; then the Account of the member applies it (it asks `access`), and both
   * accounts log it.
   */
  async setAccess(
    targetId: string,
    enabled: boolean,
    adminId: string,
    proofId: string,
    cause: EventCause,
  ): Promise<Result<StaffView, AccessRefusal>> {
    const admin = this.#row(String(adminId));
    if (admin?.role !== 'admin' || admin.enabled !== 1) return fail('forbidden');
    if (typeof enabled !== 'boolean' || !this.#row(String(targetId))) return fail('not_found');
    if (!(await passkeyApproval(this.env, adminId, proofId, 'staff_access'))) return fail('no_proof');
    // Read again after the await: two admins disabling each other cannot leave none.
    if (this.#row(String(adminId))?.enabled !== 1) return fail('forbidden');
    const target = this.#row(String(targetId)) as StaffRow;
    if ((target.enabled === 1) === enabled) return fail('unchanged');
    if (!enabled && target.role === 'admin') {
      const admins = this.#sql
        .exec<{ n: number }>("SELECT COUNT(*) AS n FROM staff WHERE role = 'admin' AND enabled = 1")
        .one().n;
      if (admins <= 1) return fail('last_admin');
    }
    const at = now();
    this.#sql.exec(
      'UPDATE staff SET enabled = ?, disabled_at = ?, disabled_by = ? WHERE account_id = ?',
      enabled ? 1 : 0,
      enabled ? null : at,
      enabled ? null : adminId,
      target.account_id,
    );
    const accounts = this.env.ACCOUNT;
    await accounts.get(accounts.idFromString(target.account_id)).applyStaffAccess(adminId, cause);
    await accounts
      .get(accounts.idFromString(adminId))
      .recordStaffChange(target.account_id, target.handle, enabled, cause);
    return ok(this.list().find((s) => s.id === target.account_id) as StaffView);
  }

  #row(accountId: string): StaffRow | undefined {
    return this.#sql.exec<StaffRow>('SELECT * FROM staff WHERE account_id = ?', accountId).toArray()[0];
  }
}
