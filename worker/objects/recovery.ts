/**
 * Recovery: one Durable Object per attempt to recover an account with trusted contacts (issue 5;
 * `newUniqueId()`). First a code to the account's phone (a Verification object); then the contacts,
 * by name only; each chosen contact gets a code bound to this recovery and to them (or approves in
 * their own app with their passkey); at quorum a waiting period in which every device and contact
 * is told and the owner can cancel; then the new device registers a passkey. A contact can abort.
 */
import { DurableObject } from 'cloudflare:workers';
import type { RecoveryState, RecoveryView } from '../../shared/recovery.ts';
import { now } from '../core/clock.ts';
import {
  type CodeKeys,
  codeHash,
  codeKeys,
  givenCodeHashes,
  matchesStored,
  newCode,
  timingSafeEqualBytes,
} from '../core/codes.ts';
import { type RecoverySettings, readSettings } from '../core/config.ts';
import { fanOut } from '../core/fan-out.ts';
import { sha256Hex } from '../core/hash.ts';
import { errorText, log } from '../core/log.ts';
import { maskOf } from '../core/otp-destinations.ts';
import { randomToken } from '../core/random.ts';
import { effectiveQuorum } from '../core/recovery-rules.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { recoveryOwner } from '../core/verification-owners.ts';
import type { Env } from '../env.ts';
import { sendMessage } from '../messenger/messenger.ts';
import type { Message } from '../messenger/templates.ts';
import { recoveryStatus } from '../webhooks/ceremony-status.ts';
import { deleteAllOnceEnqueued, emitStatus } from '../webhooks/emit.ts';
import { passkeyApproval } from './account/proofs.ts';
import type { RecoveryEvent } from './account.ts';
import { type RecoveryContactRow, type RecoveryRow, recoveryMigrations } from './recovery-schema.ts';
import { migrate } from './schema-migrations.ts';
import { accountOf } from './stubs.ts';

export type RecoveryFailure = 'not_found' | 'wrong_state' | 'invalid' | 'asked_in_app' | 'not_configured';
export type CodeAnswer = {
  outcome: 'approved' | 'wrong' | 'locked' | 'expired';
  triesLeft: number;
  view: RecoveryView;
};

const hex64 = /^[0-9a-f]{64}$/;
const preQuorum = new Set(['first_factor', 'choose_contacts', 'collecting']);
const final = new Set(['completed', 'aborted', 'canceled', 'expired']);
/** Before the quorum the whole recovery must be done within this time. */
const progressMs = 30 * 60_000;
/** Once ready, the new device has this long to register its passkey. */
const readyMs = 60 * 60_000;
/** An ended recovery stays readable this long (its device sees how it ended), then is deleted. */
const retentionMs = 60 * 60_000;

