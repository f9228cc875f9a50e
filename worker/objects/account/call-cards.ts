/**
 * The "is the bank calling me now?" card (table `calls`, docs/storage.md): the summaries of call
 * verifications this account takes part in, their steps in the audit log, and the account's open
 * apps told of every change.
 */
import { type CallState, type CallSummary, isFinal, type LiveMessage } from '../../../shared/calls.ts';
import { type CallAuditType, verifiedCallShownMs } from '../../core/account-rules.ts';
import { now } from '../../core/clock.ts';
import type { EventCause } from '../../core/event-cause.ts';
import { sendAll } from '../sockets.ts';
import type { AccountAudit, AuditDetail } from './audit.ts';
import { hasProfile } from './profile.ts';
import type { AccountStorage } from './storage.ts';

export interface CallUpdate {
  role: 'agent' | 'customer';
  call: CallSummary;
  /** Each step with its own cause: a wrong try waits for the next step but names its own request. */
  events: { type: CallAuditType; at: number; detail: AuditDetail; cause: EventCause }[];
}

export class CallCards {
  readonly #storage: AccountStorage;
  readonly #audit: AccountAudit;
  readonly #liveSockets: () => WebSocket[];

  constructor(storage: AccountStorage, audit: AccountAudit, liveSockets: () => WebSocket[]) {
    this.#storage = storage;
    this.#audit = audit;
    this.#liveSockets = liveSockets;
  }

  /** A call this account takes part in changed: keep its summary, log the step, tell the open apps. */
  callUpdate(update: CallUpdate): void {
    const { call, role } = update;
    if (!hasProfile(this.#storage.sql) || (role !== 'agent' && role !== 'customer') || !/^[0-9a-f]{64}$/.test(call?.id))
      return;
    if (!Array.isArray(update.events)) return;
    this.#storage.transactionSync(() => {
      this.#storage.sql.exec(
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
      this.#storage.sql.exec('DELETE FROM calls WHERE updated_at < ?', now() - 24 * 3_600_000);
      for (const event of update.events.slice(0, 20)) {
        const detail = { call: call.id, role, ...(event.detail ?? {}) };
        this.#audit.append(event.type, detail, event.cause, Number.isFinite(event.at) ? event.at : now());
      }
    });
    const sockets = this.#liveSockets();
    if (sockets.length > 0) sendAll(sockets, this.liveMessage());
  }

  /** Calls where this account is the customer that are pending now, or were verified recently. */
  liveCalls(): CallSummary[] {
    const at = now();
    return this.#storage.sql
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

  /** The live calls as the message the app's socket hears. */
  liveMessage(): string {
    return JSON.stringify({ type: 'calls', calls: this.liveCalls() } satisfies LiveMessage);
  }
}
