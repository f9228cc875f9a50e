/**
 * Invites and staff (tables `invites_issued`, `staff_access`, docs/storage.md): the invites an
 * admin issued, the StaffDirectory's listing of agents and admins, and what an admin's decision to
 * disable or enable a staff member does to this account.
 */
import type { AccountView, InviteView, RequestContext } from '../../core/account-rules.ts';
import { now } from '../../core/clock.ts';
import { type CustomerLookupAudit, lookupAuditDetail } from '../../core/customer-lookup.ts';
import type { EventCause } from '../../core/event-cause.ts';
import { errorText, log } from '../../core/log.ts';
import type { Env } from '../../env.ts';
import type { AccountAudit } from './audit.ts';
import { profileView } from './profile.ts';
import type { AccountStorage } from './storage.ts';

export class Staff {
  readonly #storage: AccountStorage;
  readonly #env: () => Env;
  readonly #audit: AccountAudit;
  readonly #liveSockets: () => WebSocket[];

  constructor(storage: AccountStorage, env: () => Env, audit: AccountAudit, liveSockets: () => WebSocket[]) {
    this.#storage = storage;
    this.#env = env;
    this.#audit = audit;
    this.#liveSockets = liveSockets;
  }

  /** Whether an admin disabled this staff account (table staff_access). */
  disabled(): boolean {
    return this.#storage.sql.exec('SELECT 1 FROM staff_access').toArray().length > 0;
  }

  /** Staff accounts are listed in the StaffDirectory, with their last sign-in. */
  async note(view: AccountView, signedInAt: number | null): Promise<void> {
    if (view.role === 'customer') return;
    const profile = { ...view, role: view.role };
    await this.#directory().note(profile, signedInAt);
  }

  /** Notes an invite this admin issued (the code itself is never stored, only its id). */
  recordInviteIssued(invite: InviteView, cause: EventCause): void {
    this.#storage.transactionSync(() => {
      this.#storage.sql.exec(
        'INSERT INTO invites_issued (invite_id, role, team, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        invite.id,
        invite.role,
        invite.team,
        invite.createdAt,
        invite.expiresAt,
      );
      this.#audit.append('invite_issued', { invite: invite.id, role: invite.role, team: invite.team }, cause);
    });
  }

  /** Notes that an invite this admin issued was used, and by whom. */
  recordInviteUsed(inviteId: string, usedBy: string, cause: EventCause): void {
    const changed = this.#storage.sql.exec(
      'UPDATE invites_issued SET used_at = ?, used_by = ? WHERE invite_id = ? AND used_at IS NULL',
      now(),
      String(usedBy).slice(0, 64),
      String(inviteId),
    ).rowsWritten;
    if (changed > 0)
      this.#audit.append('invite_used', { invite: String(inviteId), by: String(usedBy).slice(0, 64) }, cause);
  }

  /** The invites this admin issued, newest first. */
  invites(): InviteView[] {
    return this.#storage.sql
      .exec<{
        invite_id: string;
        role: 'agent' | 'admin';
        team: string | null;
        created_at: number;
        expires_at: number;
        used_at: number | null;
        used_by: string | null;
      }>('SELECT * FROM invites_issued ORDER BY created_at DESC LIMIT 100')
      .toArray()
      .map((r) => ({
        id: r.invite_id,
        role: r.role,
        team: r.team,
        createdAt: r.created_at,
        expiresAt: r.expires_at,
        usedAt: r.used_at,
        usedBy: r.used_by,
      }));
  }

  /**
   * Applies what the StaffDirectory decided for this agent or admin (asked here, not taken from the
   * caller). Disabled: every session ends, the passkeys no longer sign in, calls in progress are
   * cancelled, the open apps are closed. Enabled again: sign-in works again.
   */
  async applyStaffAccess(adminId: string, cause: EventCause): Promise<boolean> {
    const { sql } = this.#storage;
    const account = profileView(sql);
    if (!account || account.role === 'customer') return false;
    const access = await this.#directory().access(account.id);
    if (!access) return false;
    const by = String(adminId).slice(0, 64);
    if (!access.enabled && !this.disabled()) {
      const calls = this.#storage.transactionSync(() => {
        sql.exec('INSERT INTO staff_access (id, disabled_at, disabled_by) VALUES (1, ?, ?)', now(), by);
        sql.exec('DELETE FROM sessions');
        this.#audit.append('disabled_by_admin', { by }, cause);
        return sql
          .exec<{ call_id: string }>(
            "SELECT call_id FROM calls WHERE role = 'agent' AND state NOT IN ('verified', 'failed', 'canceled', 'expired', 'declined')",
          )
          .toArray();
      });
      for (const socket of this.#liveSockets()) socket.close(4001, 'staff access disabled');
      for (const { call_id } of calls) {
        // Calls this agent started and that are still going end now (the customer's screen is told).
        await this.#env()
          .CALL.get(this.#env().CALL.idFromString(call_id))
          .cancelForRemovedStaff(account.id, cause)
          .catch((error: unknown) => log('error', 'call_not_cancelled', { call: call_id, error: errorText(error) }));
      }
    } else if (access.enabled && this.disabled()) {
      this.#storage.transactionSync(() => {
        sql.exec('DELETE FROM staff_access');
        this.#audit.append('enabled_by_admin', { by }, cause);
      });
    }
    return true;
  }

  /** The admin's own log: they disabled or enabled a staff member (checked with the directory). */
  async recordStaffChange(targetId: string, handle: string, enabled: boolean, cause: EventCause): Promise<void> {
    if (profileView(this.#storage.sql)?.role !== 'admin') return;
    const access = await this.#directory().access(String(targetId));
    if (access?.enabled !== enabled) return;
    this.#audit.append(
      enabled ? 'staff_enabled' : 'staff_disabled',
      {
        staff: String(targetId).slice(0, 64),
        handle: String(handle).slice(0, 32),
      },
      cause,
    );
  }

  /** The admin's own log: they added or deleted a webhook endpoint (WebhookConfig, after their fresh assertion). */
  recordWebhookChange(
    change: 'added' | 'deleted',
    endpoint: { endpoint: string; host: string; types: string },
    context: RequestContext,
  ): boolean {
    if (profileView(this.#storage.sql)?.role !== 'admin' || this.disabled()) return false;
    this.#audit.append(
      change === 'added' ? 'webhook_endpoint_added' : 'webhook_endpoint_deleted',
      {
        endpoint: String(endpoint?.endpoint).slice(0, 19),
        host: String(endpoint?.host).slice(0, 253),
        types: String(endpoint?.types).slice(0, 100),
        ip: typeof context?.ip === 'string' ? context.ip.slice(0, 64) : null,
        userAgent: typeof context?.userAgent === 'string' ? context.userAgent.slice(0, 256) : null,
      },
      context,
    );
    return true;
  }

  /** An enabled agent's look-up of a customer, kept in their own log; false when not recorded. */
  recordCustomerLookup(lookup: CustomerLookupAudit, cause: EventCause): boolean {
    const detail = lookupAuditDetail(lookup);
    if (!detail || profileView(this.#storage.sql)?.role !== 'agent' || this.disabled()) return false;
    this.#audit.append('customer_lookup', detail, cause);
    return true;
  }

  #directory() {
    return this.#env().STAFF.get(this.#env().STAFF.idFromName('staff'));
  }
}
