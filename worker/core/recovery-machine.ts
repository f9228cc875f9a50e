/**
 * The trusted-contact Recovery ceremony as a pure machine: its rows + an event (the first
 * code's status, contacts chosen, a contact's code and whether it matched, an approval, the alarm)
 * + now → what to write, what to tell, and the answer. The object (worker/objects/recovery.ts)
 * keeps storage, hashing, the messenger, the accounts and the alarm.
 */
import type { RecoveryState, RecoveryView } from '../../shared/recovery.ts';
import type { RecoverySettings } from './config.ts';
import { effectiveQuorum } from './recovery-rules.ts';
import { fail, ok, type Result } from './result.ts';

/** The recovery's row (table `recovery`, worker/objects/recovery-schema.ts). */
export type RecoveryRow = {
  recovery_id: string;
  account_id: string | null;
  subject: string;
  holder_name: string | null;
  token_hash: string;
  state: string;
  verification_id: string;
  masked_to: string;
  quorum: number;
  created_at: number;
  expires_at: number;
  ready_at: number | null;
  ended_reason: string | null;
};

/** A contact of the recovery (table `recovery_contacts`). */
export type RecoveryContactRow = {
  contact_id: string;
  name: string;
  phone: string;
  contact_account_id: string | null;
  chosen: number;
  via: 'sms' | 'app' | null;
  code_hash: ArrayBuffer | null;
  tries: number;
  code_expires_at: number | null;
  approved_at: number | null;
};

export type RecoveryFailure = 'not_found' | 'wrong_state' | 'invalid' | 'asked_in_app' | 'not_configured';

/** What the recovery's own row becomes. */
export type RecoveryWrite = Partial<Pick<RecoveryRow, 'state' | 'expires_at' | 'ready_at' | 'ended_reason'>>;

export const preQuorum: ReadonlySet<string> = new Set(['first_factor', 'choose_contacts', 'collecting']);
export const final: ReadonlySet<string> = new Set(['completed', 'aborted', 'canceled', 'expired']);
/** Before the quorum the whole recovery must be done within this time. */
export const progressMs = 30 * 60_000;
/** Once ready, the new device has this long to register its passkey. */
export const readyMs = 60 * 60_000;
/** An ended recovery stays readable this long (its device sees how it ended), then is deleted. */
export const retentionMs = 60 * 60_000;

/**
 * An end (aborted, canceled, expired, completed): the state, why, and from now the retention; every
 * contact's code stops working and the alarm deletes it all after retention.
 */
export function ending(state: RecoveryState, reason: string, at: number): { write: RecoveryWrite; alarmAt: number } {
  return { write: { state, ended_reason: reason.slice(0, 100), expires_at: at }, alarmAt: at + retentionMs };
}

/** After the first code was checked: its status decides whether the contacts appear or it ends. */
export function afterFirstFactor(status: string, state: string | undefined): 'load_contacts' | 'expire' | 'stay' {
  if (status === 'approved' && state === 'first_factor') return 'load_contacts';
  if (status !== 'pending' && status !== 'approved') return 'expire';
  return 'stay';
}

/** The quorum once the account's contacts are known: configured, never below 2 nor above them. */
export const quorumFor = (settings: RecoverySettings, contacts: number) =>
  effectiveQuorum(settings.quorum, Math.max(contacts, 2));

/**
 * Contacts chosen: each new, named by the recovery, together at least the quorum. The first choice
 * moves the recovery to collecting, with time for the codes on top of the progress time.
 */
export function choose(
  row: RecoveryRow,
  contacts: readonly RecoveryContactRow[],
  contactIds: unknown,
  settings: RecoverySettings,
  at: number,
): Result<{ picked: RecoveryContactRow[]; write: RecoveryWrite | null; first: boolean }, RecoveryFailure> {
  if (row.state !== 'choose_contacts' && row.state !== 'collecting') return fail('wrong_state');
  const ids = Array.isArray(contactIds) ? [...new Set(contactIds.map(String))] : [];
  const picked = contacts.filter((c) => ids.includes(c.contact_id) && !c.chosen);
  const alreadyChosen = contacts.filter((c) => c.chosen).length;
  if (picked.length !== ids.filter((id) => !contacts.find((c) => c.contact_id === id)?.chosen).length) {
    return fail('invalid');
  }
  if (alreadyChosen + picked.length < row.quorum || picked.length === 0) return fail('invalid');
  const first = row.state === 'choose_contacts';
  const expires = at + Math.max(settings.codeTtlMs, 60_000) + progressMs;
  return ok({ picked, first, write: first ? { state: 'collecting', expires_at: expires } : null });
}

export type CodeOutcome = 'approved' | 'wrong' | 'locked' | 'expired';

/**
 * A contact's code arrives. Tries count before the hash (at most `maxTries` per contact, PSD2 RTS
 * art. 4); the same contact's code twice counts once. `hash: true`: count the try, hash, then
 * `contactCodeEnds`.
 */
export function contactCodeBegins(
  row: RecoveryRow,
  contact: RecoveryContactRow | undefined,
  settings: RecoverySettings,
  at: number,
): Result<{ hash: true } | { hash: false; outcome: CodeOutcome }, RecoveryFailure> {
  if (row.state !== 'collecting') return fail('wrong_state');
  if (!contact?.chosen) return fail('invalid');
  // Asked in their own app: their approval there counts, no code exists.
  if (contact.via !== 'sms') return fail('asked_in_app');
  if (contact.approved_at !== null) return ok({ hash: false, outcome: 'approved' });
  if (contact.tries >= settings.maxTries || !contact.code_hash) return ok({ hash: false, outcome: 'locked' });
  if (at >= (contact.code_expires_at ?? 0)) return ok({ hash: false, outcome: 'expired' });
  return ok({ hash: true });
}

