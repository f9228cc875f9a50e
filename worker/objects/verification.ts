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
import { errorText, log } from '../core/log.ts';
import { decoyMask, maskOf } from '../core/otp-destinations.ts';
import { channelFits, type OtpPurpose, otpChannels } from '../core/otp-rules.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { Env } from '../env.ts';
import { type MessageAuditType, sendMessage } from '../messenger/messenger.ts';
import { verificationStatus } from '../webhooks/ceremony-status.ts';
import { deleteAllOnceEnqueued, emitStatus } from '../webhooks/emit.ts';
import { migrate } from './schema-migrations.ts';
import { accountOf } from './stubs.ts';
import { bindingOf, checkViewOf, parseTransaction, validStart, viewOf } from './verification-rows.ts';
import { type VerificationRow, verificationMigrations } from './verification-schema.ts';

export interface VerificationStart {
  purpose: OtpPurpose;
  channel: Channel;
  /** Where the code goes (E.164 or e-mail); null when nothing may be sent (the answer looks the same). */
  destination: string | null;
  masked: string;
  accountId: string | null;
  /** Who may check, resend, cancel and read it: `key:<id>`, `account:<id>` or `sign_in:<id>`. */
  owner: string;
  /** What was asked for (a handle or a destination): seeds decoy masks and the per-account cap. */
  subject: string;
  /** SendBudget names besides the client IP's: `account:<handle>`, `to:<destination>`. */
  budgetKeys: string[];
  ip: string | null;
  transaction: Transaction | null;
}

export type SendFailure =
  | 'rate_limited'
  | 'delivery_failed'
  | 'not_configured'
  | 'destination_not_allowed'
  | 'send_limit'
  | 'invalid';
export type StartFailure = SendFailure | 'exists';
export type ResendFailure = SendFailure | 'not_found' | 'closed';

/** A failure with what the caller needs: when to retry, and the verification when it still stands. */
export type Refusal<R extends string> = { ok: false; reason: R; retryAfterMs?: number; view?: VerificationView };

/** After expiry or an end, a verification stays readable this long, then its alarm deletes it. */
const retentionMs = 10 * 60_000;
/** An approval whose effect did not reach the account is retried this often by the alarm. */
const effectRetryMs = 30_000;
/** Purposes whose approval changes the account. */
const withEffect = new Set<OtpPurpose>(['enrol_phone', 'add_payee', 'payment']);

