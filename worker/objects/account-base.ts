/**
 * Account, part one (see account.ts for the class that is bound): one Durable Object per person (customer, agent, admin). Holds the profile, passkeys,
 * login sessions (hashed tokens), the append-only audit log and the invites an admin issued.
 * Addressed by its own id, which is also the WebAuthn user handle of its passkeys.
 */
import { DurableObject } from 'cloudflare:workers';
import { type Role, roleSchema } from '../../shared/api.ts';
import { type CallState, type CallSummary, isFinal, type LiveMessage } from '../../shared/calls.ts';
import { isStoredPersonName } from '../../shared/person-name.ts';
import { type ProtectionChange, protectionChangeText } from '../../shared/protection.ts';
import type { PushPayload } from '../../shared/push.ts';
import { isStoredText, textLimits } from '../../shared/text.ts';
import {
  type AccountView,
  type AuditEvent,
  type AuditType,
  type CallAuditType,
  counterAcceptable,
  defaultPasskeyName,
  type InviteView,
  type PasskeyView,
  type RequestContext,
  verifiedCallShownMs,
} from '../core/account-rules.ts';
import { now } from '../core/clock.ts';
import { sha256Hex } from '../core/hash.ts';
import type { NewCredential, StoredCredential } from '../core/passkeys.ts';
import { randomToken } from '../core/random.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { Env } from '../env.ts';
import { type AccountDevices, announceProtectionChange } from '../notify/announce.ts';
import { pushEndpointPolicy } from '../notify/push-endpoints.ts';
import { type PushOptions, type PushTarget, sendWebPush, vapidFromEnv } from '../notify/web-push.ts';
import { accountMigrations } from './account-migrations.ts';
import { passkeyApproval } from './account-proofs.ts';
import {
  checkPushSubscription,
  deletePushSubscription,
  type InvalidPushSubscription,
  listPushSubscriptions,
  pushServiceOf,
  savePushSubscription,
} from './account-push.ts';
import { migrate } from './schema-migrations.ts';
import { SecurityExport } from './security-export.ts';
import { closeQuietly, sendAll } from './sockets.ts';

export interface NewAccount {
  handle: string;
  displayName: string;
  role: Role;
  team: string | null;
  phone: string | null;
  credential: NewCredential;
  context: RequestContext;
  inviteId: string | null;
}

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export interface SignedIn {
  token: string;
  account: AccountView;
}

type ProfileRow = {
  account_id: string;
  handle: string;
  display_name: string;
  role: string;
  team: string | null;
  phone: string | null;
  created_at: number;
};

type PasskeyRow = {
  credential_id: string;
  public_key: ArrayBuffer;
  counter: number;
  transports: string;
  device_type: string;
  backed_up: number;
  name: string;
  created_at: number;
  last_used_at: number | null;
};

const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** What account.ts's methods reach inside the base class; not on the prototype, so not over RPC. */
export interface AccountInternals {
  sql: SqlStorage;
  audit(type: AuditType, detail: Record<string, string | number | boolean | null>, at?: number): void;
  view(): AccountView | null;
  insertPasskey(credential: NewCredential, context: RequestContext, name?: string): void;
  validCredential(credential: NewCredential): boolean;
  /** Whether an admin disabled this staff account. */
  disabled(): boolean;
  /** The account's devices (live sockets, Web Push), for announcements. */
  devices: AccountDevices;
}

const internals = new WeakMap<AccountBase, AccountInternals>();

/** The internals of an account object, for the subclass in account.ts only. */
export function internalsOf(account: AccountBase): AccountInternals {
  return internals.get(account) as AccountInternals;
}