/**
 * The contact's code was hashed and compared (`matched`), on the rows read again after hashing:
 * `approve` records the approval (then the quorum is looked at), `lock` forgets the code.
 */
export function contactCodeEnds(
  state: string | undefined,
  after: RecoveryContactRow,
  matched: boolean,
  settings: RecoverySettings,
): Result<{ outcome: CodeOutcome; approve: boolean; lock: boolean }, 'wrong_state'> {
  if (state !== 'collecting') return fail('wrong_state');
  if (after.approved_at !== null) return ok({ outcome: 'approved', approve: false, lock: false });
  if (matched) return ok({ outcome: 'approved', approve: true, lock: false });
  if (after.tries >= settings.maxTries) return ok({ outcome: 'locked', approve: false, lock: true });
  return ok({ outcome: 'wrong', approve: false, lock: false });
}

/** Tries a contact's code has left. */
export const triesLeft = (contact: RecoveryContactRow, settings: RecoverySettings) =>
  Math.max(0, settings.maxTries - contact.tries);

/**
 * The quorum, when reached while collecting: the waiting period (or ready at once when it is 0),
 * every contact's code forgotten, and the alarm at the end of the wait (or of the ready time).
 */
export function quorum(
  row: RecoveryRow,
  contacts: readonly RecoveryContactRow[],
  settings: RecoverySettings,
  at: number,
): { write: RecoveryWrite; state: 'waiting' | 'ready'; readyAt: number; alarmAt: number } | null {
  const approvals = contacts.filter((c) => c.approved_at !== null).length;
  if (row.state !== 'collecting' || approvals < row.quorum) return null;
  const readyAt = at + settings.waitMs;
  const state = readyAt > at ? 'waiting' : 'ready';
  const alarmAt = state === 'waiting' ? readyAt : Math.max(readyAt + readyMs, at + 1000);
  return { write: { state, ready_at: readyAt, expires_at: readyAt + readyMs }, state, readyAt, alarmAt };
}

/** Whether an abort or an owner's cancel may still stop it: not once it has ended. */
export const stoppable = (row: RecoveryRow | undefined): row is RecoveryRow => !!row && !final.has(row.state);

/** Whether a ready recovery may still complete (not expired; `claimed` says whether it was claimed). */
export const completable = (row: RecoveryRow | undefined, at: number): row is RecoveryRow & { account_id: string } =>
  !!row?.account_id && row.state === 'ready' && at < row.expires_at;

export type AlarmStep =
  | { kind: 'ready'; write: RecoveryWrite; readyAt: number }
  | { kind: 'expire'; event: 'recovery_expired' | null }
  | { kind: 'delete' }
  | { kind: 'none' };

/** What the alarm does: the wait ends, the time runs out, or an ended recovery is deleted. */
export function alarmStep(row: RecoveryRow, at: number): AlarmStep {
  if (row.state === 'waiting' && row.ready_at !== null && at >= row.ready_at) {
    return { kind: 'ready', write: { state: 'ready', expires_at: at + readyMs }, readyAt: row.ready_at };
  }
  if ((preQuorum.has(row.state) || row.state === 'ready') && at >= row.expires_at) {
    // Nobody was asked yet before the first code: the owner hears of it without an audit event.
    return { kind: 'expire', event: row.state === 'first_factor' ? null : 'recovery_expired' };
  }
  if (final.has(row.state) && at >= row.expires_at + retentionMs) return { kind: 'delete' };
  return { kind: 'none' };
}

/** The alarm after this one, on the row as it is now: at least a second away. */
export function nextAlarm(row: RecoveryRow, at: number): number {
  const next =
    row.state === 'waiting'
      ? (row.ready_at as number)
      : final.has(row.state)
        ? row.expires_at + retentionMs
        : row.expires_at;
  return Math.max(next, at + 1000);
}

/** The recovery as its own device sees it: the contacts by name only, once the first code passed. */
export function recoveryView(
  row: RecoveryRow,
  contacts: readonly RecoveryContactRow[],
  settings: RecoverySettings,
): RecoveryView {
  return {
    id: row.recovery_id,
    state: row.state as RecoveryState,
    to: row.masked_to,
    quorum: row.quorum,
    contacts:
      row.state !== 'first_factor'
        ? contacts.map((c) => ({
            id: c.contact_id,
            name: c.name,
            chosen: c.chosen === 1,
            approved: c.approved_at !== null,
            via: c.via,
            tries_left: triesLeft(c, settings),
            expires_at: c.code_expires_at === null ? null : new Date(c.code_expires_at).toISOString(),
          }))
        : [],
    approvals: contacts.filter((c) => c.approved_at !== null).length,
    ready_at: row.ready_at === null ? null : new Date(row.ready_at).toISOString(),
    expires_at: new Date(row.expires_at).toISOString(),
  };
}

const hex64 = /^[0-9a-f]{64}$/;

/** An open's input checked as if it came from the internet. */
export function validOpen(i: {
  accountId: string | null;
  subject: string;
  tokenHash: string;
  verificationId: string;
  maskedTo: string;
}): boolean {
  return !(
    (i?.accountId !== null && !hex64.test(String(i?.accountId))) ||
    typeof i.subject !== 'string' ||
    !hex64.test(i.tokenHash) ||
    !hex64.test(i.verificationId) ||
    typeof i.maskedTo !== 'string'
  );
}
