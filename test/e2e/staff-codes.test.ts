/**
 * Out-of-band codes on the staff side, in the browser: an admin's API keys (shown once, revoked),
 * the agent's one-time code to a customer's registered phone, and the dev outbox page.
 */
import { expect, it } from 'vitest';
import { axeViolations, newPerson } from './browser.ts';
import { appPerTest } from './fixture.ts';
import { outboxFor } from './outbox.ts';
import {
  customerName,
  findCustomer,
  postAsPage,
  setUpAdmin,
  setUpAgent,
  setUpCustomer,
  snap,
  statusText,
  wrongCode,
} from './people.ts';

const start = appPerTest();
// Each test starts its own server and browser inside the test, on a machine that may be busy.
const slowTest = 150_000;
const customerPhone = '+447911123456';

/** The six digits of the newest code sent to `to`. */
async function newestCode(origin: string, to: string): Promise<string> {
  const [message] = await outboxFor(origin, to);
  const code = /Code (\d{6})/.exec(message?.text ?? '')?.[1];
  if (!code) throw new Error(`no code sent to ${to}: ${JSON.stringify(message)}`);
  return code;
}

/** A bank system starting a verification with an API key: no cookie, no Origin. */
const startWithKey = (origin: string, key: string) =>
  fetch(`${origin}/api/v1/verifications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    signal: AbortSignal.timeout(10_000),
    body: JSON.stringify({ account: 'jo.bloggs', channel: 'sms', purpose: 'sign_in' }),
  });

it(
  'lets an admin issue an API key, shown only once, and revoke it; the revoked key is refused',
  async () => {
    const { origin, browser } = await start();
    const admin = await setUpAdmin(browser, origin);
    await admin.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const page = admin.page;
    await page.getByRole('heading', { name: 'Issue an API key' }).waitFor();
    await page.getByText('None yet.').last().waitFor();

    // No scope chosen: the form says what is missing.
    await page.getByLabel('Name of the system').fill('Payments back office');
    await page.getByRole('checkbox', { name: /^Verifications — Send/ }).uncheck();
    await page.getByRole('button', { name: 'Issue API key' }).click();
    await page.getByText('Choose at least one scope.').waitFor();

    await page.getByRole('checkbox', { name: /^Verifications — Send/ }).check();
    await page.getByRole('button', { name: 'Issue API key' }).click();
    await statusText(page, 'Copy it now: it will not be shown again.').waitFor();
    const shown = page.locator('dd', { hasText: /^csk_[0-9a-f]{16}_/ });
    const key = ((await shown.textContent()) ?? '').trim();
    expect(key).toMatch(/^csk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    await page.getByRole('button', { name: 'Copy the API key' }).click();
    await statusText(page, 'Copied to the clipboard.').waitFor();
    // Reading the clipboard back (the page must have the focus; a hung read fails after 5 s).
    await page.bringToFront();
    const copied = await page.evaluate(() =>
      Promise.race([navigator.clipboard.readText(), new Promise((r) => setTimeout(() => r('(read timed out)'), 5000))]),
    );
    expect(copied).toBe(key);
    const listed = page.getByRole('listitem').filter({ hasText: 'Payments back office' });
    await listed
      .filter({ hasText: /Verifications · issued .* by ada\.admin/ })
      .filter({ hasText: 'Live' })
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'admin-api-key-issued');

    // The key works for a bank system (no cookie, no Origin)…
    const accepted = await startWithKey(origin, key);
    expect(accepted.status, await accepted.clone().text()).toBe(201);

    // …and is never shown again.
    await page.reload();
    await listed.waitFor();
    expect(await page.getByText(key).count()).toBe(0);

    // Revoking asks first; "Keep it" changes nothing.
    await page.getByRole('button', { name: 'Revoke Payments back office' }).click();
    await page.getByRole('button', { name: 'Keep it' }).click();
    await page.getByRole('button', { name: 'Revoke Payments back office' }).click();
    await page.getByText('Revoke Payments back office? Its system is refused from then on.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Yes, revoke Payments back office' }).click();
    await statusText(page, 'Payments back office is revoked.').waitFor();
    await listed.filter({ hasText: /Revoked / }).waitFor();
    expect(await page.getByRole('button', { name: 'Revoke Payments back office' }).count()).toBe(0);
    await snap(page, 'admin-api-key-revoked');

    const refused = await startWithKey(origin, key);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('api_key_invalid');
  },
  slowTest,
);

it(
  'verifies a customer by a one-time code to their registered phone, read back to the agent',
  async () => {
    const { origin, browser } = await start();
    const { agent } = await setUpAgent(browser, origin);
    const customer = await setUpCustomer(browser, origin);

    // The customer verifies their phone (through the API, from their signed-in app).
    const enrol = await postAsPage(customer.page, '/api/v1/verifications', {
      to: customerPhone,
      channel: 'sms',
      purpose: 'enrol_phone',
    });
    expect(enrol.status).toBe(201);
    const enrolId = (enrol.body as { id: string }).id;
    const enrolled = await postAsPage(customer.page, `/api/v1/verifications/${enrolId}/check`, {
      code: await newestCode(origin, customerPhone),
    });
    expect(enrolled.body).toMatchObject({ status: 'approved' });

    // A handle nobody has: said plainly, and no code is offered (staff never see a decoy).
    const page = agent.page;
    await findCustomer(page, 'Handle', 'nobody.here');
    await statusText(page, 'No customer has the handle nobody.here.').waitFor();
    expect(await page.getByRole('button', { name: 'Send a one-time code to their verified phone' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // The customer, found by their verified phone: the code goes there.
    await findCustomer(page, 'Verified phone', '+44 7911 123456');
    await page.getByRole('heading', { name: customerName, exact: true }).waitFor();
    await page.getByRole('button', { name: 'Send a one-time code to their verified phone' }).click();
    await page.getByRole('heading', { name: 'One-time code by phone' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'agent-fallback-start');

    // Five wrong codes end it.
    await page.getByRole('button', { name: 'Send the code' }).click();
    await statusText(page, /^We sent a code to \+44 •••• ••• 456 by text message/).waitFor();
    const field = page.getByLabel('The code the customer reads back');
    for (const left of ['4 tries left', '3 tries left', '2 tries left', '1 try left']) {
      await field.fill('000 000');
      await page.getByRole('button', { name: 'Check the code' }).click();
      await statusText(page, `That is not the code. ${left}.`).waitFor();
    }
    await field.fill('000 000');
    await page.getByRole('button', { name: 'Check the code' }).click();
    await statusText(page, /Not verified: the code was wrong too many times/).waitFor();
    await page.getByRole('button', { name: 'Send a new code' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'agent-fallback-failed');

    // Back on the console, the customer is still there: a new code, by SMS this time after looking at voice.
    await page.getByRole('button', { name: 'Back to the console' }).click();
    await page.getByRole('button', { name: 'Send a one-time code to their verified phone' }).click();
    await page.getByLabel('Voice call (the code is read out)').check();
    await page.getByLabel('Text message (SMS)').check();
    await page.getByRole('button', { name: 'Send the code' }).click();
    await statusText(page, 'We sent a code to +44').waitFor();
    const [sent] = await outboxFor(origin, customerPhone);
    expect(sent).toMatchObject({ channel: 'sms', to: customerPhone });
    expect(sent?.text).toMatch(/read it only to the bank agent on the call/);
    const code = await newestCode(origin, customerPhone);
    await page.getByText('Expires in', { exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'agent-fallback-sent');

    await field.fill(wrongCode(code));
    await page.getByRole('button', { name: 'Check the code' }).click();
    await statusText(page, 'That is not the code. 4 tries left.').waitFor();
    await field.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
    await page.getByRole('button', { name: 'Check the code' }).click();
    await statusText(page, /^Verified by one-time code/).waitFor();
    expect(await field.count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'agent-fallback-verified');
    await page.getByRole('button', { name: 'Back to the console' }).click();
    await page.getByRole('heading', { name: 'Find a customer' }).waitFor();

    // The dev outbox page shows what was "sent", filtered by number, with no sign-in.
    const reader = await newPerson(browser, origin);
    await reader.page.goto('/dev/outbox');
    await reader.page.getByRole('heading', { name: 'Dev outbox' }).waitFor();
    await reader.page.getByText('Development only: these messages were not sent.').waitFor();
    await reader.page.getByLabel('Phone number or e-mail').fill(customerPhone);
    await reader.page.getByRole('button', { name: 'Show messages' }).click();
    await reader.page.getByRole('heading', { name: `Messages to ${customerPhone}, newest first` }).waitFor();
    // The enrolment code, then both fallback codes (each to the customer's verified phone).
    await statusText(reader.page, '3 messages').waitFor();
    await reader.page.getByText(`Code ${code}: read it only to the bank agent`).waitFor();
    const messages = reader.page.getByRole('listitem');
    expect(await messages.first().textContent()).toContain(`Code ${code}`);
    expect(await messages.last().textContent()).toContain('confirms this number');
    expect(await axeViolations(reader.page)).toEqual([]);
    await snap(reader.page, 'dev-outbox');
  },
  slowTest,
);

it('says the dev outbox is not available where codes are really sent', async () => {
  const { origin, browser } = await start({ DELIVERY: 'twilio' });
  const reader = await newPerson(browser, origin);
  await reader.page.goto('/dev/outbox');
  await reader.page.getByText('The dev outbox is not available on this deployment').waitFor();
  expect(await reader.page.getByLabel('Phone number or e-mail').count()).toBe(0);
  expect(await axeViolations(reader.page)).toEqual([]);
});
