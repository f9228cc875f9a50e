/**
 * Trusted contacts on the customer's home screen (issue 5), in the browser: the first set-up of 3
 * contacts (a number the API refuses is shown beside its field), each contact told by SMS (dev
 * outbox), the list, a 4th added only with the passkey, and no second change offered the same day
 * with when the next one is possible. Then the signed-in side of someone's recovery: a contact
 * answers "they did not ask me" in the app, and the owner cancels a recovery from their device.
 * The recovering device is driven through the API here (test/e2e/recovery.test.ts drives its screens).
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, openTab } from './browser.ts';
import { appPerTest } from './fixture.ts';
import { outboxFor } from './outbox.ts';
import { customerName, setUpCustomer, snap, statusText } from './people.ts';
import { nameContacts, recoveringDevice } from './recovering-device.ts';
import { registerWithPhone } from './recovery-people.ts';

const start = appPerTest();
// The server starts inside the test: room for a slow start.
const slow = 150_000;

const contacts = [
  { name: 'Sam Bloggs', phone: '+447911123457' },
  { name: 'Alex Moore', phone: '+447911123458' },
  { name: 'Priya Shah', phone: '+447911123459' },
];
const fourth = { name: 'Chris Lee', phone: '+447911123460' };

const section = (page: Page, name: string) => page.getByRole('region', { name });
/** A contact in the list of trusted contacts, by name. */
const listed = (page: Page, name: string) =>
  section(page, 'Trusted contacts').getByRole('listitem').filter({ hasText: name });

