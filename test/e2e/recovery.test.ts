/**
 * Trusted-contact recovery in the browser (issue 5): a customer who lost their device gets back in
 * on a new one (a new browser context with a new virtual authenticator) with a code to their phone,
 * a code a contact read from their text message and an approval another contact gave in their own
 * app with their own passkey; the old passkey then no longer signs in. And a contact who was not
 * asked stops a recovery with the link in their text message.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, newPerson, openTab } from './browser.ts';
import { appPerTest } from './fixture.ts';
import { nextCode, outboxFor } from './outbox.ts';
import { snap, statusText, wrongCode } from './people.ts';
import {
  jo,
  lee,
  masked,
  nameTrustedContacts,
  pat,
  registerWithPhone,
  sam,
  section,
  startRecovery,
} from './recovery-people.ts';

const start = appPerTest();
// Each test starts its own server, registers several people and runs many passkey ceremonies.
const slow = 200_000;

/** axe finds nothing on the screen as it is now (named, to say which screen failed). */
async function accessible(page: Page, screen: string): Promise<void> {
  await snap(page, `recovery-${screen}`);
  expect({ screen, violations: await axeViolations(page) }).toEqual({ screen, violations: [] });
}

/** The first code, from the customer's phone, after one wrong try. */
async function passFirstFactor(page: Page, origin: string, seen: Awaited<ReturnType<typeof outboxFor>>) {
  await page.getByText(`We sent a code to ${masked(jo.phone)} by text message.`).waitFor();
  const { code } = await nextCode(origin, jo.phone, seen);
  await page.getByLabel('The code we sent you').fill(wrongCode(code));
  await page.getByRole('button', { name: 'Check the code' }).click();
  await statusText(page, 'That code is not right. 4 tries left.').waitFor();
  await page.getByLabel('The code we sent you').fill(code);
  await page.getByRole('button', { name: 'Check the code' }).click();
  await page.getByRole('heading', { name: 'Ask your trusted contacts' }).waitFor();
}

/** Types the code a contact read out, into their own field. */
async function typeContactCode(page: Page, name: string, code: string) {
  const card = section(page, name);
  await card.getByLabel(`Code from ${name}`).fill(code);
  await card.getByRole('button', { name: `Check the code from ${name}` }).click();
}