export class Verification extends DurableObject<Env> {
  #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    migrate(ctx.storage, 'Verification', verificationMigrations);
  }

  /** Creates the verification and sends its first code. Rate-limited: nothing is kept. */
  async start(input: VerificationStart): Promise<{ ok: true; value: VerificationView } | Refusal<StartFailure>> {
    const start = validStart(input);
    if (!start) return fail('invalid');
    if (this.#row()) return fail('exists');
    const key = this.#codeKey();
    if (!key) return fail('not_configured');
    const settings = this.#settings();
    const code = newCode();
    const hash = await codeHash((await key).current, this.#id(), bindingOf(start.purpose, start.transaction), code);
    if (this.#row()) return fail('exists');
    const at = now();
    this.#sql.exec(
      `INSERT INTO verification (id, verification_id, purpose, channel, destination, masked, account_id, owner, subject,
         budget_keys, transaction_json, code_hash, status, created_at, expires_at)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
      this.#id(),
      start.purpose,
      start.channel,
      start.destination,
      start.masked,
      start.accountId,
      start.owner,
      start.subject,
      JSON.stringify(start.budgetKeys),
      start.transaction ? JSON.stringify(start.transaction) : null,
      hash,
      at,
      at + settings.ttlMs,
    );
    await this.ctx.storage.setAlarm(at + settings.ttlMs);
    const sent = await this.#send(code, hash, start.channel, start.destination, start.ip, settings);
    if (!sent.ok && sent.reason !== 'delivery_failed') {
      // Refused before anything went out: the verification never existed.
      await this.ctx.storage.deleteAlarm();
      this.#sql.exec('DELETE FROM sends');
      this.#sql.exec('DELETE FROM verification');
      return sent;
    }
    const view = viewOf(this.#row() as VerificationRow, settings);
    await this.#webhook();
    return sent.ok ? ok(view) : { ...sent, view };
  }

  /** The verification, for its owner; anyone else learns nothing. */
  view(owner: string): VerificationView | null {
    const row = this.#owned(owner);
    return row ? viewOf(row, this.#settings()) : null;
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
    let row = this.#owned(owner);
    if (!row) return fail('not_found');
    const settings = this.#settings();
    if (row.status === 'pending' && now() >= row.expires_at) {
      this.#expireIfDue(row);
      return ok({ id: row.verification_id, status: 'expired', attempts_left: 0 });
    }
    // Single use: once approved, no check answers "approved" again (nor does a replayed one).
    if (row.status === 'approved') return fail('closed');
    if (row.status !== 'pending') return ok(checkViewOf(row, settings));
    // Checks still hashing may already use up the limit: this one is refused without a look.
    if (row.checks >= settings.maxChecks)
      return ok({ id: row.verification_id, status: 'max_attempts_reached', attempts_left: 0 });
    this.#sql.exec('UPDATE verification SET checks = checks + 1');
    const checks = row.checks + 1;

    const key = this.#codeKey();
    const tx = transaction === null || transactionSchema.safeParse(transaction).success ? transaction : undefined;
    const given =
      key && typeof code === 'string' && /^\d{6}$/.test(code) && tx !== undefined
        ? await givenCodeHashes(await key, row.verification_id, bindingOf(row.purpose as OtpPurpose, tx), code)
        : null;

    row = this.#row() as VerificationRow;
    // Another check may have approved or locked it while this one was hashing.
    if (row.status === 'approved') return fail('closed');
    if (row.status !== 'pending') return ok(checkViewOf(row, settings));
    const stored = row.code_hash ? new Uint8Array(row.code_hash) : null;
    if (matchesStored(given, stored)) {
      const effect = withEffect.has(row.purpose as OtpPurpose) ? 1 : 0;
      this.#sql.exec("UPDATE verification SET status = 'approved', code_hash = NULL, effect_pending = ?", effect);
      await this.#audit(row, 'otp_approved', { checks });
      await this.#webhook();
      if (effect) await this.#applyEffect();
      return ok({ id: row.verification_id, status: 'approved', attempts_left: 0 });
    }
    if (checks >= settings.maxChecks) {
      this.#sql.exec("UPDATE verification SET status = 'max_attempts_reached', code_hash = NULL");
      await this.#audit(row, 'otp_locked', { checks });
      await this.#webhook();
      return ok({ id: row.verification_id, status: 'max_attempts_reached', attempts_left: 0 });
    }
    // The row read after hashing counts every check made so far, this one and concurrent ones.
    return ok({
      id: row.verification_id,
      status: 'pending',
      attempts_left: Math.max(0, settings.maxChecks - row.checks),
    });
  }

  /** A new code, on the same or another channel, after the cool-down and within every cap. */
  async resend(
    owner: string,
    channel: Channel | null,
    ip: string | null,
  ): Promise<{ ok: true; value: VerificationView } | Refusal<ResendFailure>> {
    const row = this.#owned(owner);
    if (!row) return fail('not_found');
    this.#expireIfDue(row);
    if ((this.#row() as VerificationRow).status !== 'pending') return fail('closed');
    const settings = this.#settings();
    const next = channel ?? (row.channel as Channel);
    if (!otpChannels.includes(next)) return fail('invalid');
    let destination = row.destination;
    let masked = row.masked;
    if (next !== row.channel) {
      const switched = await this.#destinationFor(row, next);
      if (!switched) return fail('invalid');
      ({ destination, masked } = switched);
    }
    const key = this.#codeKey();
    if (!key) return fail('not_configured');
    const code = newCode();
    const hash = await codeHash(
      (await key).current,
      row.verification_id,
      bindingOf(row.purpose as OtpPurpose, parseTransaction(row.transaction_json)),
      code,
    );
    const sent = await this.#send(code, hash, next, destination, ip, settings, { channel: next, masked });
    const view = viewOf(this.#row() as VerificationRow, settings);
    return sent.ok ? ok(view) : { ...sent, view: sent.reason === 'delivery_failed' ? view : undefined };
  }

  /** Cancels a pending verification: its code stops working at once. */
  async cancel(owner: string): Promise<Result<VerificationView, 'not_found' | 'closed'>> {
    const row = this.#owned(owner);
    if (!row) return fail('not_found');
    this.#expireIfDue(row);
    if ((this.#row() as VerificationRow).status !== 'pending') return fail('closed');
    this.#sql.exec("UPDATE verification SET status = 'canceled', code_hash = NULL");
    await this.#audit(row, 'otp_canceled', {});
    await this.#webhook();
    return ok(viewOf(this.#row() as VerificationRow, this.#settings()));
  }

  /** Uses an approval once (a sign-in step-up): true the first time, for the owner, after approval. */
  consumeApproval(owner: string): boolean {
    const row = this.#owned(owner);
    if (row?.status !== 'approved' || row.consumed) return false;
    this.#sql.exec('UPDATE verification SET consumed = 1');
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
    const row = this.#row();
    if (row?.status !== 'approved' || row.consumed || !withEffect.has(purpose)) return null;
    if (typeof accountId !== 'string' || row.account_id !== accountId || row.purpose !== purpose) return null;
    this.#sql.exec('UPDATE verification SET consumed = 1');
    return { destination: row.destination, transaction: parseTransaction(row.transaction_json) };
  }

  /** Expires a pending code, retries an effect that did not land, and deletes what has ended. */
  override async alarm(): Promise<void> {
    const row = this.#row();
    if (!row) return;
    const at = now();
    if (row.effect_pending) await this.#applyEffect();
    if (row.status === 'pending' && at >= row.expires_at) {
      this.#expireIfDue(row);
      await this.#audit(row, 'otp_expired', { checks: row.checks });
    }
    const after = this.#row() as VerificationRow;
    if (!after.effect_pending && after.status !== 'pending' && at >= row.expires_at + retentionMs) {
      if (!(await deleteAllOnceEnqueued(this.ctx, this.env))) return;
      // This instance may still be asked (an old id): it answers "not found", not 500.
      migrate(this.ctx.storage, 'Verification', verificationMigrations);
      return;
    }
    const next = after.effect_pending
      ? at + effectRetryMs
      : after.status === 'pending'
        ? after.expires_at
        : Math.max(at + 1000, after.expires_at + retentionMs);
    await this.ctx.storage.setAlarm(next);
    // Expired here, or by a check since: the status it is in now, once (and any event still waiting).
    await this.#webhook();
  }

  // --- sending -------------------------------------------------------------------------------

  /**
   * One send: the per-verification limits (a cool-down, a number of sends) are taken before any
   * await; then the messenger (the calling-code guard, the SendBudget caps, the provider or the
   * decoy wait, the audit event). A refused send gives its place back; a failed delivery keeps it
   * counted (no cool-down) and is logged; the code it carried replaces the previous one only once
   * it went out (or, withheld, once it would have).
   */
  async #send(
    code: string,
    hash: Uint8Array,
    channel: Channel,
    destination: string | null,
    ip: string | null,
    settings: OtpSettings,
    switchTo?: { channel: Channel; masked: string },
  ): Promise<{ ok: true } | Refusal<SendFailure>> {
    const before = this.#row() as VerificationRow;
    const at = now();
    if (before.sends >= settings.maxSends) return fail('send_limit');
    const readyAt = (before.last_sent_at ?? 0) + settings.resendCooldownMs;
    if (before.last_sent_at !== null && at < readyAt) return { ...fail('rate_limited'), retryAfterMs: readyAt - at };
    this.#sql.exec('UPDATE verification SET sends = sends + 1, last_sent_at = ?', at);

    const sent = await sendMessage(this.env, {
      channel,
      to: destination,
      masked: switchTo?.masked ?? before.masked,
      message: {
        kind: 'otp',
        purpose: before.purpose as OtpPurpose,
        code,
        transaction: parseTransaction(before.transaction_json),
      },
      accountId: before.account_id,
      budget: JSON.parse(before.budget_keys) as string[],
      // An API key is capped as itself; its end user's IP (when it passed one) as any client's.
      client: { ip, apiKey: before.owner.startsWith('key:') ? before.owner.slice(4) : null },
      detail: { verification: before.verification_id, purpose: before.purpose },
    });
    if (!sent.ok && sent.reason !== 'delivery_failed') {
      this.#sql.exec('UPDATE verification SET sends = sends - 1, last_sent_at = ?', before.last_sent_at);
      return { ...fail(sent.reason), retryAfterMs: sent.retryAfterMs };
    }
    if (!sent.ok) {
      // Counted, but no cool-down: the customer may ask again at once, or choose another channel.
      this.#sql.exec('UPDATE verification SET last_sent_at = ?', before.last_sent_at);
      this.#logSend(channel, 'failed', null, sent.message ?? null);
      return fail('delivery_failed');
    }
    this.#sql.exec('UPDATE verification SET code_hash = ?', hash);
    if (switchTo) {
      this.#sql.exec(
        'UPDATE verification SET channel = ?, destination = ?, masked = ?',
        switchTo.channel,
        destination,
        switchTo.masked,
      );
    }
    this.#logSend(channel, sent.value.id === null ? 'withheld' : 'sent', sent.value.id, null);
    return { ok: true };
  }

  /** Where the same account's code goes on another channel: its verified contact, or a decoy. */
  async #destinationFor(
    row: VerificationRow,
    channel: Channel,
  ): Promise<{ destination: string | null; masked: string } | null> {
    if (row.purpose === 'enrol_phone') {
      return row.destination && channelFits(channel, row.destination)
        ? { destination: row.destination, masked: row.masked }
        : null;
    }
    const contact = row.account_id ? await this.#account(row.account_id).contactFor(channel) : null;
    if (contact) return { destination: contact, masked: maskOf(contact) };
    const masked = await decoyMask(this.env, row.subject, channel, this.#settings().allowedCallingCodes[0] ?? '44');
    return { destination: null, masked };
  }

  #logSend(
    channel: Channel,
    outcome: 'sent' | 'failed' | 'withheld',
    providerId: string | null,
    detail: string | null,
  ) {
    this.#sql.exec(
      'INSERT INTO sends (at, channel, outcome, provider_id, detail) VALUES (?, ?, ?, ?, ?)',
      now(),
      channel,
      outcome,
      providerId,
      detail,
    );
  }

  // --- effects and audit ---------------------------------------------------------------------

  /** Applies an approval to the account (phone verified, payee added, payment approved), once. */
  async #applyEffect(): Promise<void> {
    const row = this.#row();
    if (!row?.effect_pending || !row.account_id) return;
    const account = this.#account(row.account_id);
    const transaction = parseTransaction(row.transaction_json);
    try {
      if (row.purpose === 'enrol_phone' && row.destination) {
        await account.confirmContact(row.destination, row.verification_id);
      } else if (row.purpose === 'add_payee' && transaction) {
        await account.addPayee(transaction.payee, row.verification_id);
      } else if (row.purpose === 'payment' && transaction) {
        await account.recordPayment(transaction, 'code', row.verification_id);
      }
      this.#sql.exec('UPDATE verification SET effect_pending = 0');
    } catch (error) {
      log('error', 'approval_not_applied', {
        verification: this.ctx.id.toString(),
        error: errorText(error),
        retry: 'alarm',
      });
      await this.ctx.storage.setAlarm(now() + effectRetryMs);
    }
  }

  async #audit(row: VerificationRow, type: OtpAuditType, detail: Record<string, string | number>): Promise<void> {
    if (!row.account_id) return;
    try {
      await this.#account(row.account_id).recordVerificationEvent(type, {
        verification: row.verification_id,
        purpose: row.purpose,
        ...detail,
      });
    } catch (error) {
      log('error', 'audit_not_recorded', { type, error: errorText(error) });
    }
  }

  // --- state ---------------------------------------------------------------------------------

  /** Webhooks (issue 12): this verification's status, once per status (worker/webhooks/emit.ts). */
  #webhook(): Promise<void> {
    return emitStatus(this.ctx, this.env, verificationStatus(this.#row()));
  }

  #expireIfDue(row: VerificationRow): void {
    if (row.status === 'pending' && now() >= row.expires_at) {
      this.#sql.exec("UPDATE verification SET status = 'expired', code_hash = NULL");
    }
  }

  #row(): VerificationRow | undefined {
    return this.#sql.exec<VerificationRow>('SELECT * FROM verification').toArray()[0];
  }

  #owned(owner: string): VerificationRow | undefined {
    const row = this.#row();
    return row && typeof owner === 'string' && row.owner === owner ? row : undefined;
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

  #account(id: string) {
    return accountOf(this.env, id);
  }
}

export type OtpAuditType = MessageAuditType | 'otp_approved' | 'otp_locked' | 'otp_canceled' | 'otp_expired';