export class Recovery extends DurableObject<Env> {
  #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    migrate(ctx.storage, 'Recovery', recoveryMigrations);
  }

  /** Opens the recovery once its first code is on its way. */
  async open(input: {
    accountId: string | null;
    subject: string;
    tokenHash: string;
    verificationId: string;
    maskedTo: string;
  }): Promise<Result<RecoveryView, 'invalid' | 'exists'>> {
    const i = input;
    if (
      (i?.accountId !== null && !hex64.test(String(i?.accountId))) ||
      typeof i.subject !== 'string' ||
      !hex64.test(i.tokenHash) ||
      !hex64.test(i.verificationId) ||
      typeof i.maskedTo !== 'string'
    ) {
      return fail('invalid');
    }
    if (this.#row()) return fail('exists');
    const at = now();
    this.#sql.exec(
      `INSERT INTO recovery (id, recovery_id, account_id, subject, token_hash, state, verification_id, masked_to, created_at, expires_at)
       VALUES (1, ?, ?, ?, ?, 'first_factor', ?, ?, ?, ?)`,
      this.#id(),
      i.accountId,
      i.subject.slice(0, 64),
      i.tokenHash,
      i.verificationId,
      i.maskedTo.slice(0, 64),
      at,
      at + progressMs,
    );
    await this.ctx.storage.setAlarm(at + progressMs);
    await this.#webhook();
    return ok(this.#view());
  }

  /** The recovery as its own device sees it. */
  view(tokenHash: string): RecoveryView | null {
    return this.#mine(tokenHash) ? this.#view() : null;
  }

  /** The first factor: the code sent to the account's phone. Right: the contacts appear, by name. */
  async passFirstFactor(
    tokenHash: string,
    code: string,
  ): Promise<Result<{ status: string; attemptsLeft: number; view: RecoveryView }, RecoveryFailure>> {
    const row = this.#mine(tokenHash);
    if (!row) return fail('not_found');
    if (row.state !== 'first_factor') return fail('wrong_state');
    const verification = this.env.VERIFICATION.get(this.env.VERIFICATION.idFromString(row.verification_id));
    const checked = await verification.check(recoveryOwner(row.recovery_id), code, null);
    if (!checked.ok) return fail('wrong_state');
    const { status, attempts_left: attemptsLeft } = checked.value;
    if (status === 'approved' && this.#row()?.state === 'first_factor') await this.#loadContacts();
    else if (status !== 'pending' && status !== 'approved') this.#end('expired', `first code ${status}`);
    await this.#webhook();
    return ok({ status, attemptsLeft, view: this.#view() });
  }

  /**
   * The customer chooses at least the quorum of contacts (more may be added while collecting). The
   * contacts' codes count against the asking client's IP, as every code does (issue 9).
   */
  async chooseContacts(
    tokenHash: string,
    contactIds: string[],
    clientIp: string | null,
  ): Promise<Result<{ view: RecoveryView; undelivered: string[] }, RecoveryFailure>> {
    const row = this.#mine(tokenHash);
    if (!row) return fail('not_found');
    if (row.state !== 'choose_contacts' && row.state !== 'collecting') return fail('wrong_state');
    const contacts = this.#contacts();
    const ids = Array.isArray(contactIds) ? [...new Set(contactIds.map(String))] : [];
    const picked = contacts.filter((c) => ids.includes(c.contact_id) && !c.chosen);
    const alreadyChosen = contacts.filter((c) => c.chosen).length;
    if (picked.length !== ids.filter((id) => !contacts.find((c) => c.contact_id === id)?.chosen).length)
      return fail('invalid');
    if (alreadyChosen + picked.length < row.quorum || picked.length === 0) return fail('invalid');
    const key = this.#codeKey();
    if (!key) return fail('not_configured');
    const settings = this.#settings();
    const at = now();
    // Chosen before any await: a second request cannot send the same contacts again.
    for (const c of picked)
      this.#sql.exec('UPDATE recovery_contacts SET chosen = 1 WHERE contact_id = ?', c.contact_id);
    if (row.state === 'choose_contacts') {
      this.#sql.exec(
        "UPDATE recovery SET state = 'collecting', expires_at = ?",
        at + Math.max(settings.codeTtlMs, 60_000) + progressMs,
      );
    }
    const undelivered: string[] = [];
    for (const c of picked) {
      const delivered = await this.#ask(row, c, (await key).current, settings, clientIp);
      if (!delivered) undelivered.push(c.contact_id);
    }
    // The owner hears of it once, when the first contacts are asked (not again for more contacts).
    if (row.state === 'choose_contacts') await this.#tellOwner('collecting', null, 'recovery_started');
    return ok({ view: this.#view(), undelivered });
  }

  /** A code a contact gave: tries counted before the hash, at most 5 per contact, 15 minutes. */
  async contactCode(tokenHash: string, contactId: string, code: string): Promise<Result<CodeAnswer, RecoveryFailure>> {
    const row = this.#mine(tokenHash);
    if (!row) return fail('not_found');
    if (row.state !== 'collecting') return fail('wrong_state');
    const contact = this.#contact(contactId);
    if (!contact?.chosen) return fail('invalid');
    // Asked in their own app: their approval there counts, no code exists.
    if (contact.via !== 'sms') return fail('asked_in_app');
    const settings = this.#settings();
    const answer = (outcome: CodeAnswer['outcome']) => {
      const c = this.#contact(contactId) as RecoveryContactRow;
      return ok({ outcome, triesLeft: Math.max(0, settings.maxTries - c.tries), view: this.#view() });
    };
    // The same contact's code twice counts once.
    if (contact.approved_at !== null) return answer('approved');
    if (contact.tries >= settings.maxTries || !contact.code_hash) return answer('locked');
    if (now() >= (contact.code_expires_at ?? 0)) return answer('expired');
    this.#sql.exec('UPDATE recovery_contacts SET tries = tries + 1 WHERE contact_id = ?', contact.contact_id);
    const key = this.#codeKey();
    const given =
      key && /^\d{6}$/.test(String(code))
        ? await givenCodeHashes(await key, row.recovery_id, `contact:${contact.contact_id}`, String(code))
        : null;
    const after = this.#contact(contactId) as RecoveryContactRow;
    if (this.#row()?.state !== 'collecting') return fail('wrong_state');
    if (after.approved_at !== null) return answer('approved');
    const stored = after.code_hash ? new Uint8Array(after.code_hash) : null;
    if (matchesStored(given, stored)) {
      this.#sql.exec(
        'UPDATE recovery_contacts SET approved_at = ?, code_hash = NULL WHERE contact_id = ?',
        now(),
        contact.contact_id,
      );
      await this.#quorumIfReached();
      return answer('approved');
    }
    if (after.tries >= settings.maxTries) {
      this.#sql.exec('UPDATE recovery_contacts SET code_hash = NULL WHERE contact_id = ?', contact.contact_id);
      return answer('locked');
    }
    return answer('wrong');
  }

  /**
   * A contact with the app approved with their own passkey: it counts as their code. The
   * PasskeyChallenge `proofId` is asked that the contact's assertion passed for this recovery (once).
   */
  async approveInApp(contactAccountId: string, proofId: string): Promise<Result<RecoveryView, RecoveryFailure>> {
    const row = this.#row();
    if (row?.state !== 'collecting') return fail('wrong_state');
    const contact = this.#contacts().find(
      (c) => c.chosen && c.via === 'app' && c.contact_account_id === contactAccountId,
    );
    if (!contact) return fail('not_found');
    const proof = await passkeyApproval(this.env, contactAccountId, proofId, 'recovery_approval');
    if (proof?.recoveryId !== row.recovery_id || this.#row()?.state !== 'collecting') return fail('not_found');
    if (contact.approved_at === null) {
      this.#sql.exec('UPDATE recovery_contacts SET approved_at = ? WHERE contact_id = ?', now(), contact.contact_id);
      await this.#quorumIfReached();
    }
    return ok(this.#view());
  }

  /** "I was not asked by them": from a contact's link (token) or app (account). Aborts for good. */
  async abort(by: { token: string } | { contactAccountId: string }): Promise<Result<null, 'not_found'>> {
    const row = this.#row();
    if (!row || final.has(row.state)) return fail('not_found');
    let contact: RecoveryContactRow | undefined;
    if ('token' in by && typeof by.token === 'string') {
      const hash = await sha256Hex(by.token);
      const link = this.#sql
        .exec<{ contact_id: string }>('SELECT contact_id FROM abort_links WHERE token_hash = ?', hash)
        .toArray()[0];
      contact = link ? this.#contact(link.contact_id) : undefined;
    } else if ('contactAccountId' in by) {
      contact = this.#contacts().find((c) => c.contact_account_id === by.contactAccountId && c.chosen);
    }
    if (!contact || final.has(this.#row()?.state ?? 'completed')) return fail('not_found');
    this.#end('aborted', `contact ${contact.contact_id}`);
    await this.env.INCIDENTS.get(this.env.INCIDENTS.idFromName('incidents')).record({
      kind: 'recovery_aborted',
      callId: row.recovery_id,
      agent: { displayName: contact.name, team: 'Trusted contact' },
      customerHandle: row.subject,
      failedOn: null,
      note: `${contact.name} said they were not asked for a code by the account holder.`,
    });
    await this.#tellOwner('aborted', null, 'recovery_aborted');
    return ok(null);
  }

  /** The owner, from a device already signed in, stops the recovery (before it completes). */
  async cancelByOwner(accountId: string): Promise<Result<null, 'not_found'>> {
    const row = this.#row();
    if (!row || row.account_id !== accountId || final.has(row.state)) return fail('not_found');
    this.#end('canceled', 'owner');
    await this.#tellOwner('canceled', null, 'recovery_canceled');
    return ok(null);
  }

  /** The account a ready recovery may add a passkey to, for its own device (not once claimed). */
  ready(tokenHash: string): { accountId: string; handle: string; displayName: string } | null {
    const row = this.#mine(tokenHash);
    if (!row?.account_id || row.state !== 'ready' || now() >= row.expires_at || this.#claim()) return null;
    return { accountId: row.account_id, handle: row.subject, displayName: row.holder_name ?? row.subject };
  }

  /**
   * The recovering device claims the completion for its new passkey: one claim, once, written
   * before any await, so two concurrent completions cannot both go on. The Account then asks
   * `confirmCompletion` before it adds the passkey; a cancel in between wins.
   */
  claimCompletion(tokenHash: string, credentialId: string): Result<{ accountId: string }, 'wrong_state'> {
    const row = this.#mine(tokenHash);
    if (!row?.account_id || row.state !== 'ready' || now() >= row.expires_at) return fail('wrong_state');
    if (typeof credentialId !== 'string' || credentialId.length === 0 || credentialId.length > 1024) {
      return fail('wrong_state');
    }
    const claimed = this.#sql.exec(
      'INSERT INTO completion_claim (id, credential_id, claimed_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING',
      credentialId,
      now(),
    ).rowsWritten;
    return claimed > 0 ? ok({ accountId: row.account_id }) : fail('wrong_state');
  }

  /**
   * The Account asks before it adds the new passkey (DESIGN.md: every effect carries its proof):
   * true once, for the claimed passkey of this account, while the recovery is still ready (not
   * canceled, aborted or expired). The recovery is then completed.
   */
  async confirmCompletion(accountId: string, credentialId: string): Promise<boolean> {
    const row = this.#row();
    const claim = this.#claim();
    if (row?.state !== 'ready' || now() >= row.expires_at || row.account_id !== accountId) return false;
    if (!claim || claim.credential_id !== credentialId) return false;
    this.#end('completed', 'passkey registered');
    await this.#tellOwner('completed', null, null);
    return true;
  }

  override async alarm(): Promise<void> {
    const row = this.#row();
    if (!row) return;
    const at = now();
    if (row.state === 'waiting' && row.ready_at !== null && at >= row.ready_at) {
      this.#sql.exec("UPDATE recovery SET state = 'ready', expires_at = ?", at + readyMs);
      await this.#tellOwner('ready', row.ready_at, null);
    } else if ((preQuorum.has(row.state) || row.state === 'ready') && at >= row.expires_at) {
      this.#end('expired', 'time');
      await this.#tellOwner('expired', null, row.state === 'first_factor' ? null : 'recovery_expired');
    } else if (final.has(row.state) && at >= row.expires_at + retentionMs) {
      if (!(await deleteAllOnceEnqueued(this.ctx, this.env))) return;
      migrate(this.ctx.storage, 'Recovery', recoveryMigrations);
      return;
    }
    const after = this.#row() as RecoveryRow;
    const next =
      after.state === 'waiting'
        ? (after.ready_at as number)
        : final.has(after.state)
          ? after.expires_at + retentionMs
          : after.expires_at;
    await this.ctx.storage.setAlarm(Math.max(next, at + 1000));
    await this.#webhook();
  }

  // --- steps ---------------------------------------------------------------------------------

  /** After the first factor: the account's contacts, each with an abort token of its own. */
  async #loadContacts(): Promise<void> {
    const row = this.#row() as RecoveryRow;
    const profile = row.account_id ? await this.#account(row.account_id).recoveryProfile() : null;
    const settings = this.#settings();
    const contacts = profile?.contacts ?? [];
    for (const c of contacts) {
      const holder = await this.env.CONTACT_INDEX.get(this.env.CONTACT_INDEX.idFromName(`phone:${c.phone}`)).holder();
      this.#sql.exec(
        'INSERT OR IGNORE INTO recovery_contacts (contact_id, name, phone, contact_account_id) VALUES (?, ?, ?, ?)',
        c.id,
        c.name,
        c.phone,
        holder && holder !== row.account_id ? holder : null,
      );
    }
    this.#sql.exec(
      "UPDATE recovery SET state = 'choose_contacts', holder_name = ?, quorum = ? WHERE state = 'first_factor'",
      profile?.displayName ?? null,
      effectiveQuorum(settings.quorum, Math.max(contacts.length, 2)),
    );
  }

  /** Asks one chosen contact: in their app when they have one, else a code by SMS. */
  async #ask(
    row: RecoveryRow,
    contact: RecoveryContactRow,
    key: CryptoKey,
    settings: RecoverySettings,
    clientIp: string | null,
  ): Promise<boolean> {
    const holder = this.#row()?.holder_name ?? row.subject;
    const expiresAt = now() + settings.codeTtlMs;
    if (contact.contact_account_id) {
      this.#sql.exec(
        "UPDATE recovery_contacts SET via = 'app', code_expires_at = ? WHERE contact_id = ?",
        expiresAt,
        contact.contact_id,
      );
      const account = this.#account(contact.contact_account_id);
      await account.addRecoveryRequest({
        recoveryId: row.recovery_id,
        contactId: contact.contact_id,
        requesterName: holder,
        expiresAt,
      });
      await account.pushToDevices(
        {
          type: 'security',
          title: `${holder} asks you to confirm it is them`,
          body: 'Open Countersign: check it is really them before you approve.',
        },
        { ttlSeconds: Math.round(settings.codeTtlMs / 1000), urgency: 'high' },
      );
      return true;
    }
    const code = newCode();
    const hash = await codeHash(key, row.recovery_id, `contact:${contact.contact_id}`, code);
    const abortToken = await this.#abortLink(contact.contact_id);
    this.#sql.exec(
      "UPDATE recovery_contacts SET via = 'sms', code_hash = ?, code_expires_at = ? WHERE contact_id = ?",
      hash,
      expiresAt,
      contact.contact_id,
    );
    const sent = await this.#text(
      contact.phone,
      { kind: 'contact_code', holder, code, recoveryId: row.recovery_id, abortToken },
      clientIp,
    );
    if (!sent) log('error', 'contact_code_not_sent', { recovery: row.recovery_id });
    return sent;
  }

  async #quorumIfReached(): Promise<void> {
    const row = this.#row() as RecoveryRow;
    const approvals = this.#contacts().filter((c) => c.approved_at !== null).length;
    if (row.state !== 'collecting' || approvals < row.quorum) return;
    const at = now();
    const readyAt = at + this.#settings().waitMs;
    const state = readyAt > at ? 'waiting' : 'ready';
    this.#sql.exec('UPDATE recovery SET state = ?, ready_at = ?, expires_at = ?', state, readyAt, readyAt + readyMs);
    for (const c of this.#contacts())
      this.#sql.exec('UPDATE recovery_contacts SET code_hash = NULL WHERE contact_id = ?', c.contact_id);
    await this.ctx.storage.setAlarm(state === 'waiting' ? readyAt : atLeastASecondAway(readyAt + readyMs));
    // The owner and every contact (each with their own link to stop it) are told at once, not one
    // provider after another (issue 14); one that fails does not stop the others.
    const holder = row.holder_name ?? row.subject;
    const [, untold] = await Promise.all([
      this.#tellOwner(state, readyAt, 'recovery_quorum'),
      fanOut(this.#contacts(), async (c) => {
        const abortToken = await this.#abortLink(c.contact_id);
        const message: Message = { kind: 'recovery_quorum', holder, readyAt, recoveryId: row.recovery_id, abortToken };
        return this.#text(c.phone, message);
      }),
    ]);
    if (untold.length > 0)
      log('error', 'quorum_notices_not_sent', { recovery: this.ctx.id.toString(), untold: untold.length });
  }

  /** A new "they did not ask me" token for a contact (only its hash is kept); the template makes the link. */
  async #abortLink(contactId: string): Promise<string> {
    const token = randomToken(24);
    this.#sql.exec('INSERT INTO abort_links (token_hash, contact_id) VALUES (?, ?)', await sha256Hex(token), contactId);
    return token;
  }

  /**
   * An SMS to a contact, through the messenger (guard, caps per contact, per account and, when a
   * client asked for it, per client IP; audit on the owner's log).
   */
  async #text(phone: string, message: Message, clientIp: string | null = null): Promise<boolean> {
    const row = this.#row() as RecoveryRow;
    const sent = await sendMessage(this.env, {
      channel: 'sms',
      to: phone,
      masked: maskOf(phone),
      message,
      accountId: row.account_id,
      budget: [`notices:${row.account_id ?? row.subject}`],
      client: { ip: clientIp, apiKey: null },
      detail: { recovery: row.recovery_id },
    });
    return sent.ok;
  }

  #end(state: RecoveryState, reason: string): void {
    const at = now();
    this.#sql.exec('UPDATE recovery SET state = ?, ended_reason = ?, expires_at = ?', state, reason.slice(0, 100), at);
    this.#sql.exec('UPDATE recovery_contacts SET code_hash = NULL');
    void this.ctx.storage.setAlarm(at + retentionMs);
  }

  async #tellOwner(state: string, readyAt: number | null, event: RecoveryEvent | null): Promise<void> {
    await this.#webhook();
    const row = this.#row();
    if (!row?.account_id) return;
    try {
      await this.#account(row.account_id).recoveryUpdate(row.recovery_id, state, readyAt, event);
      if (final.has(state)) {
        for (const c of this.#contacts().filter((x) => x.contact_account_id && x.chosen)) {
          await this.#account(c.contact_account_id as string).answerRecoveryRequest(row.recovery_id, 'ended', {
            ip: null,
            userAgent: null,
          });
        }
      }
    } catch (error) {
      log('error', 'account_not_told', { recovery: this.ctx.id.toString(), state, error: errorText(error) });
    }
  }

  // --- state ---------------------------------------------------------------------------------

  /** Webhooks (issue 12): this recovery's state, once per state (worker/webhooks/emit.ts). */
  #webhook(): Promise<void> {
    return emitStatus(this.ctx, this.env, recoveryStatus(this.#row()));
  }

  #view(): RecoveryView {
    const row = this.#row() as RecoveryRow;
    const settings = this.#settings();
    const shown = row.state !== 'first_factor';
    return {
      id: row.recovery_id,
      state: row.state as RecoveryState,
      to: row.masked_to,
      quorum: row.quorum,
      contacts: shown
        ? this.#contacts().map((c) => ({
            id: c.contact_id,
            name: c.name,
            chosen: c.chosen === 1,
            approved: c.approved_at !== null,
            via: c.via,
            tries_left: Math.max(0, settings.maxTries - c.tries),
            expires_at: c.code_expires_at === null ? null : new Date(c.code_expires_at).toISOString(),
          }))
        : [],
      approvals: this.#contacts().filter((c) => c.approved_at !== null).length,
      ready_at: row.ready_at === null ? null : new Date(row.ready_at).toISOString(),
      expires_at: new Date(row.expires_at).toISOString(),
    };
  }

  #claim(): { credential_id: string } | undefined {
    return this.#sql.exec<{ credential_id: string }>('SELECT credential_id FROM completion_claim').toArray()[0];
  }

  #row(): RecoveryRow | undefined {
    return this.#sql.exec<RecoveryRow>('SELECT * FROM recovery').toArray()[0];
  }

  #mine(tokenHash: string): RecoveryRow | undefined {
    const row = this.#row();
    if (!row || typeof tokenHash !== 'string' || tokenHash.length !== 64) return undefined;
    const a = new TextEncoder().encode(tokenHash);
    const b = new TextEncoder().encode(row.token_hash);
    return timingSafeEqualBytes(a, b) ? row : undefined;
  }

  #contacts(): RecoveryContactRow[] {
    return this.#sql.exec<RecoveryContactRow>('SELECT * FROM recovery_contacts ORDER BY rowid').toArray();
  }

  #contact(id: string): RecoveryContactRow | undefined {
    return this.#sql
      .exec<RecoveryContactRow>('SELECT * FROM recovery_contacts WHERE contact_id = ?', String(id))
      .toArray()[0];
  }

  #settings(): RecoverySettings {
    return readSettings(this.env).recovery;
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

/** An alarm time that is at least a second away. */
const atLeastASecondAway = (ms: number) => Math.max(ms, now() + 1000);
