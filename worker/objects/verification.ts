/**
 * Verification: one Durable Object per out-of-band one-time code (`newUniqueId()`; its id is the
 * verification id of `/api/v1/verifications`). Holds the code's keyed hash bound to the purpose and
 * the transaction, the check and send counters, who may use it, and the log of its sends. Sends go
 * through the delivery provider after the SendBudget caps; an alarm expires it and later deletes it.
 */
import { DurableObject } from 'cloudflare:workers';
import type { Transaction } from '../../shared/payee.ts';
import { type Channel, type CheckView, transactionSchema, type VerificationView } from '../../shared/verifications.ts';
import { now } from '../core/clock.ts';
import { type CodeKeys, codeHash, codeKeys, givenCodeHashes, matchesStored, newCode } from '../core/codes.ts';
import { type OtpSettings, readSettings } from '../core/config.ts';
import { type OtpPurpose, otpChannels } from '../core/otp-rules.ts';
import { fail, ok, type Result } from '../core/result.ts';
import {
  alarmExpires,
  alarmNext,
  cancel,
  checkBegins,
  checkEnds,
  mayClaimEffect,
  mayConsume,
  parseTransaction,
  sendBegins,
  sendEnds,
  stillPending,
  type VerificationDecision,
  type VerificationRow,
  viewOf,
} from '../core/verification-machine.ts';
import type { Env } from '../env.ts';
import { sendMessage } from '../messenger/messenger.ts';
import { verificationStatus } from '../webhooks/ceremony-status.ts';
import { deleteAllOnceEnqueued, emitStatus } from '../webhooks/emit.ts';
import { migrate } from './schema-migrations.ts';
import { applyEffect, auditEnd, codeAllowed } from './verification-effects.ts';
import {
  bindingOf,
  type Refusal,
  type ResendFailure,
  type SendFailure,
  type StartFailure,
  type VerificationStart,
  validStart,
} from './verification-rows.ts';
import { verificationMigrations } from './verification-schema.ts';
import { type CodeSend, destinationFor, otpOutgoing, outcomeOf, sendAnswer } from './verification-send.ts';
import { VerificationStore } from './verification-store.ts';

export type { OtpAuditType } from './verification-effects.ts';
export type { ResendFailure, StartFailure, VerificationStart } from './verification-rows.ts';

