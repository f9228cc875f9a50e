/**
 * The agent console's look-up (issue 11), in the browser: the bank's systems set a customer
 * reference with an API key the admin issued (scope "Customer references"); the agent finds the
 * customer by verified phone and by reference, is told plainly when nobody matches, and at desktop
 * widths sees the call beside the customer's details (one column on a phone).
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations } from './browser.ts';
import { appPerTest } from './fixture.ts';
import { nextCode, outboxFor } from './outbox.ts';
import {
  customerHandle,
  customerName,
  findCustomer,
  postAsPage,
  setUpAgent,
  setUpCustomer,
  snap,
  statusText,
} from './people.ts';

const start = appPerTest();
const slowTest = 150_000;
const phone = '+447911123789';

/** Where the console's two columns are: side by side, or one above the other. */
async function columns(page: Page) {
  const main = await page.locator('.console-main').boundingBox();
  const side = await page.getByRole('complementary', { name: 'The customer' }).boundingBox();
  if (!main || !side) throw new Error('the console has no columns');
  return { beside: side.x >= main.x + main.width - 1, below: side.y >= main.y + main.height - 1 };
}

it(
  'finds a customer by verified phone and by the bank’s reference, says plainly when none matches, and puts the call beside the details',
  async () => {
    const { origin, browser } = await start();
    const { admin, agent } = await setUpAgent(browser, origin);
    const customer = await setUpCustomer(browser, origin);

    // The customer verifies their phone (from their signed-in app).
    const seen = await outboxFor(origin, phone);
    const enrol = await postAsPage(customer.page, '/api/v1/verifications', {
      to: phone,
      channel: 'sms',
      purpose: 'enrol_phone',
    });
    expect(enrol.status).toBe(201);
    const { code } = await nextCode(origin, phone, seen);
    const checked = await postAsPage(
      customer.page,
      `/api/v1/verifications/${(enrol.body as { id: string }).id}/check`,
      {
        code,
      },
    );
    expect(checked.body).toMatchObject({ status: 'approved' });

    // The admin issues a key for the bank's customer file; that system sets the reference.
    const adminPage = admin.page;
    const issue = adminPage.getByRole('region', { name: 'Issue an API key' });
    await issue.getByLabel('Name of the system').fill('Customer file');
    await issue.getByLabel('Verifications').uncheck();
    await issue.getByLabel('Customer references').check();
    await issue.getByRole('button', { name: 'Issue API key' }).click();
    const shown = adminPage.locator('dd', { hasText: /^csk_[0-9a-f]{16}_/ });
    const key = ((await shown.textContent()) ?? '').trim();
    expect(await axeViolations(adminPage)).toEqual([]);
    const set = await fetch(`${origin}/api/v1/customers/${customerHandle}/reference`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reference: 'CIF-20417' }),
    });
    expect(set.status, await set.clone().text()).toBe(200);

    const page = agent.page;
    await page.getByRole('heading', { name: 'Find a customer' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'agent-console-1280');

    // Nobody has this number: said plainly, and nothing to verify.
    await findCustomer(page, 'Verified phone', '+44 7911 000000');
    await statusText(page, 'No customer has verified the phone number +44 7911 000000.').waitFor();
    expect(await page.getByRole('button', { name: 'Ask the customer to confirm' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'agent-lookup-not-found');

    // Found by verified phone: the details card.
    await findCustomer(page, 'Verified phone', '+44 7911 123789');
    const card = page.getByRole('region', { name: customerName });
    await card.waitFor();
    await card.getByText('+44 •••• ••• 789').waitFor();
    await card.getByText('CIF-20417').waitFor();
    await card.getByText('Has the app (a passkey)').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'agent-lookup-found');

    // Found by reference (in other letters), then not found by a reference nobody has.
    await findCustomer(page, 'Reference', 'cif-20417');
    await card.getByText(customerHandle, { exact: true }).waitFor();
    await findCustomer(page, 'Reference', 'CIF-99999');
    await statusText(page, 'No customer has the reference CIF-99999.').waitFor();
    expect(await card.count()).toBe(0);
    await findCustomer(page, 'Reference', 'CIF-20417');
    await card.waitFor();

    // The call, beside the customer's details at 1280 px; one column at 390 px.
    await card.getByRole('button', { name: 'Ask the customer to confirm' }).click();
    await statusText(page, 'Waiting for the customer…').waitFor();
    await page.getByRole('complementary', { name: 'The customer' }).getByText('CIF-20417').waitFor();
    expect(await columns(page)).toEqual({ beside: true, below: false });
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'agent-call-beside-details-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await columns(page)).toEqual({ beside: false, below: true });
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'agent-call-390');
    await page.getByRole('button', { name: 'Cancel this verification' }).click();
    await page.getByRole('button', { name: 'Back to the console' }).click();
    await page.getByRole('heading', { name: 'Find a customer' }).waitFor();
    await snap(page, 'agent-console-390');

    // Each look-up is in the agent's own security events.
    await page.getByText('You looked up a customer').first().waitFor();

    // Signing out forgets the customer this tab was working on: the next person sees none of it.
    expect(await page.evaluate(() => sessionStorage.length)).toBeGreaterThan(0);
    await page.getByRole('button', { name: /Sign out/ }).click();
    await page.getByRole('heading', { name: 'Welcome to Countersign' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  },
  slowTest,
);
