/**
 * Recovery: one Durable Object per attempt to recover an account with trusted contacts
 * (`newUniqueId()`). First a code to the account's phone (a Verification object); then the contacts,
 * by name only; each chosen contact gets a code bound to this recovery and to them (or approves in
 * their own app with their passkey); at quorum a waiting period in which every device and contact
 * is told and the owner can cancel; then the new device registers a passkey. A contact can abort.
 */
import { DurableObject } from 'cloudflare:workers';
import type { RecoveryView } from '../../shared/recovery.ts';
import { now } from '../core/clock.ts';
import { type CodeKeys, codeKeys, givenCodeHashes, matchesStored } from '../core/codes.ts';
import { type RecoverySettings, readSettings } from '../core/config.ts';
import { byAlarm, type EventCause } from '../core/event-cause.ts';
import {
  afterFirstFactor,
  alarmStep,
  type CodeOutcome,
  choose,
  completable,
  contactCodeBegins,
  contactCodeEnds,
  nextAlarm,
  progressMs,
  type RecoveryContactRow,
  type RecoveryFailure,
  type RecoveryRow,
  recoveryView,
  stoppable,
  triesLeft,
  validOpen,
} from '../core/recovery-machine.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { recoveryOwner } from '../core/verification-owners.ts';
import type { Env } from '../env.ts';
import { deleteAllOnceEnqueued } from '../webhooks/emit.ts';
import { passkeyApproval } from './account/proofs.ts';
import { askContact, loadContacts } from './recovery-contacts.ts';
import { recordAbort } from './recovery-notices.ts';
import { recoveryMigrations } from './recovery-schema.ts';
import { RecoverySteps } from './recovery-steps.ts';
import { type RecoveryOpen, RecoveryStore } from './recovery-store.ts';
import { migrate } from './schema-migrations.ts';

export type { RecoveryFailure } from '../core/recovery-machine.ts';
export type CodeAnswer = { outcome: CodeOutcome; triesLeft: number; view: RecoveryView };