export class Verification extends DurableObject<Env> {
  #store: VerificationStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#store = new VerificationStore(ctx.storage.sql);
    migrate(ctx.storage, 'Verification', verificationMigrations);
  }

  /** Creates the verification and sends its first code. Rate-limited: nothing is kept. */
  async start(input: VerificationStart): Promise<{ ok: true; value: VerificationView } | Refusal<StartFailure>> {
    const valid = validStart(input);
    if (!valid) return fail('invalid');
    if (this.#store.row()) return fail('exists');
    const key = this.#codeKey();
    if (!key) return fail('not_configured');
    const settings = this.#settings();
    const code = newCode();
    // The account's lock is asked while the code is hashed (codeAllowed, account/lock.ts).
    const [allowed, hash] = await Promise.all([
      codeAllowed(this.env, valid.accountId, valid.purpose),
      codeHash((await key).current, this.#id(), bindingOf(valid.purpose, valid.transaction), code),
    ]);
    if (this.#store.row()) return fail('exists');
    if (!allowed && valid.purpose !== 'recovery') return fail('account_locked');
    // A recovery of a locked account is started by someone without a session: it goes on as one of
    // nobody's account would (nothing is sent, the code never checks out), so nobody learns of the lock.
    const start = allowed ? valid : { ...valid, destination: null };
    const at = now();
    this.#store.insert(this.#id(), start, hash, at, at + settings.ttlMs);
    await this.ctx.storage.setAlarm(at + settings.ttlMs);
    const { channel, destination, ip } = start;
    const sent = await this.#send({ code, hash, channel, destination, ip, settings });
    if (!sent.ok && sent.reason !== 'delivery_failed') {
      // Refused before anything went out: the verification never existed.
      await this.ctx.storage.deleteAlarm();
      this.#store.forget();
      return sent;
    }
    const view = viewOf(this.#store.row() as VerificationRow, settings, now());
    await this.#webhook();
    return sent.ok ? ok(view) : { ...sent, view };
  }

  /** The verification, for its owner; anyone else learns nothing. */
  view(owner: string): VerificationView | null {
    const row = this.#store.owned(owner);
    return row ? viewOf(row, this.#settings(), now()) : null;
  }

  /**
   * Checks a code. Every check counts, before the first await, so concurrent checks cannot exceed
   * the limit (PSD2 RTS art. 4: at most 5; then the verification locks and the right code fails too).
   * The hash binds the purpose and the transaction: other payee or amount details are a wrong code.
   */
  async check(
    owner: string,
    code: string,
    transaction: Transaction | null,
  ): Promise<Result<CheckView, 'not_found' | 'closed'>> {
    const row = this.#store.owned(owner);
    if (!row) return fail('not_found');
    const settings = this.#settings();
    const begins = checkBegins(row, settings, now());
    if (!begins.hash) return this.#apply(row, begins);
    this.#store.write(begins.write);
    const checks = row.checks + 1;

    const key = this.#codeKey();
    const tx = transaction === null || transactionSchema.safeParse(transaction).success ? transaction : undefined;
    const given =
      key && typeof code === 'string' && /^\d{6}$/.test(code) && tx !== undefined
        ? await givenCodeHashes(await key, row.verification_id, bindingOf(row.purpose as OtpPurpose, tx), code)
        : null;

    const after = this.#store.row() as VerificationRow;
    const stored = after.code_hash ? new Uint8Array(after.code_hash) : null;
    return this.#apply(after, checkEnds(after, matchesStored(given, stored), checks, settings));
  }

  /** A new code, on the same or another channel, after the cool-down and within every cap. */
  async resend(
    owner: string,
    channel: Channel | null,
    ip: string | null,
  ): Promise<{ ok: true; value: VerificationView } | Refusal<ResendFailure>> {
    const row = this.#store.owned(owner);
    if (!row) return fail('not_found');
    const pending = stillPending(row, now());
    this.#store.write(pending.write);
    if (!pending.answer.ok) return pending.answer;
    // A new code is a code started: not for a locked account (a recovery's is withheld, as at start).
    const allowed = await codeAllowed(this.env, row.account_id, row.purpose as OtpPurpose);
    if (!allowed && row.purpose !== 'recovery') return fail('account_locked');
    const settings = this.#settings();
    const next = channel ?? (row.channel as Channel);
    if (!otpChannels.includes(next)) return fail('invalid');
    let destination = row.destination;
    let masked = row.masked;
    if (next !== row.channel) {
      const switched = await destinationFor(this.env, row, next, settings);
      if (!switched) return fail('invalid');
      ({ destination, masked } = switched);
    }
    if (!allowed) destination = null;
    const key = this.#codeKey();
    if (!key) return fail('not_configured');
    const code = newCode();
    const hash = await codeHash(
      (await key).current,
      row.verification_id,
      bindingOf(row.purpose as OtpPurpose, parseTransaction(row.transaction_json)),
      code,
    );
    const switchTo = { channel: next, masked };
    const sent = await this.#send({ code, hash, channel: next, destination, ip, settings, switchTo });
    const view = viewOf(this.#store.row() as VerificationRow, settings, now());
    return sent.ok ? ok(view) : { ...sent, view: sent.reason === 'delivery_failed' ? view : undefined };
  }

  /** Cancels a pending verification: its code stops working at once. */
  async cancel(owner: string): Promise<Result<VerificationView, 'not_found' | 'closed'>> {
    const row = this.#store.owned(owner);
    if (!row) return fail('not_found');
    const canceled = await this.#apply(row, cancel(row, now()));
    return canceled.ok ? ok(viewOf(this.#store.row() as VerificationRow, this.#settings(), now())) : canceled;
  }

  /** Uses an approval once (a sign-in step-up): true the first time, for the owner, after approval. */
  consumeApproval(owner: string): boolean {
    if (!mayConsume(this.#store.owned(owner))) return false;
    this.#store.write({ set: { consumed: 1 } });
    return true;
  }

  /**
   * The Account asks before it applies an effect (DESIGN.md: every effect carries its proof): did
   * this verification approve `purpose` for this account? What it approved, once; then null.
   */
  claimEffect(
    accountId: string,
    purpose: OtpPurpose,
  ): { destination: string | null; transaction: Transaction | null } | null {
    const row = this.#store.row();
    if (!row || !mayClaimEffect(row, accountId, purpose)) return null;
    this.#store.write({ set: { consumed: 1 } });
    return { destination: row.destination, transaction: parseTransaction(row.transaction_json) };
  }

  /** Expires a pending code, retries an effect that did not land, and deletes what has ended. */
  override async alarm(): Promise<void> {
    const row = this.#store.row();
    if (!row) return;
    const at = now();
    if (row.effect_pending) await applyEffect(this.env, this.ctx.storage, this.#store);
    await this.#apply(row, alarmExpires(row, at));
    const next = alarmNext(this.#store.row() as VerificationRow, at);
    if (next.delete) {
      if (!(await deleteAllOnceEnqueued(this.ctx, this.env))) return;
      // This instance may still be asked (an old id): it answers "not found", not 500.
      migrate(this.ctx.storage, 'Verification', verificationMigrations);
      return;
    }
    await this.ctx.storage.setAlarm(next.alarmAt);
    // Expired here, or by a check since: the status it is in now, once (and any event still waiting).
    await this.#webhook();
  }

  // --- sending -------------------------------------------------------------------------------

  /**
   * One send: the machine's per-verification limits taken before any await, then the messenger
   * (the calling-code guard, the SendBudget caps, the provider or the decoy wait, the audit
   * event), then what its outcome writes, and the send's log line.
   */
  async #send(send: CodeSend): Promise<{ ok: true } | Refusal<SendFailure>> {
    const before = this.#store.row() as VerificationRow;
    const begins = sendBegins(before, send.settings, now());
    if (!begins.ok) return begins;
    this.#store.write(begins.write);
    const sent = await sendMessage(this.env, otpOutgoing(before, send));
    const switchTo = send.switchTo && { ...send.switchTo, destination: send.destination };
    const ends = sendEnds(before, outcomeOf(sent), send.hash, switchTo);
    this.#store.write(ends.write);
    if (ends.logged) {
      const detail = sent.ok ? null : (sent.message ?? null);
      this.#store.logSend(send.channel, ends.logged, sent.ok ? sent.value.id : null, detail);
    }
    return sendAnswer(sent);
  }

  // --- state ---------------------------------------------------------------------------------

  /** Webhooks: this verification's status, once per status (worker/webhooks/emit.ts). */
  #webhook(): Promise<void> {
    return emitStatus(this.ctx, this.env, verificationStatus(this.#store.row()));
  }

  /** Carries out a decision of the machine: one write, then the audit, the webhook, the effect. */
  async #apply<A>(row: VerificationRow, decision: VerificationDecision<A>): Promise<A> {
    this.#store.write(decision.write);
    if (decision.audit) await auditEnd(this.env, row, decision.audit.type, decision.audit.detail);
    if (decision.webhook) await this.#webhook();
    if (decision.effect) await applyEffect(this.env, this.ctx.storage, this.#store);
    return decision.answer;
  }

  #settings(): OtpSettings {
    return readSettings(this.env).otp;
  }

  #id(): string {
    return this.ctx.id.toString();
  }

  #codeKey(): Promise<CodeKeys> | null {
    return codeKeys(this.env);
  }
}
