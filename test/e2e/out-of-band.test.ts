/**
 * Out-of-band one-time codes on the customer's side, in the browser: enrolling a phone, adding a
 * payee and approving payments (with a code and with the passkey), the sign-in step-up from a new
 * country, and the sign-in settings and aggregator consents. Codes are read from the dev outbox.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, newPerson, type Person, registerThroughUi } from './browser.ts';
import { appPerTest } from './fixture.ts';
import { nextCode, outboxFor } from './outbox.ts';
import { customerName, setUpAdmin, snap, statusText, wrongCode } from './people.ts';

const start = appPerTest();
const phone = '+447911123456';
const maskedPhone = '+44 •••• ••• 456';
const paris = 'country=FR; city=Paris; lat=48.86; lon=2.35; asn=3215';
// Each test starts its own server inside the test (some with their own settings): room for a slow start.
const slow = 150_000;

/** A section of the home screen, by its heading. */
const section = (page: Page, name: string) => page.getByRole('region', { name });

/** Opens a section of the customer's app (Payments, Security) by its tab. */
async function tab(page: Page, name: 'Payments' | 'Security') {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** A customer registers with their mobile number (not yet verified). */
async function registerCustomer(origin: string, browser: Parameters<typeof newPerson>[0]): Promise<Person> {
  const jo = await newPerson(browser, origin);
  await registerThroughUi(jo.page, { handle: 'jo.bloggs', name: customerName, phone: '+44 7911 123456' });
  await jo.page.getByRole('heading', { name: `Hello, ${customerName}` }).waitFor();
  return jo;
}

/** Enrols the registered phone with the code the outbox received. */
async function enrolPhone(page: Page, origin: string): Promise<void> {
  await tab(page, 'Security');
  const yourPhone = section(page, 'Your phone');
  const seen = await outboxFor(origin, phone);
  await yourPhone.getByRole('button', { name: 'Send a code' }).click();
  await statusText(page, `We sent a code to ${maskedPhone} by text message.`).waitFor();
  const { code } = await nextCode(origin, phone, seen);
  await yourPhone.getByLabel('The code we sent you').fill(code);
  await yourPhone.getByRole('button', { name: 'Verify my phone' }).click();
  await statusText(page, `Your phone ${maskedPhone} is verified.`).waitFor();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: /Sign out/ }).click();
  await page.getByRole('heading', { name: 'Welcome to Countersign' }).waitFor();
}

it(
  'enrols the phone only with the code sent to it',
  async () => {
    const { origin, browser } = await start();
    const { page } = await registerCustomer(origin, browser);
    await tab(page, 'Security');
    const yourPhone = section(page, 'Your phone');
    await yourPhone.getByText('No verified phone.').waitFor();
    // Pre-filled with the number given at registration, which is not verified yet.
    expect(await yourPhone.getByLabel('Mobile number').inputValue()).toBe(phone);
    await tab(page, 'Payments');
    await section(page, 'Add a payee').getByText('Verify a phone first').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await tab(page, 'Security');

    const seen = await outboxFor(origin, phone);
    await yourPhone.getByLabel('Voice call').check();
    await yourPhone.getByRole('button', { name: 'Send a code' }).click();
    await statusText(page, `We sent a code to ${maskedPhone} by voice call.`).waitFor();
    const { message, code } = await nextCode(origin, phone, seen);
    expect(message.channel).toBe('call');
    expect(message.text).toContain('confirms this number for your Countersign account');
    await yourPhone.getByText(/You can ask for a new code in 0:\d\d/).waitFor();
    expect(await yourPhone.getByRole('button', { name: 'Send again by voice call' }).isDisabled()).toBe(true);
    await snap(page, 'oob-enrol-code');
    expect(await axeViolations(page)).toEqual([]);

    // A wrong code costs a try and says how many are left.
    await yourPhone.getByLabel('The code we sent you').fill(wrongCode(code));
    await yourPhone.getByRole('button', { name: 'Verify my phone' }).click();
    await statusText(page, 'That is not the code. 4 tries left.').waitFor();
    await yourPhone.getByText('Six digits. 4 tries left.').waitFor();

    await yourPhone.getByLabel('The code we sent you').fill(`${code.slice(0, 3)} ${code.slice(3)}`);
    await yourPhone.getByRole('button', { name: 'Verify my phone' }).click();
    await statusText(page, `Your phone ${maskedPhone} is verified. We will send your codes to it.`).waitFor();
    await yourPhone.getByText(`Verified phone: ${maskedPhone}`).waitFor();
    await page.getByText('Phone or e-mail verified').waitFor();
    // Now payees can be added, with a code to that phone.
    await tab(page, 'Payments');
    await section(page, 'Add a payee').getByLabel("Payee's name").waitFor();
    expect(await axeViolations(page)).toEqual([]);
  },
  slow,
);