it(
  'recovers on a new device with a contact code and an in-app approval; the old passkey stops signing in',
  async () => {
    const { origin, browser } = await start();
    const helper = await registerWithPhone(browser, origin, sam);
    const old = await registerWithPhone(browser, origin, jo);
    await nameTrustedContacts(old.page, origin, [sam, pat, lee]);

    // Jo's phone is gone with the old device's passkey; a new device, with an authenticator of its own.
    const { page } = await newPerson(browser, origin);
    await page.goto('/');
    await page.getByRole('button', { name: 'Lost your device? Recover your account' }).click();
    await page.getByRole('heading', { name: 'Recover your account' }).waitFor();
    await accessible(page, 'start');
    const seen = await outboxFor(origin, jo.phone);
    await page.getByLabel('Your handle or phone number').fill(jo.handle);
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByRole('heading', { name: 'Check it is your phone' }).waitFor();
    await accessible(page, 'first-code');
    await passFirstFactor(page, origin, seen);

    // Contacts by name only: no numbers, nothing that says how to reach them.
    await accessible(page, 'choose-contacts');
    expect(await page.locator('main').textContent()).not.toMatch(/7911|•/);
    await page.getByLabel(pat.name).check();
    await page.getByRole('button', { name: 'Ask these contacts' }).click();
    await statusText(page, 'Choose at least 2.').waitFor();
    await page.getByLabel(sam.name).check();
    const patSeen = await outboxFor(origin, pat.phone);
    await page.getByRole('button', { name: 'Ask these contacts' }).click();
    await page.getByRole('heading', { name: 'Codes from your contacts' }).waitFor();
    await statusText(page, 'Confirmed by 0 of the 2 contacts needed.').waitFor();

    // A reload picks up where the device left off.
    await page.reload();
    await page.getByRole('heading', { name: 'Codes from your contacts' }).waitFor();
    await accessible(page, 'collecting');

    // Pat reads out the code from their text message (which names Jo and says to check first).
    const fromPat = await nextCode(origin, pat.phone, patSeen);
    expect(fromPat.message.text).toContain(`${jo.name} asked you for a code`);
    expect(fromPat.message.text).toContain(`${origin}/recovery/abort#r=`);
    await typeContactCode(page, pat.name, wrongCode(fromPat.code));
    await statusText(page, 'That code is not right. 4 tries left.').waitFor();
    await typeContactCode(page, pat.name, fromPat.code);
    await section(page, pat.name).getByText('Approved: they confirmed it is you.').waitFor();
    await statusText(page, 'Confirmed by 1 of the 2 contacts needed.').waitFor();

    // Sam has Countersign: there is no code to type for them (the request is in their app)...
    await section(page, sam.name).getByText('Asked in their Countersign app').waitFor();
    expect(await section(page, sam.name).getByLabel(`Code from ${sam.name}`).count()).toBe(0);
    await statusText(page, 'Confirmed by 1 of the 2 contacts needed.').waitFor();
    // ...where they approve it with their own passkey.
    await helper.page.reload();
    await openTab(helper.page, 'Home');
    const request = section(helper.page, 'Someone asks for your help');
    await request.getByText(`${jo.name} is trying to get back into their account`).waitFor();
    await request.getByRole('button', { name: 'It is them — approve with my passkey' }).click();
    await statusText(helper.page, `You approved ${jo.name}'s request.`).waitFor();

    // The new device sees it by itself (the wait is 0 in dev), and creates its passkey.
    await page.getByRole('heading', { name: 'Create your new passkey' }).waitFor({ timeout: 20_000 });
    await accessible(page, 'ready');
    const revoke = page.getByLabel('Sign out every other device and passkey');
    expect(await revoke.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Create a passkey on this device' }).click();
    await page.getByRole('heading', { name: `Hello, ${jo.name}` }).waitFor();
    expect(new URL(page.url()).hash).toBe('');

    // The old device: signed out, and its passkey no longer signs in.
    await old.page.reload();
    await old.page.getByRole('heading', { name: 'Welcome to Countersign' }).waitFor();
    await old.page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await statusText(old.page, 'Sign-in failed. Use a passkey registered for Countersign.').waitFor();

    // The new passkey signs in again, with no extra code: the recovery recorded this device and
    // place in the sign-in history, as a registration does.
    await page.getByRole('button', { name: /Sign out/ }).click();
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByRole('heading', { name: `Hello, ${jo.name}` }).waitFor();
  },
  slow,
);

it(
  'stops a recovery in its waiting period when a contact opens the link in their text message',
  async () => {
    // A real waiting period (1 hour), so the recovering device shows it and the contact can still stop it.
    const { origin, browser } = await start({ RECOVERY_WAIT_HOURS: '1' });
    const ann = { name: 'Ann Other', phone: '+447911123460' };
    const old = await registerWithPhone(browser, origin, jo);
    await nameTrustedContacts(old.page, origin, [pat, lee, ann]);

    const { page } = await newPerson(browser, origin);
    const seen = await outboxFor(origin, jo.phone);
    // By phone number this time, as the customer would type it.
    await startRecovery(page, '+44 7911 123456');
    await passFirstFactor(page, origin, seen);
    const before = { pat: await outboxFor(origin, pat.phone), lee: await outboxFor(origin, lee.phone) };
    await page.getByLabel(pat.name).check();
    await page.getByLabel(lee.name).check();
    await page.getByRole('button', { name: 'Ask these contacts' }).click();
    await page.getByRole('heading', { name: 'Codes from your contacts' }).waitFor();
    await typeContactCode(page, pat.name, (await nextCode(origin, pat.phone, before.pat)).code);
    await section(page, pat.name).getByText('Approved: they confirmed it is you.').waitFor();
    await typeContactCode(page, lee.name, (await nextCode(origin, lee.phone, before.lee)).code);

    await page.getByRole('heading', { name: 'Almost there' }).waitFor();
    await statusText(
      page,
      /Your contacts confirmed it is you\. For your safety, your account can be recovered on /,
    ).waitFor();
    await accessible(page, 'waiting');
    // The old device is told, and could cancel.
    await old.page.reload();
    await openTab(old.page, 'Home');
    await section(old.page, 'Recovery of your account under way').waitFor();

    // Ann was never asked, but is told of the quorum with a link of her own: she stops it.
    const [told] = await outboxFor(origin, ann.phone);
    const link = /(http\S+\/recovery\/abort#\S+)/.exec(told?.text ?? '')?.[1];
    expect(link, told?.text).toBeDefined();
    const contact = await newPerson(browser, origin);
    await contact.page.goto(link as string);
    await contact.page.getByRole('heading', { name: 'Did they ask you for a code?' }).waitFor();
    await contact.page
      .getByText('Someone is trying to recover an account and named you as a trusted contact.')
      .waitFor();
    await accessible(contact.page, 'abort-page');
    await contact.page.getByRole('button', { name: 'They did not ask me — stop this recovery' }).click();
    await statusText(contact.page, 'The recovery was stopped and reported.').waitFor();
    // The same link again: nothing left to stop.
    await contact.page.reload();
    await contact.page.getByRole('button', { name: 'They did not ask me — stop this recovery' }).click();
    await statusText(contact.page, 'This recovery has ended already').waitFor();

    // The recovering device sees it stopped, and can only start again.
    await page.getByRole('heading', { name: 'Recovery stopped' }).waitFor();
    await statusText(page, 'One of your contacts said you did not ask them. This recovery was stopped.').waitFor();
    await accessible(page, 'aborted');
    await page.getByRole('button', { name: 'Start again' }).click();
    await page.getByRole('heading', { name: 'Recover your account' }).waitFor();
  },
  slow,
);
