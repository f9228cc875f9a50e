/**
 * The Recovery object's steps that write and then tell: an end, the quorum, and telling the owner
 * (the webhook first, then the accounts). Each writes what the machine (worker/core/
 * recovery-machine.ts) decided, then sets the alarm, then tells, in that order.
 */
import type { RecoveryState } from '../../shared/recovery.ts';
import { now } from '../core/clock.ts';
import { readSettings } from '../core/config.ts';
import type { EventCause } from '../core/event-cause.ts';
import { log } from '../core/log.ts';
import { ending, quorum, type RecoveryRow } from '../core/recovery-machine.ts';
import type { Env } from '../env.ts';
import { recoveryStatus } from '../webhooks/ceremony-status.ts';
import { emitStatus } from '../webhooks/emit.ts';
import type { RecoveryEvent } from './account.ts';
import { tellAccounts, tellContactsOfQuorum } from './recovery-notices.ts';
import type { RecoveryStore } from './recovery-store.ts';

export class RecoverySteps {
  readonly #ctx: DurableObjectState;
  /** The object's env, read when used (a test may swap it). */
  readonly #env: () => Env;
  readonly #store: RecoveryStore;

  constructor(ctx: DurableObjectState, env: () => Env, store: RecoveryStore) {
    this.#ctx = ctx;
    this.#env = env;
    this.#store = store;
  }

  /** At quorum: the wait (or ready at once), every code forgotten; the owner and contacts told at once. */
  async quorumIfReached(cause: EventCause): Promise<void> {
    const row = this.#store.row() as RecoveryRow;
    const reached = quorum(row, this.#store.contacts(), readSettings(this.#env()).recovery, now());
    if (!reached) return;
    this.#store.write(reached.write);
    this.#store.forgetCode();
    await this.#ctx.storage.setAlarm(reached.alarmAt);
    const [, untold] = await Promise.all([
      this.tellOwner(reached.state, reached.readyAt, 'recovery_quorum', cause),
      tellContactsOfQuorum(this.#env(), this.#store, row, reached.readyAt, cause),
    ]);
    if (untold > 0) log('error', 'quorum_notices_not_sent', { recovery: row.recovery_id, untold });
  }

  /** Ends the recovery: every contact's code stops working; the alarm deletes it after retention. */
  end(state: RecoveryState, reason: string): void {
    const end = ending(state, reason, now());
    this.#store.write(end.write);
    this.#store.forgetCode();
    void this.#ctx.storage.setAlarm(end.alarmAt);
  }

  /** The webhook first, then the owner's account and, at an end, the contacts' apps. */
  async tellOwner(
    state: string,
    readyAt: number | null,
    event: RecoveryEvent | null,
    cause: EventCause,
  ): Promise<void> {
    await this.webhook();
    await tellAccounts(this.#env(), this.#store, state, readyAt, event, cause);
  }

  /** Webhooks: this recovery's state, once per state (worker/webhooks/emit.ts). */
  webhook(): Promise<void> {
    return emitStatus(this.#ctx, this.#env(), recoveryStatus(this.#store.row()));
  }
}