export class AccountBase extends DurableObject<Env> {
  #sql: SqlStorage;
  #securityExport: SecurityExport;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    this.#securityExport = new SecurityExport(ctx.storage, env, ctx.id.toString());
    // One schema for the whole object (account-codes.ts and account.ts add no tables of their own).
    migrate(ctx.storage, 'Account', accountMigrations);
    internals.set(this, {
      sql: this.#sql,
      audit: (type, detail, at) => this.#audit(type, detail, at),
      view: () => this.#view(),
      insertPasskey: (credential, context, name) => this.#insertPasskey(credential, context, name),
      validCredential: (credential) => this.#validCredential(credential),
      disabled: () => this.#disabled(),
      devices: {
        accountId: this.ctx.id.toString(),
        pushToDevices: (payload, options) => this.pushToDevices(payload, options),
        tellLiveSockets: (message) => sendAll(this.ctx.getWebSockets('live'), message),
      },
    });
  }

  /** Creates the account with its first passkey. Fails if this object already holds an account. */
  async create(input: NewAccount): Promise<Result<AccountView, 'exists' | 'invalid'>> {
    if (!this.#validNewAccount(input)) return fail('invalid');
    if (this.#profileRow()) return fail('exists');
    const at = now();
    this.ctx.storage.transactionSync(() => {
      this.#sql.exec(
        'INSERT INTO profile (id, account_id, handle, display_name, role, team, phone, created_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)',
        this.ctx.id.toString(),
        input.handle,
        input.displayName,
        input.role,
        input.team,
        input.phone,
        at,
      );
      this.#audit('account_created', { role: input.role, invite: input.inviteId, ...input.context });
      this.#insertPasskey(input.credential, input.context);
    });
    const view = this.#view() as AccountView;
    await this.#noteStaff(view, null);
    return ok(view);
  }

  /** The account, or null if this object holds none. */
  view(): AccountView | null {
    return this.#view();
  }

  /** The stored credential with this id, for checking an assertion. */
  credential(credentialId: string): StoredCredential | null {
    if (!this.#profileRow()) return null;
    const row = this.#sql
      .exec<PasskeyRow>('SELECT * FROM passkeys WHERE credential_id = ?', String(credentialId))
      .toArray()[0];
    if (!row) return null;
    return {
      id: row.credential_id,
      publicKey: new Uint8Array(row.public_key),
      counter: row.counter,
      transports: JSON.parse(row.transports) as string[],
    };
  }

  /** Records a verified assertion and opens a new login session; returns its token (once). */
  async signIn(
    assertion: { credentialId: string; newCounter: number; backedUp: boolean },
    policy: SessionPolicy,
    context: RequestContext,
  ): Promise<Result<SignedIn, 'unknown_credential' | 'counter_regressed' | 'disabled'>> {
    const stored = this.credential(assertion.credentialId);
    if (!stored) return fail('unknown_credential');
    if (this.#disabled()) {
      // A disabled agent or admin: their passkeys no longer sign in (issue 9, staff lifecycle).
      this.#audit('sign_in_failed', { reason: 'disabled', credential: stored.id, ...context });
      return fail('disabled');
    }
    if (!Number.isInteger(assertion.newCounter) || !counterAcceptable(stored.counter, assertion.newCounter)) {
      this.#audit('sign_in_failed', { reason: 'counter_regressed', credential: stored.id, ...context });
      return fail('counter_regressed');
    }
    const token = randomToken(32);
    const tokenHash = await sha256Hex(token);
    const at = now();
    this.ctx.storage.transactionSync(() => {
      this.#sql.exec('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?', at, at - policy.idleMs);
      this.#sql.exec(
        'UPDATE passkeys SET counter = ?, backed_up = ?, last_used_at = ? WHERE credential_id = ?',
        assertion.newCounter,
        assertion.backedUp ? 1 : 0,
        at,
        stored.id,
      );
      this.#sql.exec(
        'INSERT INTO sessions (token_hash, credential_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        tokenHash,
        stored.id,
        at,
        at,
        at + policy.absoluteMs,
      );
      this.#audit('signed_in', { credential: stored.id, ...context });
    });
    const view = this.#view() as AccountView;
    await this.#noteStaff(view, at);
    return ok({ token, account: view });
  }

  /** Opens a session right after registration (the new passkey was just verified). */
  async openFirstSession(credentialId: string, policy: SessionPolicy): Promise<Result<SignedIn, 'unknown_credential'>> {
    const stored = this.credential(credentialId);
    if (!stored || this.#disabled()) return fail('unknown_credential');
    const token = randomToken(32);
    const tokenHash = await sha256Hex(token);
    const at = now();
    this.#sql.exec(
      'INSERT INTO sessions (token_hash, credential_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      tokenHash,
      stored.id,
      at,
      at,
      at + policy.absoluteMs,
    );
    const view = this.#view() as AccountView;
    await this.#noteStaff(view, at);
    return ok({ token, account: view });
  }

  /** Records a failed sign-in against this account (the reason stays in the log, not on the wire). */
  recordFailedSignIn(reason: string, context: RequestContext): void {
    if (!this.#profileRow()) return;
    this.#audit('sign_in_failed', { reason: String(reason).slice(0, 64), ...context });
  }

  /** The account behind a session token, or null when the token is unknown, idle too long or too old. */
  async authenticate(
    token: string,
    policy: SessionPolicy,
  ): Promise<{ account: AccountView; validUntil: number } | null> {
    if (typeof token !== 'string' || token.length < 22 || token.length > 128) return null;
    const tokenHash = await sha256Hex(token);
    const session = this.#sql
      .exec<{ last_seen_at: number; expires_at: number }>(
        'SELECT last_seen_at, expires_at FROM sessions WHERE token_hash = ?',
        tokenHash,
      )
      .toArray()[0];
    if (!session || this.#disabled()) return null;
    const at = now();
    if (at >= session.expires_at || at - session.last_seen_at >= policy.idleMs) {
      this.#sql.exec('DELETE FROM sessions WHERE token_hash = ?', tokenHash);
      this.#audit('session_expired', {
        why: at >= session.expires_at ? 'absolute' : 'idle',
      });
      return null;
    }
    // Sliding idle expiry, written at most once a minute so that reads stay cheap.
    let lastSeen = session.last_seen_at;
    if (at - lastSeen > 60_000) {
      this.#sql.exec('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?', at, tokenHash);
      lastSeen = at;
    }
    const account = this.#view();
    if (!account) return null;
    // Until when the session is good without another use: its absolute or its idle expiry.
    return { account, validUntil: Math.min(session.expires_at, lastSeen + policy.idleMs) };
  }

  /** Ends the session with this token (sign-out). */
  async signOut(token: string, context: RequestContext): Promise<void> {
    const tokenHash = await sha256Hex(String(token));
    const removed = this.#sql.exec('DELETE FROM sessions WHERE token_hash = ?', tokenHash).rowsWritten;
    if (removed > 0) this.#audit('signed_out', { ...context });
  }

  /** The account's passkeys, newest first. */
  passkeys(): PasskeyView[] {
    return this.#sql
      .exec<PasskeyRow>('SELECT * FROM passkeys ORDER BY created_at DESC, credential_id')
      .toArray()
      .map((row) => ({
        id: row.credential_id,
        name: row.name,
        transports: JSON.parse(row.transports) as string[],
        deviceType: row.device_type === 'multiDevice' ? 'multiDevice' : 'singleDevice',
        backedUp: row.backed_up === 1,
        createdAt: row.created_at,
        lastUsedAt: row.last_used_at,
      }));
  }

  /** The credentials to exclude when registering another passkey. */
  credentials(): StoredCredential[] {
    return this.passkeys().map((p) => ({
      id: p.id,
      publicKey: new Uint8Array(),
      counter: 0,
      transports: p.transports,
    }));
  }

  /**
   * Adds a verified passkey to a signed-in account: a change of how it is protected, so it needs
   * the holder's fresh assertion of a passkey they already have (PasskeyChallenge `proofId`,
   * purpose `protect_passkeys`, used up here) and is announced on every device and by SMS.
   */
  async addPasskey(
    credential: NewCredential,
    context: RequestContext,
    name: string | undefined,
    proofId: string,
  ): Promise<Result<PasskeyView, 'no_account' | 'duplicate' | 'invalid' | 'no_proof'>> {
    const account = this.#view();
    if (!account) return fail('no_account');
    if (!this.#validCredential(credential) || (name !== undefined && !isStoredText(name, textLimits.passkeyName)))
      return fail('invalid');
    if (this.credential(credential.id)) return fail('duplicate');
    if (!(await passkeyApproval(this.env, account.id, proofId, 'protect_passkeys'))) {
      this.#audit('effect_refused', { effect: 'passkey_added', reason: 'no_fresh_assertion', ...context });
      return fail('no_proof');
    }
    if (this.credential(credential.id)) return fail('duplicate');
    this.ctx.storage.transactionSync(() => this.#insertPasskey(credential, context, name));
    await announceProtectionChange(this.env, this.#devices, 'passkey_added', this.#verifiedPhone());
    return ok(this.passkeys().find((p) => p.id === credential.id) as PasskeyView);
  }

  /**
   * Removes a passkey, never the last one; its sessions end with it. Needs the holder's fresh
   * assertion (PasskeyChallenge `proofId`, purpose `protect_passkeys`) and is announced.
   */
  async removePasskey(
    credentialId: string,
    context: RequestContext,
    proofId: string,
  ): Promise<Result<null, 'not_found' | 'last_passkey' | 'no_proof'>> {
    const account = this.#view();
    const exists = this.credential(String(credentialId));
    if (!account || !exists) return fail('not_found');
    if (this.#passkeyCount() <= 1) return fail('last_passkey');
    if (!(await passkeyApproval(this.env, account.id, proofId, 'protect_passkeys'))) {
      this.#audit('effect_refused', { effect: 'passkey_removed', reason: 'no_fresh_assertion', ...context });
      return fail('no_proof');
    }
    const removed = this.ctx.storage.transactionSync(() => {
      // Checked again after the await: two removals at once cannot take the last passkey.
      if (!this.credential(exists.id) || this.#passkeyCount() <= 1) return false;
      this.#sql.exec('DELETE FROM passkeys WHERE credential_id = ?', exists.id);
      this.#sql.exec('DELETE FROM sessions WHERE credential_id = ?', exists.id);
      this.#audit('passkey_removed', { credential: exists.id, ...context });
      return true;
    });
    if (!removed) return fail('last_passkey');
    await announceProtectionChange(this.env, this.#devices, 'passkey_removed', this.#verifiedPhone());
    return ok(null);
  }

  /**
   * Announces a change made elsewhere (trusted contacts) on every device and by SMS to the verified
   * phone, through the one announcement path (worker/notify/announce.ts).
   */
  async announce(change: ProtectionChange): Promise<void> {
    if (!Object.hasOwn(protectionChangeText, change) || !this.#profileRow()) return;
    await announceProtectionChange(this.env, this.#devices, change, this.#verifiedPhone());
  }

  /** The most recent audit events, newest first. */
  auditLog(limit = 50): AuditEvent[] {
    const n = Math.min(200, Math.max(1, Math.trunc(Number(limit)) || 50));
    return this.#sql
      .exec<{ seq: number; at: number; type: string; detail: string }>(
        'SELECT seq, at, type, detail FROM audit ORDER BY seq DESC LIMIT ?',
        n,
      )
      .toArray()
      .map((row) => ({ seq: row.seq, at: row.at, type: row.type as AuditType, detail: JSON.parse(row.detail) }));
  }

  /** Saves a browser's push subscription (checked here as if from the internet); new ones are audited. */
  async addPushSubscription(
    subscription: PushTarget,
    context: RequestContext,
  ): Promise<Result<null, 'no_account' | InvalidPushSubscription>> {
    if (!this.#profileRow()) return fail('no_account');
    const checked = await checkPushSubscription(subscription, pushEndpointPolicy(this.env));
    if (!checked.ok) return checked;
    const target = checked.value;
    this.ctx.storage.transactionSync(() => {
      const saved = savePushSubscription(this.#sql, target, now());
      if (saved.change !== 'unchanged') {
        this.#audit('push_enabled', { service: pushServiceOf(target.endpoint), ...context });
      }
      for (const endpoint of saved.dropped) {
        this.#audit('push_disabled', { service: pushServiceOf(endpoint), reason: 'limit' });
      }
    });
    return ok(null);
  }

  /** Forgets the push subscription of this endpoint (alerts turned off); true when there was one. */
  removePushSubscription(endpoint: string, context: RequestContext): boolean {
    if (typeof endpoint !== 'string') return false;
    return this.ctx.storage.transactionSync(() => {
      const removed = deletePushSubscription(this.#sql, endpoint);
      if (removed) this.#audit('push_disabled', { service: pushServiceOf(endpoint), reason: 'user', ...context });
      return removed;
    });
  }

  /**
   * Pushes `payload` to every subscribed device of the account; subscriptions their push service
   * reports gone are deleted. Without VAPID keys configured nothing is sent.
   */
  async pushToDevices(
    payload: PushPayload,
    // DESIGN.md: a call verification lives 5 minutes; an alert delivered later is of no use.
    options: PushOptions = { ttlSeconds: 300, urgency: 'high' },
  ): Promise<{ sent: number; removed: number }> {
    const vapid = vapidFromEnv(this.env);
    if (!vapid) return { sent: 0, removed: 0 };
    const targets = listPushSubscriptions(this.#sql);
    const results = await Promise.all(targets.map((target) => sendWebPush(target, payload, vapid, options)));
    let removed = 0;
    this.ctx.storage.transactionSync(() => {
      results.forEach((result, i) => {
        const target = targets[i];
        if (result.ok || result.reason !== 'gone' || !target) return;
        if (!deletePushSubscription(this.#sql, target.endpoint, target.keys)) return;
        removed++;
        this.#audit('push_disabled', { service: pushServiceOf(target.endpoint), reason: 'gone' });
      });
    });
    return { sent: results.filter((r) => r.ok).length, removed };
  }

  /** Notes an invite this admin issued (the code itself is never stored, only its id). */
  recordInviteIssued(invite: InviteView): void {
    this.ctx.storage.transactionSync(() => {
      this.#sql.exec(
        'INSERT INTO invites_issued (invite_id, role, team, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        invite.id,
        invite.role,
        invite.team,
        invite.createdAt,
        invite.expiresAt,
      );
      this.#audit('invite_issued', { invite: invite.id, role: invite.role, team: invite.team });
    });
  }

  /** Notes that an invite this admin issued was used, and by whom. */
  recordInviteUsed(inviteId: string, usedBy: string): void {
    const at = now();
    const changed = this.#sql.exec(
      'UPDATE invites_issued SET used_at = ?, used_by = ? WHERE invite_id = ? AND used_at IS NULL',
      at,
      String(usedBy).slice(0, 64),
      String(inviteId),
    ).rowsWritten;
    if (changed > 0) this.#audit('invite_used', { invite: String(inviteId), by: String(usedBy).slice(0, 64) });
  }

  /** The invites this admin issued, newest first. */
  invites(): InviteView[] {
    return this.#sql
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
   * Records a passkey assertion verified for a ceremony (not a sign-in): the counter must move on
   * as at sign-in, and the passkey's last use is noted.
   */
  recordAssertion(assertion: {
    credentialId: string;
    newCounter: number;
    backedUp: boolean;
  }): Result<null, 'unknown_credential' | 'counter_regressed'> {
    const stored = this.credential(String(assertion?.credentialId));
    if (!stored) return fail('unknown_credential');
    if (!Number.isInteger(assertion.newCounter) || !counterAcceptable(stored.counter, assertion.newCounter)) {
      return fail('counter_regressed');
    }
    this.#sql.exec(
      'UPDATE passkeys SET counter = ?, backed_up = ?, last_used_at = ? WHERE credential_id = ?',
      assertion.newCounter,
      assertion.backedUp ? 1 : 0,
      now(),
      stored.id,
    );
    return ok(null);
  }

  /**
   * A call verification this account takes part in changed: keep its summary, log the step, and
   * tell the account's open apps (the "is the bank calling me now?" card).
   */
  callUpdate(update: {
    role: 'agent' | 'customer';
    call: CallSummary;
    events: { type: CallAuditType; at: number; detail: Record<string, string | number | boolean | null> }[];
  }): void {
    const { call, role } = update;
    if (!this.#profileRow() || (role !== 'agent' && role !== 'customer') || !/^[0-9a-f]{64}$/.test(call?.id)) return;
    if (!Array.isArray(update.events)) return;
    this.ctx.storage.transactionSync(() => {
      this.#sql.exec(
        `INSERT INTO calls (call_id, role, state, agent_name, agent_team, started_at, updated_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (call_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
        call.id,
        role,
        call.state,
        call.agent.displayName,
        call.agent.team,
        call.startedAt,
        call.updatedAt,
        call.expiresAt,
      );
      // Old calls are of no use to the card; the audit log keeps the history.
      this.#sql.exec('DELETE FROM calls WHERE updated_at < ?', now() - 24 * 3_600_000);
      for (const event of update.events.slice(0, 20)) {
        const detail = { call: call.id, role, ...(event.detail ?? {}) };
        this.#audit(event.type, detail, Number.isFinite(event.at) ? event.at : now());
      }
    });
    this.#broadcastCalls();
  }

  /** Calls where this account is the customer that are pending now, or were verified recently. */
  liveCalls(): CallSummary[] {
    const at = now();
    return this.#sql
      .exec<{
        call_id: string;
        state: CallState;
        agent_name: string;
        agent_team: string | null;
        started_at: number;
        updated_at: number;
        expires_at: number;
      }>("SELECT * FROM calls WHERE role = 'customer' ORDER BY started_at DESC")
      .toArray()
      .filter((r) =>
        r.state === 'verified' ? at - r.updated_at < verifiedCallShownMs : !isFinal(r.state) && r.expires_at > at,
      )
      .map((r) => ({
        id: r.call_id,
        state: r.state,
        agent: { displayName: r.agent_name, team: r.agent_team },
        startedAt: r.started_at,
        updatedAt: r.updated_at,
        expiresAt: r.expires_at,
      }));
  }

  /** The Account's one alarm: delivers queued security events (security-export.ts); each use checks what is due. */
  override async alarm(): Promise<void> {
    await this.#securityExport.deliver();
  }

  /** The account's live socket (WebSocket hibernation API); the route has checked the session. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade') !== 'websocket' || !this.#profileRow()) {
      return new Response(null, { status: 400 });
    }
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server, ['live']);
    server.send(JSON.stringify({ type: 'calls', calls: this.liveCalls() } satisfies LiveMessage));
    return new Response(null, { status: 101, webSocket: client });
  }

  override webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): void {
    // Keep-alive from the app; anything else is ignored.
    if (message === 'ping') ws.send('pong');
  }

  override webSocketClose(ws: WebSocket, code: number): void {
    closeQuietly(ws, code);
  }

  #broadcastCalls(): void {
    const sockets = this.ctx.getWebSockets('live');
    if (sockets.length === 0) return;
    sendAll(sockets, JSON.stringify({ type: 'calls', calls: this.liveCalls() } satisfies LiveMessage));
  }

  get #devices(): AccountDevices {
    return internalsOf(this).devices;
  }

  /** Whether an admin disabled this staff account (table staff_access). */
  #disabled(): boolean {
    return this.#sql.exec('SELECT 1 FROM staff_access').toArray().length > 0;
  }

  /** Staff accounts are listed in the StaffDirectory, with their last sign-in. */
  async #noteStaff(view: AccountView, signedInAt: number | null): Promise<void> {
    if (view.role === 'customer') return;
    const profile = { ...view, role: view.role };
    await this.env.STAFF.get(this.env.STAFF.idFromName('staff')).note(profile, signedInAt);
  }

  #passkeyCount(): number {
    return this.#sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM passkeys').one().n;
  }

  /** The verified phone (table of account-banking.ts), where announcements go by SMS. */
  #verifiedPhone(): string | null {
    const row = this.#sql.exec<{ value: string }>("SELECT value FROM contacts WHERE kind = 'phone'").toArray()[0];
    return row?.value ?? null;
  }

  #profileRow(): ProfileRow | undefined {
    return this.#sql.exec<ProfileRow>('SELECT * FROM profile WHERE id = 1').toArray()[0];
  }

  #view(): AccountView | null {
    const row = this.#profileRow();
    if (!row) return null;
    return {
      id: row.account_id,
      handle: row.handle,
      displayName: row.display_name,
      role: row.role as Role,
      team: row.team,
      phone: row.phone,
      createdAt: row.created_at,
    };
  }

  #insertPasskey(credential: NewCredential, context: RequestContext, name?: string): void {
    const count = this.#sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM passkeys').one().n;
    const label = name?.trim() || defaultPasskeyName(credential.deviceType, count + 1);
    this.#sql.exec(
      'INSERT INTO passkeys (credential_id, public_key, counter, transports, device_type, backed_up, name, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)',
      credential.id,
      new Uint8Array(credential.publicKey),
      credential.counter,
      JSON.stringify(credential.transports.slice(0, 8)),
      credential.deviceType,
      credential.backedUp ? 1 : 0,
      label.slice(0, 64),
      now(),
    );
    this.#audit('passkey_added', { credential: credential.id, name: label, backedUp: credential.backedUp, ...context });
  }

  #audit(type: AuditType, detail: Record<string, string | number | boolean | null>, at = now()): void {
    // The request id (RequestContext) goes to the export and the log, not into the audit row.
    const { requestId, ...stored } = detail;
    const { seq } = this.#sql
      .exec<{ seq: number }>(
        'INSERT INTO audit (at, type, detail) VALUES (?, ?, ?) RETURNING seq',
        at,
        type,
        JSON.stringify(stored),
      )
      .one();
    this.#securityExport.noted(seq, type, stored, requestId);
  }

  #validCredential(c: NewCredential): boolean {
    return (
      isText(c?.id, 1024) &&
      c.publicKey instanceof Uint8Array &&
      c.publicKey.length > 0 &&
      c.publicKey.length <= 1024 &&
      Number.isInteger(c.counter) &&
      c.counter >= 0 &&
      Array.isArray(c.transports) &&
      (c.deviceType === 'singleDevice' || c.deviceType === 'multiDevice') &&
      typeof c.backedUp === 'boolean'
    );
  }

  #validNewAccount(a: NewAccount): boolean {
    return (
      isText(a?.handle, 32) &&
      isStoredPersonName(a.displayName) &&
      roleSchema.safeParse(a.role).success &&
      (a.team === null || isStoredText(a.team, textLimits.team)) &&
      (a.phone === null || (typeof a.phone === 'string' && /^\+[1-9]\d{6,14}$/.test(a.phone))) &&
      this.#validCredential(a.credential)
    );
  }
}
