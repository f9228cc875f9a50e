/**
 * The customer's trusted contacts through the API: read them, and change them with a fresh passkey
 * (the first set-up of 3 to 5, then one added or removed at a time, at most one change a day).
 */
import type { ClientResponse } from 'hono/client';
import type { TrustedContactInput } from '../../shared/recovery.ts';
import { ApiError, client, unwrap } from '../api.ts';
import { t } from '../i18n/en/banking.ts';
import { when } from '../ui/time.ts';
import { contactsAssertion } from './fresh-passkey.ts';

export const loadTrustedContacts = () => unwrap(client.api.me['trusted-contacts'].$get());
export type TrustedContactsAnswer = Awaited<ReturnType<typeof loadTrustedContacts>>;

/** A change refused because the last one was too recent; its message says when the next one can be made. */
export class ChangeTooSoon extends ApiError {
  constructor(
    refused: ApiError,
    readonly retryAt: number,
  ) {
    super(refused.code, `${refused.message} You can make the next change after ${when(retryAt)}.`, {}, refused.status);
  }
}

/** A change's answer; a 429 `contact_change_too_soon` becomes a ChangeTooSoon (its Retry-After, in seconds). */
async function change<R extends ClientResponse<unknown>>(call: Promise<R>) {
  const seen = { retryAfter: null as string | null };
  try {
    return await unwrap(
      call.then((response) => {
        seen.retryAfter = response.headers.get('Retry-After');
        return response;
      }),
    );
  } catch (e) {
    if (!(e instanceof ApiError) || e.code !== 'contact_change_too_soon') throw e;
    const seconds = Number(seen.retryAfter);
    throw new ChangeTooSoon(e, Date.now() + (Number.isFinite(seconds) && seconds > 0 ? seconds : 86_400) * 1000);
  }
}

/** For `.catch`: hands a ChangeTooSoon to `onTooSoon` (the change answers undefined), throws anything else. */
export const refusedAsTooSoon =
  (onTooSoon: (refused: ChangeTooSoon) => void) =>
  (e: unknown): undefined => {
    if (!(e instanceof ChangeTooSoon)) throw e;
    onTooSoon(e);
    return undefined;
  };

/** The first set-up: 3 to 5 contacts at once, confirmed with the passkey. */
export async function setUpContacts(contacts: TrustedContactInput[]) {
  const proof = await contactsAssertion();
  return change(client.api.me['trusted-contacts'].setup.$post({ json: { contacts, ...proof } }));
}

/** Adds one contact (up to 5), confirmed with the passkey. */
export async function addContact(contact: TrustedContactInput) {
  const proof = await contactsAssertion();
  return change(client.api.me['trusted-contacts'].$post({ json: { contact, ...proof } }));
}

/** Removes one contact (never below 3), confirmed with the passkey. */
export async function removeContact(id: string) {
  const proof = await contactsAssertion();
  return change(client.api.me['trusted-contacts'][':id'].remove.$post({ param: { id }, json: proof }));
}

/** Empty names and numbers, before the passkey is asked for: `{ "contacts.1.phone": "…" }` as the API keys them. */
export function missingFields(contacts: TrustedContactInput[], prefix: (index: number) => string) {
  const fields: Record<string, string> = {};
  contacts.forEach((contact, i) => {
    if (!contact.name.trim()) fields[`${prefix(i)}name`] = t('enterTheirName');
    if (!contact.phone.trim()) fields[`${prefix(i)}phone`] = t('enterTheirMobile');
  });
  return fields;
}
