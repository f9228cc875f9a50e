/**
 * The customer's side of a call verification, counted (issue 11): one tap ("Yes, I am on a call",
 * which asks for the fingerprint), one fingerprint (the virtual authenticator), one code typed into
 * a field that is already focused and checks itself at the sixth digit.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations } from './browser.ts';
import { appAndBrowserPerTest } from './fixture.ts';
import {
  agentName,
  agentTeam,
  codeOnScreen,
  setUpAgent,
  setUpCustomer,
  snap,
  startCall,
  statusText,
} from './people.ts';

const t = appAndBrowserPerTest();

/** Counts, in the page, what the person does: clicks (taps) and changes to a field (entries). */
async function countInteractions(page: Page) {
  await page.evaluate(() => {
    const counts = { clicks: 0, entries: 0 };
    (globalThis as unknown as { interactions: typeof counts }).interactions = counts;
    document.addEventListener('click', (e) => e.isTrusted && counts.clicks++, true);
    document.addEventListener('input', (e) => e.isTrusted && counts.entries++, true);
  });
  return () => page.evaluate(() => (globalThis as unknown as { interactions: object }).interactions);
}

it('verifies a call with one tap, one fingerprint and one code typed by the customer', async () => {
  const { agent } = await setUpAgent(t.browser, t.app.origin);
  const customer = await setUpCustomer(t.browser, t.app.origin);
  const counted = await countInteractions(customer.page);
  await startCall(agent.page);

  // The app opens the call by itself; the one tap starts the passkey prompt.
  await customer.page.getByRole('heading', { name: 'Are you on a call with us right now?' }).waitFor();
  await customer.page.getByRole('button', { name: 'Yes, I am on a call' }).click();
  const customerCode = await codeOnScreen(customer.page);

  // The customer reads it aloud; the agent types it and reads theirs.
  await agent.page.getByLabel('The code the customer reads to you').fill(customerCode);
  await agent.page.getByRole('button', { name: 'Check the customer’s code' }).click();
  const agentCode = await codeOnScreen(agent.page);

  // The field is focused when it appears: the customer just types the six digits.
  const field = customer.page.getByLabel(`The code ${agentName} reads to you`);
  await field.waitFor();
  expect(await field.getAttribute('autocomplete')).toBe('one-time-code');
  expect(await field.getAttribute('inputmode')).toBe('numeric');
  await expect.poll(() => customer.page.evaluate(() => document.activeElement?.id)).toBe('agent-code');
  expect(await axeViolations(customer.page)).toEqual([]);
  await customer.page.keyboard.insertText(agentCode.replace(' ', ''));

  await customer.page.getByRole('heading', { name: 'This is really Countersign' }).waitFor();
  await statusText(customer.page, `Verified: you are speaking with ${agentName}, ${agentTeam}.`).waitFor();
  await statusText(agent.page, /^Verified: you are speaking with/).waitFor();
  expect(await counted()).toEqual({ clicks: 1, entries: 1 });

  // The success screen: who it is, and what the bank never asks on a call.
  const never = customer.page.getByRole('region', { name: 'Countersign will never ask you on a call to' });
  for (const item of [
    'move money to a “safe account”',
    'share your PIN, or a code from a text message',
    'install an app',
  ])
    await never.getByRole('listitem').filter({ hasText: item }).waitFor();
  await customer.page.getByText(agentTeam, { exact: true }).waitFor();
  expect(await axeViolations(customer.page)).toEqual([]);
  await snap(customer.page, 'customer-verified-screen');
});

it('records a denied call: the customer is reassured, the agent told not to act, an incident listed', async () => {
  const { agent } = await setUpAgent(t.browser, t.app.origin);
  const customer = await setUpCustomer(t.browser, t.app.origin);
  await agent.page.getByText('No incidents.').waitFor();
  await startCall(agent.page);

  await customer.page.getByRole('button', { name: 'No, I am not on a call' }).click();
  await customer.page.getByRole('heading', { name: 'Thank you for telling us' }).waitFor();
  await statusText(
    customer.page,
    'Nothing was done. Countersign has been told. If someone calls you claiming to be from Countersign, hang up and call +44 20 7946 0000.',
  ).waitFor();
  const callBank = customer.page.getByRole('link', { name: 'Call Countersign on +44 20 7946 0000' });
  expect(await callBank.getAttribute('href')).toBe('tel:+442079460000');
  // There was no caller to report on.
  expect(await customer.page.getByRole('heading', { name: 'Report this call' }).count()).toBe(0);
  expect(await customer.page.getByText(/what the caller said/).count()).toBe(0);
  expect(await axeViolations(customer.page)).toEqual([]);
  await snap(customer.page, 'customer-denied');

  await statusText(
    agent.page,
    'The customer says they are not on a call with you. Do not act on this account.',
  ).waitFor();
  expect(await axeViolations(agent.page)).toEqual([]);
  await snap(agent.page, 'agent-denied');
  await agent.page.getByRole('button', { name: 'Back to the console' }).click();
  await agent.page
    .getByRole('cell', { name: 'The customer said they were not on a call: do not act on this account' })
    .waitFor();
  expect(await axeViolations(agent.page)).toEqual([]);
});
