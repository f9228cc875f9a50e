/**
 * Invite: one Durable Object per invite code, addressed by `idFromName('invite:' + sha256(code))`
 * so the code itself is never stored. Single use and expiring. The bootstrap secret that creates the
 * first admin is an invite too (`idFromName('bootstrap')`), so it is single use by the same rule.
 */
import { DurableObject } from 'cloudflare:workers';
import { isStoredText, textLimits } from '../../shared/text.ts';
import { now } from '../core/clock.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { Env } from '../env.ts';
import { passkeyApproval } from './account/proofs.ts';
import { type Migration, migrate } from './schema-migrations.ts';

export interface InviteTerms {
  role: 'agent' | 'admin';
  team: string | null;
  /** The admin account that issued it; null for the bootstrap invite. */
  issuedBy: string | null;
}

type InviteRow = {
  role: 'agent' | 'admin';
  team: string | null;
  issued_by: string | null;
  expires_at: number | null;
  used_at: number | null;
  used_by: string | null;
};

const schema = `CREATE TABLE IF NOT EXISTS invite (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  role TEXT NOT NULL, team TEXT, issued_by TEXT,
  expires_at INTEGER, used_at INTEGER, used_by TEXT)`;
/** Invite's schema versions (schema-migrations.ts); version 1 is the schema before migrations. */
const migrations: readonly Migration[] = [{ version: 1, name: 'initial', up: schema }];

// Used invites are kept this long after expiry so a reuse is still answered "already used".
const keepAfterExpiryMs = 24 * 3_600_000;

export class Invite extends DurableObject<Env> {
  #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    migrate(ctx.storage, 'Invite', migrations);
  }

  /**
   * Creates the invite; fails if this object already holds one (codes are never reissued). An admin
   * invite needs the issuing admin's fresh passkey assertion (PasskeyChallenge `proofId`, purpose
   * `staff_invite`), asked of that object here, whatever the route checked.
   */
  async issue(
    terms: InviteTerms,
    expiresAt: number,
    proofId: string | null = null,
  ): Promise<Result<null, 'exists' | 'invalid' | 'no_proof'>> {
    if ((terms?.role !== 'agent' && terms?.role !== 'admin') || !Number.isFinite(expiresAt)) return fail('invalid');
    // The team is checked by the rule the account that redeems the invite is created with.
    if (
      (terms.issuedBy !== null && typeof terms.issuedBy !== 'string') ||
      (terms.team !== null && !isStoredText(terms.team, textLimits.team))
    ) {
      return fail('invalid');
    }
    if (this.#row()) return fail('exists');
    if (
      terms.role === 'admin' &&
      (terms.issuedBy === null || !(await passkeyApproval(this.env, terms.issuedBy, proofId, 'staff_invite')))
    ) {
      return fail('no_proof');
    }
    if (this.#row()) return fail('exists');
    this.#sql.exec(
      'INSERT INTO invite (id, role, team, issued_by, expires_at) VALUES (1, ?, ?, ?, ?)',
      terms.role,
      terms.team,
      terms.issuedBy,
      expiresAt,
    );
    await this.ctx.storage.setAlarm(expiresAt + keepAfterExpiryMs);
    return ok(null);
  }

  /** Makes sure the bootstrap invite exists (first admin); does nothing once it was created. */
  ensureBootstrap(): void {
    if (this.#row()) return;
    this.#sql.exec("INSERT INTO invite (id, role, team, issued_by, expires_at) VALUES (1, 'admin', NULL, NULL, NULL)");
  }

  /** The terms, if the invite can still be used. Does not use it. */
  peek(): Result<InviteTerms, 'invalid'> {
    const row = this.#row();
    if (!row || row.used_at !== null || (row.expires_at !== null && now() >= row.expires_at)) return fail('invalid');
    return ok({ role: row.role, team: row.team, issuedBy: row.issued_by });
  }

  /** Uses the invite for an account, once. */
  redeem(accountId: string): Result<InviteTerms, 'invalid'> {
    const terms = this.peek();
    if (!terms.ok) return terms;
    this.#sql.exec('UPDATE invite SET used_at = ?, used_by = ? WHERE id = 1', now(), String(accountId));
    return terms;
  }

  /** Undoes `redeem` when the registration that used it could not finish. */
  release(accountId: string): void {
    this.#sql.exec('UPDATE invite SET used_at = NULL, used_by = NULL WHERE used_by = ?', String(accountId));
  }

  /** Expiry: forget the invite. */
  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
    // This instance may still be asked (an old link, a reuse): keep answering "invalid", not 500.
    migrate(this.ctx.storage, 'Invite', migrations);
  }

  #row(): InviteRow | undefined {
    return this.#sql
      .exec<InviteRow>('SELECT role, team, issued_by, expires_at, used_at, used_by FROM invite')
      .toArray()[0];
  }
}
