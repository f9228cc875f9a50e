/**
 * The cast of the recovery tests, set up through the app as each would do it: people who register,
 * verify their phone with the code the dev outbox received, and a customer who names 3 trusted
 * contacts with their passkey.
 */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { newPerson, openTab, type Person, registerThroughUi } from './browser.ts';
import { nextCode, outboxFor } from './outbox.ts';
import { statusText } from './people.ts';

export interface Someone {
  handle: string;
  name: string;
  /** E.164, as the outbox stores it. */
  phone: string;
}

export const jo: Someone = { handle: 'jo.bloggs', name: 'Jo Bloggs', phone: '+447911123456' };
/** A contact who has Countersign: asked in the app, approves with their own passkey. */
export const sam: Someone = { handle: 'sam.helper', name: 'Sam Helper', phone: '+447911123457' };
/** Contacts without the app: asked by text message. */
export const pat = { name: 'Pat Kim', phone: '+447911123458' };
export const lee = { name: 'Lee Chan', phone: '+447911123459' };

/** `+447911123456` → `+44 •••• ••• 456`, as the app shows it. */
export const masked = (phone: string) => `+44 •••• ••• ${phone.slice(-3)}`;

/** A section of a screen, by its heading. */
export const section = (page: Page, name: string) => page.getByRole('region', { name });

/** A person registers with their mobile number and verifies it with the code sent to it. */
export async function registerWithPhone(browser: Browser, origin: string, who: Someone): Promise<Person> {
  const person = await newPerson(browser, origin);
  const { page } = person;
  const seen = await outboxFor(origin, who.phone);
  // The first steps after sign-up send a code to the number given, at once.
  await registerThroughUi(page, { handle: who.handle, name: who.name, phone: who.phone }, 'stay');
  const { code } = await nextCode(origin, who.phone, seen);
  await page.getByLabel('The code we sent you').fill(code);
  await page.getByRole('button', { name: 'Verify my phone' }).click();
  await statusText(page, `Your phone ${masked(who.phone)} is verified.`).waitFor();
  await page.getByRole('button', { name: 'Continue to the app' }).click();
  await page.getByRole('heading', { name: `Hello, ${who.name}` }).waitFor();
  // The phone, trusted contacts and sign-in settings are under Security: the person is left there.
  await openTab(page, 'Security');
  return person;
}

/** The customer names their trusted contacts (3 of them) and confirms with their passkey. */
export async function nameTrustedContacts(
  page: Page,
  origin: string,
  contacts: readonly { name: string; phone: string }[],
): Promise<void> {
  const card = section(page, 'Trusted contacts');
  for (const [i, contact] of contacts.entries()) {
    if (i >= 3) await card.getByRole('button', { name: 'Add another contact' }).click();
    await card.getByLabel(`Contact ${i + 1} name`, { exact: true }).fill(contact.name);
    await card.getByLabel(`Contact ${i + 1} mobile number`, { exact: true }).fill(contact.phone);
  }
  await card.getByRole('button', { name: 'Save with your passkey' }).click();
  await statusText(page, 'Your trusted contacts are saved.').waitFor();
  // Each contact was told who named them, and to check it is really them before sharing a code.
  for (const contact of contacts) {
    const [told] = await outboxFor(origin, contact.phone);
    expect(told?.text).toContain('named you as a trusted contact');
  }
}

/** On a new device: the welcome screen's way in, up to the screen that asks for the first code. */
export async function startRecovery(page: Page, identifier: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Lost your device? Recover your account' }).click();
  await page.getByRole('heading', { name: 'Recover your account' }).waitFor();
  await page.getByLabel('Your handle or phone number').fill(identifier);
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await page.getByRole('heading', { name: 'Check it is your phone' }).waitFor();
}

/**
 * Someone whose browser speaks French (`fr-FR`), with an authenticator of their own: nobody is
 * signed in on their device, so the app speaks the browser's language.
 */
export async function newFrenchPerson(browser: Browser, origin: string): Promise<Page> {
  const { page } = await newPerson(browser, origin, { locale: 'fr-FR' });
  await page.setViewportSize({ width: 390, height: 844 });
  return page;
}

/** The account holder chooses French in Security: the bank's messages to them and their contacts follow. */
export async function chooseFrench(page: Page): Promise<void> {
  await page.getByLabel('Language / Langue').selectOption('fr');
  await page.getByText('Langue enregistrée.').waitFor();
}