it(
  'adds a payee with the code from the outbox, approves payments by code and by passkey, and removes the payee',
  async () => {
    const { origin, browser } = await start();
    const { page } = await registerCustomer(origin, browser);
    await enrolPhone(page, origin);
    await tab(page, 'Payments');
    const addPayee = section(page, 'Add a payee');

    // Checked in the app before anything is sent: a mistyped IBAN fails its checksum.
    await addPayee.getByLabel("Payee's name").fill('J Smith');
    await addPayee.getByLabel('Account number or IBAN').fill('GB82 WEST 1234 5698 7654 33');
    await addPayee.getByRole('button', { name: 'Send a code to add this payee' }).click();
    await addPayee.getByText('This IBAN is not valid: check each character.').waitFor();
    expect(await addPayee.getByLabel('Account number or IBAN').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);

    const seen = await outboxFor(origin, phone);
    await addPayee.getByLabel('Account number or IBAN').fill('GB82 WEST 1234 5698 7654 32');
    await addPayee.getByRole('button', { name: 'Send a code to add this payee' }).click();
    await statusText(page, `We sent a code to ${maskedPhone} by text message.`).waitFor();
    await addPayee.getByText('account ending 5432', { exact: false }).waitFor();
    const { message, code } = await nextCode(origin, phone, seen);
    // The message names the payee, so a customer tricked by a fake site sees what they approve.
    expect(message.text).toBe(
      `Code ${code} adds payee J SMITH, account ending 5432. Never read it to anyone, not even to the bank: type it into the app.\n\n@localhost #${code}`,
    );
    expect(await axeViolations(page)).toEqual([]);
    await addPayee.getByLabel('The code we sent you').fill(code);
    await addPayee.getByRole('button', { name: 'Add this payee' }).click();
    await statusText(page, 'J Smith is now one of your payees.').waitFor();
    const payees = section(page, 'Your payees');
    await payees.getByText('Account GB82 WEST 1234 5698 7654 32', { exact: false }).waitFor();

    // A payment by code: the message names payee and amount; the check sends the same payment.
    const payment = section(page, 'Approve a payment');
    expect(await payment.getByLabel('Amount').getAttribute('inputmode')).toBe('decimal');
    await payment.getByLabel('Amount').fill('12.5');
    await payment.getByText('You are approving £12.50 to J Smith, account GB82 WEST 1234 5698 7654 32.').waitFor();
    // The scam question comes first: no way to approve until it is answered.
    await payment
      .getByRole('group', { name: 'Has anyone asked you to make this payment or told you what to say?' })
      .waitFor();
    expect(await payment.getByRole('button', { name: 'Approve with a code' }).isVisible()).toBe(false);
    await payment.getByRole('button', { name: 'No, nobody asked me' }).click();
    const beforePayment = await outboxFor(origin, phone);
    await payment.getByRole('button', { name: 'Approve with a code' }).click();
    await statusText(page, `We sent a code to ${maskedPhone} by text message.`).waitFor();
    const paymentCode = await nextCode(origin, phone, beforePayment);
    expect(paymentCode.message.text).toContain('approves paying 12.50 GBP to J SMITH, account ending 5432');
    await payment.getByLabel('The code we sent you').fill(paymentCode.code);
    await payment.getByRole('button', { name: 'Approve this payment' }).click();
    await statusText(page, 'Payment approved with a code: £12.50 to J Smith').waitFor();

    // A payment by passkey: the app derives the challenge from what it shows, then the authenticator signs it.
    await payment.getByLabel('Amount').fill('40');
    await payment.getByLabel('Currency').selectOption('EUR');
    await payment.getByText('You are approving €40.00 to J Smith').waitFor();
    await payment.getByRole('button', { name: 'No, nobody asked me' }).click();
    expect(await axeViolations(page)).toEqual([]);

    // Options whose challenge is not derived from what the screen shows: the passkey is never asked for.
    await page.route('**/api/me/payments/passkey-options', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { nonce: string };
      await route.fulfill({ response, json: { ...body, nonce: `${body.nonce}x` } });
    });
    await payment.getByRole('button', { name: 'Approve with your passkey' }).click();
    await statusText(page, 'does not match the payment on your screen').waitFor();
    await page.unroute('**/api/me/payments/passkey-options');
    const approved = await page.evaluate(async () => (await (await fetch('/api/me/payments')).json()).payments);
    expect(approved).toHaveLength(1);

    await payment.getByRole('button', { name: 'Approve with your passkey' }).click();
    await statusText(page, 'Payment approved with your passkey: €40.00 to J Smith').waitFor();
    const recent = section(page, 'Recent payments');
    await recent.getByText('€40.00 to J Smith').waitFor();
    await recent.getByText('approved with your passkey', { exact: false }).waitFor();
    await recent.getByText('£12.50 to J Smith').waitFor();
    await recent.getByText('approved with a code', { exact: false }).waitFor();
    await snap(page, 'oob-payments');
    expect(await axeViolations(page)).toEqual([]);

    // "Yes, someone asked me": the payment stops, with advice, and the stop is a security event.
    await payment.getByLabel('Amount').fill('900');
    await payment.getByRole('button', { name: 'Yes, someone asked me' }).click();
    await payment.getByText('Stop: this payment has not been made.').waitFor();
    await payment.getByRole('link', { name: /Call the bank on/ }).waitFor();
    expect(await payment.getByRole('button', { name: 'Approve with your passkey' }).isVisible()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await expect
      .poll(async () =>
        page.evaluate(async () =>
          ((await (await fetch('/api/me/audit')).json()).events as { type: string }[]).map((e) => e.type),
        ),
      )
      .toContain('payment_stopped');
    expect(await page.evaluate(async () => (await (await fetch('/api/me/payments')).json()).payments)).toHaveLength(2);
    await tab(page, 'Security');
    await page.getByText('Payment stopped: you said someone asked you to make it').waitFor();
    await tab(page, 'Payments');

    await payees.getByRole('button', { name: 'Remove J Smith' }).click();
    await statusText(page, 'J Smith was removed from your payees.').waitFor();
    await payees.getByText('No payees yet.').waitFor();
    await payment.getByText('Add a payee first: payments go only to approved payees.').waitFor();
  },
  slow,
);