export class Recovery extends DurableObject<Env> {
  #store: RecoveryStore;
  #steps: RecoverySteps;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#store = new RecoveryStore(ctx.storage.sql);
    this.#steps = new RecoverySteps(ctx, () => this.env, this.#store);
    migrate(ctx.storage, 'Recovery', recoveryMigrations);
  }

  /** Opens the recovery once its first code is on its way. */
  async open(input: RecoveryOpen): Promise<Result<RecoveryView, 'invalid' | 'exists'>> {
    if (!validOpen(input)) return fail('invalid');
    if (this.#store.row()) return fail('exists');
    const at = now();
    this.#store.insert(this.ctx.id.toString(), input, at, at + progressMs);
    await this.ctx.storage.setAlarm(at + progressMs);
    await this.#steps.webhook();
    return ok(this.#view());
  }

  /** The recovery as its own device sees it. */
  view(tokenHash: string): RecoveryView | null {
    return this.#store.mine(tokenHash) ? this.#view() : null;
  }

  /** The first factor: the code sent to the account's phone. Right: the contacts appear, by name. */
  async passFirstFactor(
    tokenHash: string,
    code: string,
    cause: EventCause,
  ): Promise<Result<{ status: string; attemptsLeft: number; view: RecoveryView }, RecoveryFailure>> {
    const row = this.#store.mine(tokenHash);
    if (!row) return fail('not_found');
    if (row.state !== 'first_factor') return fail('wrong_state');
    const verification = this.env.VERIFICATION.get(this.env.VERIFICATION.idFromString(row.verification_id));
    const checked = await verification.check(recoveryOwner(row.recovery_id), code, null, cause);
    if (!checked.ok) return fail('wrong_state');
    const { status, attempts_left: attemptsLeft } = checked.value;
    const next = afterFirstFactor(status, this.#store.row()?.state);
    if (next === 'load_contacts') await loadContacts(this.env, this.#store, this.#settings(), cause);
    else if (next === 'expire') this.#steps.end('expired', `first code ${status}`);
    await this.#steps.webhook();
    return ok({ status, attemptsLeft, view: this.#view() });
  }

  /**
   * The customer chooses at least the quorum of contacts (more may be added while collecting). The
   * contacts' codes count against the asking client's IP, as every code does.
   */
  async chooseContacts(
    tokenHash: string,
    contactIds: string[],
    clientIp: string | null,
    cause: EventCause,
  ): Promise<Result<{ view: RecoveryView; undelivered: string[] }, RecoveryFailure>> {
    const row = this.#store.mine(tokenHash);
    if (!row) return fail('not_found');
    const settings = this.#settings();
    const chosen = choose(row, this.#store.contacts(), contactIds, settings, now());
    if (!chosen.ok) return chosen;
    const key = this.#codeKey();
    if (!key) return fail('not_configured');
    const { picked, first, write } = chosen.value;
    // Chosen before any await: a second request cannot send the same contacts again.
    for (const c of picked) this.#store.choose(c.contact_id);
    if (write) this.#store.write(write);
    const undelivered: string[] = [];
    for (const contact of picked) {
      const ask = { row, contact, key: (await key).current, settings };
      if (!(await askContact(this.env, this.#store, ask, clientIp, cause))) undelivered.push(contact.contact_id);
    }
    // The owner hears of it once, when the first contacts are asked (not again for more contacts).
    if (first) await this.#steps.tellOwner('collecting', null, 'recovery_started', cause);
    return ok({ view: this.#view(), undelivered });
  }

  /** A code a contact gave: tries counted before the hash, at most 5 per contact, 15 minutes. */
  async contactCode(
    tokenHash: string,
    contactId: string,
    code: string,
    cause: EventCause,
  ): Promise<Result<CodeAnswer, RecoveryFailure>> {
    const row = this.#store.mine(tokenHash);
    if (!row) return fail('not_found');
    const contact = row.state === 'collecting' ? this.#store.contact(contactId) : undefined;
    const settings = this.#settings();
    const begins = contactCodeBegins(row, contact, settings, now());
    if (!begins.ok) return begins;
    if (!begins.value.hash) return this.#codeAnswer(contactId, begins.value.outcome);
    const { contact_id } = contact as RecoveryContactRow;
    this.#store.countTry(contact_id);
    const key = this.#codeKey();
    const given =
      key && /^\d{6}$/.test(String(code))
        ? await givenCodeHashes(await key, row.recovery_id, `contact:${contact_id}`, String(code))
        : null;
    const after = this.#store.contact(contactId) as RecoveryContactRow;
    const stored = after.code_hash ? new Uint8Array(after.code_hash) : null;
    const ends = contactCodeEnds(this.#store.row()?.state, after, matchesStored(given, stored), settings);
    if (!ends.ok) return ends;
    if (ends.value.approve) {
      this.#store.approve(contact_id, now(), true);
      await this.#steps.quorumIfReached(cause);
    } else if (ends.value.lock) this.#store.forgetCode(contact_id);
    return this.#codeAnswer(contactId, ends.value.outcome);
  }

  /**
   * A contact with the app approved with their own passkey: it counts as their code. The
   * PasskeyChallenge `proofId` is asked that the contact's assertion passed for this recovery (once).
   */
  async approveInApp(
    contactAccountId: string,
    proofId: string,
    cause: EventCause,
  ): Promise<Result<RecoveryView, RecoveryFailure>> {
    const row = this.#store.row();
    if (row?.state !== 'collecting') return fail('wrong_state');
    const contact = this.#store
      .contacts()
      .find((c) => c.chosen && c.via === 'app' && c.contact_account_id === contactAccountId);
    if (!contact) return fail('not_found');
    const proof = await passkeyApproval(this.env, contactAccountId, proofId, 'recovery_approval');
    if (proof?.recoveryId !== row.recovery_id || this.#store.row()?.state !== 'collecting') return fail('not_found');
    if (contact.approved_at === null) {
      this.#store.approve(contact.contact_id, now(), false);
      await this.#steps.quorumIfReached(cause);
    }
    return ok(this.#view());
  }

  /** "I was not asked by them": from a contact's link (token) or app (account). Aborts for good. */
  async abort(
    by: { token: string } | { contactAccountId: string },
    cause: EventCause,
  ): Promise<Result<null, 'not_found'>> {
    const row = this.#store.row();
    if (!stoppable(row)) return fail('not_found');
    const contact =
      'token' in by && typeof by.token === 'string'
        ? await this.#store.abortLinkContact(by.token)
        : 'contactAccountId' in by
          ? this.#store.contacts().find((c) => c.contact_account_id === by.contactAccountId && c.chosen)
          : undefined;
    if (!contact || !stoppable(this.#store.row())) return fail('not_found');
    this.#steps.end('aborted', `contact ${contact.contact_id}`);
    await recordAbort(this.env, row, contact);
    await this.#steps.tellOwner('aborted', null, 'recovery_aborted', cause);
    return ok(null);
  }

  /** The owner, from a device already signed in, stops the recovery (before it completes). */
  async cancelByOwner(accountId: string, cause: EventCause): Promise<Result<null, 'not_found'>> {
    const row = this.#store.row();
    if (!stoppable(row) || row.account_id !== accountId) return fail('not_found');
    this.#steps.end('canceled', 'owner');
    await this.#steps.tellOwner('canceled', null, 'recovery_canceled', cause);
    return ok(null);
  }

  /** The account a ready recovery may add a passkey to, for its own device (not once claimed). */
  ready(tokenHash: string): { accountId: string; handle: string; displayName: string } | null {
    const row = this.#store.mine(tokenHash);
    if (!completable(row, now()) || this.#store.claim()) return null;
    return { accountId: row.account_id, handle: row.subject, displayName: row.holder_name ?? row.subject };
  }

  /**
   * The recovering device claims the completion for its new passkey: one claim, once, written
   * before any await, so two concurrent completions cannot both go on. The Account then asks
   * `confirmCompletion` before it adds the passkey; a cancel in between wins.
   */
  claimCompletion(tokenHash: string, credentialId: string): Result<{ accountId: string }, 'wrong_state'> {
    const row = this.#store.mine(tokenHash);
    if (!completable(row, now())) return fail('wrong_state');
    if (typeof credentialId !== 'string' || credentialId.length === 0 || credentialId.length > 1024) {
      return fail('wrong_state');
    }
    return this.#store.claimOnce(credentialId, now()) ? ok({ accountId: row.account_id }) : fail('wrong_state');
  }

  /**
   * The Account asks before it adds the new passkey (DESIGN.md: every effect carries its proof):
   * true once, for the claimed passkey of this account, while the recovery is still ready (not
   * canceled, aborted or expired). The recovery is then completed.
   */
  async confirmCompletion(accountId: string, credentialId: string, cause: EventCause): Promise<boolean> {
    const row = this.#store.row();
    const claim = this.#store.claim();
    if (!completable(row, now()) || row.account_id !== accountId) return false;
    if (!claim || claim.credential_id !== credentialId) return false;
    this.#steps.end('completed', 'passkey registered');
    await this.#steps.tellOwner('completed', null, null, cause);
    return true;
  }

  override async alarm(): Promise<void> {
    const row = this.#store.row();
    if (!row) return;
    const at = now();
    const step = alarmStep(row, at);
    if (step.kind === 'ready') {
      this.#store.write(step.write);
      await this.#steps.tellOwner('ready', step.readyAt, null, byAlarm);
    } else if (step.kind === 'expire') {
      this.#steps.end('expired', 'time');
      await this.#steps.tellOwner('expired', null, step.event, byAlarm);
    } else if (step.kind === 'delete') {
      if (!(await deleteAllOnceEnqueued(this.ctx, this.env))) return;
      migrate(this.ctx.storage, 'Recovery', recoveryMigrations);
      return;
    }
    await this.ctx.storage.setAlarm(nextAlarm(this.#store.row() as RecoveryRow, at));
    await this.#steps.webhook();
  }

  // --- state ---------------------------------------------------------------------------------

  #codeAnswer(contactId: string, outcome: CodeOutcome): Result<CodeAnswer, never> {
    const contact = this.#store.contact(contactId) as NonNullable<ReturnType<RecoveryStore['contact']>>;
    return ok({ outcome, triesLeft: triesLeft(contact, this.#settings()), view: this.#view() });
  }

  #view(): RecoveryView {
    return recoveryView(this.#store.row() as RecoveryRow, this.#store.contacts(), this.#settings());
  }

  #settings(): RecoverySettings {
    return readSettings(this.env).recovery;
  }

  #codeKey(): Promise<CodeKeys> | null {
    return codeKeys(this.env);
  }
}
