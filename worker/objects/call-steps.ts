/**
 * The CallVerification object's steps: each writes what the machine (worker/core/call-machine.ts)
 * decided, then tells both screens, the webhook and both accounts, then records its incident.
 */
import type { CallView, CodeCheck } from '../../shared/calls.ts';
import { type CallTransition, ends, wrongCode } from '../core/call-machine.ts';
import { type CallCode, type CallRecord, codeLimits, type Party, viewFor } from '../core/call-rules.ts';
import { now } from '../core/clock.ts';
import { readSettings } from '../core/config.ts';
import type { EventCause } from '../core/event-cause.ts';
import type { Env } from '../env.ts';
import { callStatus } from '../webhooks/ceremony-status.ts';
import { emitStatus } from '../webhooks/emit.ts';
import { recordIncident, showOnScreens, tellAccounts } from './call-announce.ts';
import type { CallStore } from './call-store.ts';

/** Tries each code allows (the agent's code: CALL_AGENT_CODE_TRIES). */
const limits = (env: Env) => codeLimits(readSettings(env));

export class CallSteps {
  readonly #ctx: DurableObjectState;
  /** The object's env, read when used (a test may swap it). */
  readonly #env: () => Env;
  readonly #store: CallStore;

  constructor(ctx: DurableObjectState, env: () => Env, store: CallStore) {
    this.#ctx = ctx;
    this.#env = env;
    this.#store = store;
  }

  /** A wrong code (call-machine.ts): the last fails the call; one before it is one write, shown at once. */
  async wrongCode(call: CallRecord, which: CallCode, party: Party, cause: EventCause): Promise<CodeCheck> {
    const wrong = wrongCode(call, which, party, limits(this.#env()));
    if (wrong.fails) return { outcome: 'mismatch', triesLeft: 0, call: await this.step(call, wrong.transition, cause) };
    const counter = which === 'customer_code' ? { customerCodeWrong: wrong.wrong } : { agentCodeWrong: wrong.wrong };
    const next = { ...call, ...counter, updatedAt: now() };
    this.#store.recordWrong(which, wrong.wrong, next.updatedAt, cause);
    showOnScreens(this.#ctx, next, limits(this.#env()));
    const view = viewFor(next, party, limits(this.#env()));
    const triesLeft = which === 'customer_code' ? view.customerCodeTriesLeft : view.agentCodeTriesLeft;
    return { outcome: 'mismatch', triesLeft, call: view };
  }

  /**
   * One step of the machine: writes its change, forgets the passkey challenge when the call ends
   * (finished calls linger only until the alarm deletes them), tells both screens and both
   * accounts, records its incident, and returns the call as its party sees it.
   */
  async step(call: CallRecord, step: CallTransition, cause: EventCause, note: string | null = null): Promise<CallView> {
    if (step.incident?.before) await recordIncident(this.#env(), call, step.incident.kind, note);
    this.#store.write(call, step.change, now());
    const next = this.#store.record() as CallRecord;
    if (ends(call, next)) this.#store.forgetChallenge();
    await this.announce(next, step, cause);
    if (step.incident && !step.incident.before) {
      await recordIncident(this.#env(), this.#store.record() as CallRecord, step.incident.kind, note);
    }
    return viewFor(next, step.party ?? 'agent', limits(this.#env()));
  }

  /** Both screens get their own view; the webhook; both accounts log the step and update their cards. */
  async announce(call: CallRecord, step: Pick<CallTransition, 'event' | 'detail'>, cause: EventCause): Promise<void> {
    showOnScreens(this.#ctx, call, limits(this.#env()));
    // Webhooks: its alarm is its expiry, so a waiting event waits for it, not an earlier one.
    await emitStatus(this.#ctx, this.#env(), callStatus(call), { retryAlarm: false });
    await tellAccounts(this.#env(), call, this.#store.takePendingWrong(), step.event, step.detail ?? {}, cause);
  }
}
