/**
 * The SMS part of announcing a change to how an account is protected (DESIGN.md: announced on every
 * device and by SMS). worker/notify/announce.ts (`announceProtectionChange`) calls this for the SMS;
 * like every message it goes through the messenger.
 */
import { maskOf } from '../core/otp-destinations.ts';
import type { Env } from '../env.ts';
import { type Sent, sendMessage } from './messenger.ts';
import type { ProtectionChange } from './templates.ts';

export interface Announcement {
  accountId: string;
  change: ProtectionChange;
  /** The trusted contact added or removed, when that is the change (a name that passes the rule, or left out). */
  contact?: string;
}

/** Texts the account's verified phone about the change; null when it has none. */
export async function sendAnnouncement(env: Env, announcement: Announcement): Promise<Sent | null> {
  const account = env.ACCOUNT.get(env.ACCOUNT.idFromString(announcement.accountId));
  const phone = (await account.contacts()).phone;
  if (!phone) return null;
  return sendMessage(env, {
    channel: 'sms',
    to: phone,
    masked: maskOf(phone),
    message: { kind: 'announcement', change: announcement.change, contact: announcement.contact },
    accountId: announcement.accountId,
    budget: [`notices:${announcement.accountId}`],
    // Announcements are the account's own: a client's cap must not keep a change from being told.
    client: { ip: null, apiKey: null },
  });
}
