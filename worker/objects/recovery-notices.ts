/**
 * Who the Recovery object tells, and how: every contact told of the quorum, the owner's account
 * (and contacts' apps) told of each step, the incident log told of an abort.
 * Every SMS goes through the messenger (guard, caps per contact, per account and, when a client
 * asked for it, per client IP; audit on the owner's log).
 */

import type { EventCause } from '../core/event-cause.ts';
import { fanOut } from '../core/fan-out.ts';
import { errorText, log } from '../core/log.ts';
import { maskOf } from '../core/otp-destinations.ts';
import { final, type RecoveryContactRow, type RecoveryRow } from '../core/recovery-machine.ts';
import type { Env } from '../env.ts';
import { sendMessage } from '../messenger/messenger.ts';
import type { Message } from '../messenger/templates.ts';
import type { RecoveryEvent } from './account.ts';
import type { RecoveryStore } from './recovery-store.ts';
import { accountOf } from './stubs.ts';

/** An SMS to a contact. */
export async function textContact(
  env: Env,
  store: RecoveryStore,
  phone: string,
  message: Message,
  cause: EventCause,
  clientIp: string | null = null,
): Promise<boolean> {
  const row = store.row() as RecoveryRow;
  const sent = await sendMessage(env, {
    channel: 'sms',
    to: phone,
    masked: maskOf(phone),
    message,
    accountId: row.account_id,
    budget: [`notices:${row.account_id ?? row.subject}`],
    client: { ip: clientIp, apiKey: null },
    detail: { recovery: row.recovery_id },
    cause,
  });
  return sent.ok;
}

/** A contact said they were not asked: the incident log keeps it for the staff to look at. */
export async function recordAbort(env: Env, row: RecoveryRow, contact: RecoveryContactRow): Promise<void> {
  await env.INCIDENTS.get(env.INCIDENTS.idFromName('incidents')).record({
    kind: 'recovery_aborted',
    callId: row.recovery_id,
    agent: { displayName: contact.name, team: 'Trusted contact' },
    customerHandle: row.subject,
    failedOn: null,
    note: `${contact.name} said they were not asked for a code by the account holder.`,
  });
}

/**
 * The quorum is reached: every contact is told, each with their own link to stop it, at once, not
 * one provider after another; one that fails does not stop the others. Resolves with the
 * number not told.
 */
export async function tellContactsOfQuorum(
  env: Env,
  store: RecoveryStore,
  row: RecoveryRow,
  readyAt: number,
  cause: EventCause,
): Promise<number> {
  const holder = row.holder_name ?? row.subject;
  const untold = await fanOut(store.contacts(), async (c) => {
    const abortToken = await store.abortLink(c.contact_id);
    const message: Message = { kind: 'recovery_quorum', holder, readyAt, recoveryId: row.recovery_id, abortToken };
    return textContact(env, store, c.phone, message, cause);
  });
  return untold.length;
}

/** The owner's account hears of the step; at an end, each contact's app closes its request. */
export async function tellAccounts(
  env: Env,
  store: RecoveryStore,
  state: string,
  readyAt: number | null,
  event: RecoveryEvent | null,
  cause: EventCause,
): Promise<void> {
  const row = store.row();
  if (!row?.account_id) return;
  try {
    await accountOf(env, row.account_id).recoveryUpdate(row.recovery_id, state, readyAt, event, cause);
    if (final.has(state)) {
      for (const c of store.contacts().filter((x) => x.contact_account_id && x.chosen)) {
        await accountOf(env, c.contact_account_id as string).answerRecoveryRequest(row.recovery_id, 'ended', cause);
      }
    }
  } catch (error) {
    log('error', 'account_not_told', { recovery: row.recovery_id, state, error: errorText(error) });
  }
}
