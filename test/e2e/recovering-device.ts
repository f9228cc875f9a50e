/**
 * For the signed-in side of someone's recovery: the owner names their trusted contacts in Security,
 * and a new device recovers the account through the API, as the PWA's recovery screens do.
 */
import { expect } from 'vitest';
import type { Person } from './browser.ts';
import { nextCode, type OutboxMessage, outboxFor } from './outbox.ts';
import { statusText } from './people.ts';
import { section } from './recovery-people.ts';

/** The owner names their first trusted contacts (English labels) and saves them with the passkey. */
export async function nameContacts(person: Person, named: { name: string; phone: string }[]) {
  const trusted = section(person.page, 'Trusted contacts');
  for (const [i, contact] of named.entries()) {
    await trusted.getByLabel(`Contact ${i + 1} name`, { exact: true }).fill(contact.name);
    await trusted.getByLabel(`Contact ${i + 1} mobile number`, { exact: true }).fill(contact.phone);
  }
  await trusted.getByRole('button', { name: 'Save with your passkey' }).click();
  await statusText(person.page, 'Your trusted contacts are saved.').waitFor();
}

interface RecoveryView {
  id: string;
  state: string;
  contacts: { id: string; name: string }[];
}

/** A new device recovering an account through the API, as the PWA's recovery screens do (its own cookie). */
export function recoveringDevice(origin: string) {
  let cookie = '';
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await fetch(`${origin}/api/recovery${path}`, {
      method,
      headers: { origin, cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = response.headers.getSetCookie().find((c) => c.startsWith('__Host-recovery='));
    if (set) cookie = set.split(';')[0] as string;
    const answer = (await response.json()) as { recovery: RecoveryView };
    expect(response.ok, JSON.stringify(answer)).toBe(true);
    return answer.recovery;
  };
  return {
    /** Starts, passes the first code (sent to the account's phone), and asks the contacts named. */
    async askContacts(identifier: string, accountPhone: string, names: string[]): Promise<RecoveryView> {
      const seen: OutboxMessage[] = await outboxFor(origin, accountPhone);
      await call('POST', '', { identifier });
      const { code } = await nextCode(origin, accountPhone, seen);
      const recovery = await call('POST', '/first-factor', { code });
      const chosen = names.map((name) => recovery.contacts.find((c) => c.name === name)?.id);
      return call('POST', '/contacts', { contacts: chosen });
    },
    contactCode: (contact: string, code: string) => call('POST', '/contact-code', { contact, code }),
    /** Asks these contacts (after the first code), then passes each one's code from their SMS. */
    async codesFrom(identifier: string, accountPhone: string, contacts: { name: string; phone: string }[]) {
      const seen = await Promise.all(contacts.map((c) => outboxFor(origin, c.phone)));
      const recovery = await this.askContacts(
        identifier,
        accountPhone,
        contacts.map((c) => c.name),
      );
      for (const [i, contact] of contacts.entries()) {
        const id = recovery.contacts.find((c) => c.name === contact.name)?.id as string;
        await this.contactCode(id, (await nextCode(origin, contact.phone, seen[i] as OutboxMessage[])).code);
      }
    },
    state: async () => (await call('GET', '')).state,
  };
}
