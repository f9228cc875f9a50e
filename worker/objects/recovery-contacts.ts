/**
 * The Recovery object's contacts: loaded from the account once the first factor passed, and each
 * chosen one asked (in their own app, or a code by SMS bound to this recovery and to them).
 */
import { now } from '../core/clock.ts';
import { codeHash, newCode } from '../core/codes.ts';
import type { RecoverySettings } from '../core/config.ts';
import type { EventCause } from '../core/event-cause.ts';
import { log } from '../core/log.ts';
import { quorumFor, type RecoveryContactRow, type RecoveryRow } from '../core/recovery-machine.ts';
import type { Env } from '../env.ts';
import type { Message } from '../messenger/templates.ts';
import { textContact } from './recovery-notices.ts';
import type { RecoveryStore } from './recovery-store.ts';
import { accountOf } from './stubs.ts';

/** After the first factor: the account's contacts (each with the account holding their phone, if any). */
export async function loadContacts(
  env: Env,
  store: RecoveryStore,
  settings: RecoverySettings,
  cause: EventCause,
): Promise<void> {
  const row = store.row() as RecoveryRow;
  const profile = row.account_id ? await accountOf(env, row.account_id).recoveryProfile(cause) : null;
  const contacts = profile?.contacts ?? [];
  for (const c of contacts) {
    const holder = await env.CONTACT_INDEX.get(env.CONTACT_INDEX.idFromName(`phone:${c.phone}`)).holder();
    store.addContact(c, holder && holder !== row.account_id ? holder : null);
  }
  store.contactsLoaded(profile?.displayName ?? null, quorumFor(settings, contacts.length));
}

/** Asks one chosen contact: in their app when they have one, else a code by SMS. */
export async function askContact(
  env: Env,
  store: RecoveryStore,
  ask: { row: RecoveryRow; contact: RecoveryContactRow; key: CryptoKey; settings: RecoverySettings },
  clientIp: string | null,
  cause: EventCause,
): Promise<boolean> {
  const { row, contact, settings } = ask;
  const holder = store.row()?.holder_name ?? row.subject;
  const expiresAt = now() + settings.codeTtlMs;
  if (contact.contact_account_id) {
    store.askedInApp(contact.contact_id, expiresAt);
    const account = accountOf(env, contact.contact_account_id);
    await account.addRecoveryRequest(
      {
        recoveryId: row.recovery_id,
        contactId: contact.contact_id,
        requesterName: holder,
        expiresAt,
      },
      cause,
    );
    await account.pushToDevices(
      {
        type: 'security',
        title: `${holder} asks you to confirm it is them`,
        body: 'Open Countersign: check it is really them before you approve.',
      },
      cause,
      { ttlSeconds: Math.round(settings.codeTtlMs / 1000), urgency: 'high' },
    );
    return true;
  }
  const code = newCode();
  const hash = await codeHash(ask.key, row.recovery_id, `contact:${contact.contact_id}`, code);
  const abortToken = await store.abortLink(contact.contact_id);
  store.askedBySms(contact.contact_id, hash, expiresAt);
  const message: Message = { kind: 'contact_code', holder, code, recoveryId: row.recovery_id, abortToken };
  const sent = await textContact(env, store, contact.phone, message, cause, clientIp);
  if (!sent) log('error', 'contact_code_not_sent', { recovery: row.recovery_id });
  return sent;
}