it(
  'asks for a code at a sign-in from a new country, and signs in with the code from the outbox',
  async () => {
    const { origin, browser } = await start({ OTP_RESEND_COOLDOWN_SECONDS: '2' });
    const jo = await registerCustomer(origin, browser);
    const { page } = jo;
    await enrolPhone(page, origin);

    // From the usual place, a passkey is enough.
    await signOut(page);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByRole('heading', { name: `Hello, ${customerName}` }).waitFor();
    await signOut(page);

    // From Paris: the passkey works, and a code is asked for as well.
    await jo.context.setExtraHTTPHeaders({ 'X-Countersign-Dev-Place': paris });
    const seen = await outboxFor(origin, phone);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByRole('heading', { name: 'Check it is you' }).waitFor();
    await page.getByText('You are signing in from a country you have not signed in from before.').waitFor();
    await statusText(page, `We sent a code to ${maskedPhone} by text message.`).waitFor();
    const first = await nextCode(origin, phone, seen);
    expect(first.message.text).toContain('signs you in to Countersign');
    expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);
    await snap(page, 'oob-step-up');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('The code we sent you').fill(wrongCode(first.code));
    await page.getByRole('button', { name: 'Check the code and sign in' }).click();
    await statusText(page, 'That code is not right. 4 tries left.').waitFor();

    // Another channel once the cool-down is over: the first code stops working.
    const beforeCall = await outboxFor(origin, phone);
    const byCall = page.getByRole('button', { name: 'Send by voice call instead' });
    await expect.poll(() => byCall.isEnabled(), { timeout: 10_000 }).toBe(true);
    await byCall.click();
    await statusText(page, `We sent a new code to ${maskedPhone} by voice call.`).waitFor();
    const second = await nextCode(origin, phone, beforeCall);
    expect(second.message.channel).toBe('call');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('The code we sent you').fill(second.code);
    await page.getByRole('button', { name: 'Check the code and sign in' }).click();
    await page.getByRole('heading', { name: `Hello, ${customerName}` }).waitFor();
    await tab(page, 'Security');
    await page.getByText('Sign-in checked for anything unusual').first().waitFor();
  },
  slow,
);