it(
  'sets up 3 trusted contacts with the passkey, tells each by SMS, and adds a 4th only with the passkey',
  async () => {
    const { origin, browser } = await start();
    const jo = await setUpCustomer(browser, origin);
    const { page } = jo;
    await openTab(page, 'Security');
    const trusted = section(page, 'Trusted contacts');
    await trusted.getByText('2 of your trusted contacts can help you back into your account').waitFor();

    // Three rows to begin with, none removable; a fourth row can be added and removed again.
    await trusted.getByLabel('Contact 3 name').waitFor();
    expect(await trusted.getByRole('button', { name: /^Remove contact/ }).count()).toBe(0);
    await trusted.getByRole('button', { name: 'Add another contact' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('contact-4-name');
    await trusted.getByRole('button', { name: 'Remove contact 4' }).click();
    expect(await trusted.getByLabel('Contact 4 name').count()).toBe(0);

    // Empty fields are pointed out before the passkey is asked for.
    await trusted.getByRole('button', { name: 'Save with your passkey' }).click();
    await trusted.getByText('Enter their name.').first().waitFor();
    expect(await trusted.getByLabel('Contact 1 name').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);

    // A number the API does not accept comes back as that field's error.
    for (const [i, contact] of contacts.entries()) {
      await trusted.getByLabel(`Contact ${i + 1} name`, { exact: true }).fill(contact.name);
      await trusted
        .getByLabel(`Contact ${i + 1} mobile number`, { exact: true })
        .fill(i === 1 ? '+44 7700 900123' : contact.phone);
    }
    await trusted.getByRole('button', { name: 'Save with your passkey' }).click();
    await statusText(page, 'Some fields need attention.').waitFor();
    const secondPhone = trusted.getByLabel('Contact 2 mobile number');
    expect(await secondPhone.getAttribute('aria-invalid')).toBe('true');
    expect(await trusted.getByLabel('Contact 1 mobile number').getAttribute('aria-invalid')).toBeNull();
    expect(await secondPhone.evaluate((input) => document.activeElement === input)).toBe(true);
    await trusted.getByText('No phone has that number: check the digits.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'trusted-contacts-field-error');

    await secondPhone.fill('+44 7911 123458');
    await trusted.getByRole('button', { name: 'Save with your passkey' }).click();
    await statusText(page, 'Your trusted contacts are saved.').waitFor();
    for (const contact of contacts) {
      await listed(page, contact.name).getByText(contact.phone, { exact: false }).waitFor();
      const [nomination] = await outboxFor(origin, contact.phone);
      expect(nomination?.text).toContain(`${customerName} named you as a trusted contact`);
      expect(nomination?.text).toContain('call them back on a number you know, or see them');
    }
    // Three is the fewest: none can be removed yet.
    expect(await trusted.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'trusted-contacts-saved');

    // A 4th contact: the passkey is asked for, and without it nothing changes.
    await trusted.getByRole('button', { name: 'Add a contact' }).click();
    await trusted.getByLabel('Contact 4 name').fill(fourth.name);
    await trusted.getByLabel('Contact 4 mobile number').fill(fourth.phone);
    expect(await axeViolations(page)).toEqual([]);
    await jo.setUserVerified(false);
    await trusted.getByRole('button', { name: 'Add with your passkey' }).click();
    await statusText(page, /cancelled or timed out/).waitFor();
    expect(await listed(page, fourth.name).count()).toBe(0);
    expect(await outboxFor(origin, fourth.phone)).toEqual([]);

    await jo.setUserVerified(true);
    await trusted.getByRole('button', { name: 'Add with your passkey' }).click();
    await statusText(page, `${fourth.name} is now one of your trusted contacts.`).waitFor();
    await listed(page, fourth.name).waitFor();
    expect((await outboxFor(origin, fourth.phone))[0]?.text).toContain('named you as a trusted contact');
    await section(page, 'Recent security events').getByText('Trusted contact added').waitFor();

    // With 4, one may go; but one change a day: the screen says when the next can be made, and
    // offers no change the server would refuse (the refusal itself is a worker test).
    await trusted
      .getByText(/Your trusted contacts changed recently\. For your safety you can make the next change after .+\./)
      .waitFor();
    await listed(page, contacts[0]?.name as string).waitFor();
    expect(await trusted.getByRole('listitem').count()).toBe(4);
    // No more passkey prompts for changes that would be refused: no Remove, no Add, until then.
    expect(await trusted.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    expect(await trusted.getByRole('button', { name: 'Add a contact' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'trusted-contacts-too-soon');
  },
  slow,
);

it(
  'lets a contact say in the app that they were not asked, and the owner cancel a recovery from their device',
  async () => {
    // A real waiting period, so the owner has time to cancel.
    const { origin, browser } = await start({ RECOVERY_WAIT_HOURS: '1' });
    const jo = { handle: 'jo.bloggs', name: customerName, phone: '+447911123456' };
    const sam = { handle: 'sam.bloggs', name: 'Sam Bloggs', phone: '+447911123457' };
    const [pat, lee] = [contacts[1], contacts[2]] as [{ name: string; phone: string }, { name: string; phone: string }];
    const owner = await registerWithPhone(browser, origin, jo);
    const helper = await registerWithPhone(browser, origin, sam);
    await nameContacts(owner, [sam, pat, lee]);

    // Someone asks Sam and Pat. Sam has Countersign: the request reaches Sam's home screen by itself.
    const fraudster = recoveringDevice(origin);
    await fraudster.askContacts(jo.handle, jo.phone, [sam.name, pat.name]);
    await openTab(helper.page, 'Home');
    const request = section(helper.page, 'Someone asks for your help');
    await request.waitFor({ timeout: 15_000 });
    await request.getByText(`${jo.name} is trying to get back into their account`).waitFor();
    await request.getByText('call them back on a number you know, or see them').waitFor();
    expect(await axeViolations(helper.page)).toEqual([]);
    await snap(helper.page, 'help-request');

    // Sam was not asked: a confirmation first, which says what it does; then the recovery stops.
    await request.getByRole('button', { name: 'They did not ask me' }).click();
    await request.getByText('This stops the recovery at once and reports it').waitFor();
    expect(await axeViolations(helper.page)).toEqual([]);
    await request.getByRole('button', { name: 'Yes, stop it and report it' }).click();
    await statusText(helper.page, `You stopped this recovery of ${jo.name}'s account and we reported it.`).waitFor();
    expect(await request.count()).toBe(0);
    expect(await fraudster.state()).toBe('aborted');
    await openTab(helper.page, 'Security');
    await section(helper.page, 'Recent security events').getByText('You said they did not ask you').waitFor();

    // Another try, with Pat's and Lee's codes: the quorum is met and the waiting period starts.
    const again = recoveringDevice(origin);
    await again.codesFrom(jo.phone, jo.phone, [pat, lee]);
    expect(await again.state()).toBe('waiting');

    // Jo's device shows it, prominently, with when it could complete; "it is not me" cancels it.
    await openTab(owner.page, 'Home');
    const underWay = section(owner.page, 'Recovery of your account under way');
    await underWay.waitFor({ timeout: 15_000 });
    await statusText(owner.page, 'Someone is trying to recover your account with your trusted contacts.').waitFor();
    await underWay.getByText(/It can complete on .+, unless you cancel it\./).waitFor();
    // The two recoveries started are one urgent card, not two cards alike (two regions of one name).
    const started = owner.page.getByRole('region', { name: /Was this you\? Someone started a recovery/ });
    await started.getByText('This happened 2 times.').waitFor();
    expect(await started.count()).toBe(1);
    expect(await axeViolations(owner.page)).toEqual([]);
    await snap(owner.page, 'own-recovery');
    await underWay.getByRole('button', { name: 'Cancel this recovery — it is not me' }).click();
    await underWay.getByRole('button', { name: 'No, it was me' }).waitFor();
    await underWay.getByRole('button', { name: 'Yes, cancel it' }).click();
    await statusText(owner.page, 'The recovery is cancelled: nobody can get into your account with it.').waitFor();
    expect(await underWay.count()).toBe(0);
    expect(await again.state()).toBe('canceled');
    await openTab(owner.page, 'Security');
    await section(owner.page, 'Recent security events').getByText('Account recovery cancelled').waitFor();
    expect(await axeViolations(owner.page)).toEqual([]);
  },
  slow,
);
