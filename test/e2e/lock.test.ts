/**
 * "This wasn't me" → lock, in Chromium: an urgent card (a sign-in from a new country) offers to
 * lock the account or call the bank; locking shows Home's locked state (English and French, axe
 * clean); the agent sees the lock on the call, verifies the customer and unlocks the account.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations } from './browser.ts';
import { appAndBrowserPerTest } from './fixture.ts';
import { agentName, codeOnScreen, setUpAgent, setUpCustomer, snap, startCall, statusText } from './people.ts';

const t = appAndBrowserPerTest();

/** Screenshots at a phone's and a desktop's size (when E2E_SCREENSHOTS names a folder). */
async function snapBoth(page: Page, name: string) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await snap(page, `${name}-1280`);
  if (size) await page.setViewportSize(size);
}

const setLanguage = (page: Page, language: 'en' | 'fr') =>
  page.evaluate(async (language) => {
    const r = await fetch('/api/me/language', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ language }),
    });
    if (!r.ok) throw new Error(`language: ${r.status}`);
  }, language);

it('locks the account from an urgent card, and the agent unlocks it on a verified call', async () => {
  const { agent } = await setUpAgent(t.browser, t.app.origin);
  const customer = await setUpCustomer(t.browser, t.app.origin);
  const page = customer.page;

  // A sign-in from a country this account never signed in from: an urgent card on Home.
  await page.setExtraHTTPHeaders({
    'X-Countersign-Dev-Place': 'country=FR; city=Paris; lat=48.86; lon=2.35; asn=3215',
  });
  await page.getByRole('button', { name: /Sign out/ }).click();
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await page.getByRole('heading', { name: 'Hello, Jo Bloggs' }).waitFor();
  const urgent = page.getByRole('region', { name: /Was this you\?/ });
  await urgent.getByText(/from a country you had not signed in from before \(FR\)/).waitFor();

  // "This wasn't me": lock (said plainly what it does) or call the bank.
  await urgent.getByRole('button', { name: "This wasn't me" }).click();
  await urgent.getByRole('heading', { name: 'Protect your account now' }).waitFor();
  await urgent.getByText('Locking signs out every other device at once').waitFor();
  await urgent.getByRole('link', { name: /^Call Countersign on / }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await snapBoth(page, 'lock-choice');
  await urgent.getByRole('button', { name: 'Lock my account' }).click();

  // Home now opens with the locked state, the bank's number and what to do.
  const locked = page.getByRole('region', { name: 'Your account is locked' });
  await locked.waitFor();
  await locked.getByText(/^What to do now: call Countersign on /).waitFor();
  await locked.getByRole('link', { name: /^Call Countersign on / }).waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('locked-heading');
  expect(await urgent.count()).toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  await snapBoth(page, 'locked-home');
  await page.reload();
  await locked.waitFor();

  // The same in French.
  await setLanguage(page, 'fr');
  await page.reload();
  const verrouille = page.getByRole('region', { name: 'Votre compte est verrouillé' });
  await verrouille.getByText(/^Que faire maintenant : appelez Countersign au /).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await snapBoth(page, 'locked-home-fr');
  await setLanguage(page, 'en');
  await page.reload();
  await locked.waitFor();

  // The agent calls: the console shows the lock, and no unlock before the call is verified.
  await startCall(agent.page);
  const lockCard = agent.page.getByRole('region', { name: 'The customer’s account is locked' });
  await lockCard.getByText(/^Verify the caller first\./).waitFor();
  expect(await lockCard.getByRole('button', { name: 'Unlock account' }).count()).toBe(0);

  // The customer verifies the call (it is not an effect: the lock allows it).
  await page.getByRole('button', { name: 'Yes, I am on a call' }).click();
  const customerCode = await codeOnScreen(page);
  await agent.page.getByLabel('The code the customer reads to you').fill(customerCode);
  await agent.page.getByRole('button', { name: 'Check the customer’s code' }).click();
  const agentCode = await codeOnScreen(agent.page);
  await page.getByLabel(`The code ${agentName} reads to you`).waitFor();
  await page.keyboard.insertText(agentCode.replace(' ', ''));
  await statusText(agent.page, /^Verified: you are speaking with/).waitFor();

  // Verified: the agent unlocks.
  const unlock = lockCard.getByRole('button', { name: 'Unlock account' });
  await unlock.waitFor();
  expect(await axeViolations(agent.page)).toEqual([]);
  await snapBoth(agent.page, 'agent-unlock');
  await unlock.click();
  await statusText(agent.page, 'The account is unlocked. The customer can use it again.').waitFor();
  expect(await axeViolations(agent.page)).toEqual([]);

  // Home is itself again: the urgent card, no lock.
  await page.goto('/');
  await urgent.getByText(/\(FR\)/).waitFor();
  expect(await locked.count()).toBe(0);
  // The choice in French, axe clean too; "Retour" leaves the card as it was.
  await setLanguage(page, 'fr');
  await page.reload();
  const carte = page.getByRole('region', { name: /Était-ce vous/ });
  await carte.getByRole('button', { name: 'Ce n’était pas moi' }).click();
  await carte.getByRole('heading', { name: 'Protégez votre compte maintenant' }).waitFor();
  await carte.getByRole('button', { name: 'Verrouiller mon compte' }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await snapBoth(page, 'lock-choice-fr');
  await carte.getByRole('button', { name: 'Retour' }).click();
  await carte.getByRole('button', { name: 'Ce n’était pas moi' }).waitFor();
  const events = await page.evaluate(async () => (await (await fetch('/api/me/audit')).json()).events);
  expect(events.map((e: { type: string }) => e.type)).toEqual(
    expect.arrayContaining(['account_locked', 'account_unlocked']),
  );
});