it(
  'keeps the sign-in settings and lets the customer allow, then block, an aggregator',
  async () => {
    const { origin, browser } = await start();
    // An admin issues an aggregator key (as a bank's integration team would).
    const admin = await setUpAdmin(browser, origin);
    // Through the admin screen: the key is confirmed with the admin's passkey first.
    await admin.page.getByRole('heading', { name: 'Issue an API key' }).waitFor();
    await admin.page.getByLabel('Name of the system').fill('Budgetly');
    await admin.page.getByRole('checkbox', { name: /^Verifications — Send/ }).uncheck();
    await admin.page.getByRole('checkbox', { name: /^Aggregator/ }).check();
    await admin.page.getByRole('button', { name: 'Issue API key' }).click();
    const keyCell = admin.page.locator('#issued-api-key');
    await keyCell.waitFor();
    const issued = { key: ((await keyCell.textContent()) ?? '').trim() };
    const read = () =>
      fetch(`${origin}/api/v1/accounts/jo.bloggs`, { headers: { authorization: `Bearer ${issued.key}` } });

    const jo = await registerCustomer(origin, browser);
    const { page } = jo;
    await enrolPhone(page, origin);

    const apps = section(page, 'Apps that read your account');
    const allow = apps.getByLabel('Allow Budgetly to read your payees and payments');
    await apps.getByText('Blocked').waitFor();
    expect(await allow.isChecked()).toBe(false);
    expect((await read()).status).toBe(403);
    await allow.check();
    await statusText(page, 'Budgetly can now read your payees and payments.').waitFor();
    expect((await read()).status).toBe(200);
    await allow.uncheck();
    await statusText(page, 'Budgetly can no longer read anything of your account.').waitFor();
    expect((await read()).status).toBe(403);

    const settings = section(page, 'Sign-in settings');
    expect(await settings.getByLabel('Ask for a code only when something looks unusual').isChecked()).toBe(true);
    expect(await settings.getByLabel('E-mail').isDisabled()).toBe(true);
    await settings.getByLabel('Always ask for a code when I sign in').check();
    await settings.getByRole('button', { name: 'Save sign-in settings' }).click();
    await statusText(page, 'Saved. We will ask for a code every time you sign in.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The same place and passkey: a code is asked for anyway; five wrong codes close the sign-in.
    await signOut(page);
    const seen = await outboxFor(origin, phone);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByText('You asked us to always send a code when you sign in.').waitFor();
    const { code } = await nextCode(origin, phone, seen);
    for (let left = 4; left >= 0; left--) {
      await page.getByLabel('The code we sent you').fill(wrongCode(code));
      await page.getByRole('button', { name: 'Check the code and sign in' }).click();
      if (left > 0)
        await statusText(page, `That code is not right. ${left} ${left === 1 ? 'try' : 'tries'} left.`).waitFor();
    }
    await statusText(page, 'This code no longer works').waitFor();
    expect(await page.getByLabel('The code we sent you').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Start again' }).click();
    await page.getByRole('heading', { name: 'Welcome to Countersign' }).waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);
  },
  slow,
);
