/**
 * Changes to how an account is protected, in Chromium: changing the verified phone asks for the
 * passkey first and the old phone is told by SMS; a sign-in setting change without the fingerprint
 * is refused and nothing changes.
 */
import { expect, it } from 'vitest';
import { axeViolations } from './browser.ts';
import { appAndBrowserPerTest } from './fixture.ts';
import { nextCode, outboxFor } from './outbox.ts';
import { statusText } from './people.ts';
import { jo, masked, registerWithPhone, section } from './recovery-people.ts';

const t = appAndBrowserPerTest();
const newPhone = '+447911123499';

it('changes the verified phone only after the passkey, and tells the old phone', async () => {
  const person = await registerWithPhone(t.browser, t.app.origin, jo);
  const { page } = person;
  // The same account open in another tab: its live socket hears of the change too.
  const other = await person.context.newPage();
  await other.goto('/');
  await other.getByRole('heading', { name: `Hello, ${jo.name}` }).waitFor();
  await other.getByText('We are not calling you right now.').waitFor();
  const yourPhone = section(page, 'Your phone');
  await yourPhone.getByRole('button', { name: 'Change your phone' }).click();
  await yourPhone.getByText('To change your phone we ask for your passkey first').waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await yourPhone.getByLabel('Mobile number').fill(newPhone);
  await yourPhone.getByRole('button', { name: 'Send a code' }).click();
  const { code } = await nextCode(t.app.origin, newPhone);
  await yourPhone.getByLabel('The code we sent you').fill(code);
  await yourPhone.getByRole('button', { name: 'Verify my phone' }).click();
  await statusText(page, `Your phone ${masked(newPhone)} is verified.`).waitFor();
  await other.getByRole('alert').filter({ hasText: 'The phone number of your account changed.' }).waitFor();
  expect(await axeViolations(other)).toEqual([]);
  const toOld = (await outboxFor(t.app.origin, jo.phone)).map((m) => m.text);
  expect(toOld[0]).toMatch(/^Countersign: The phone number of your account changed\./);

  // Home opens with an urgent card for the change; "This was me" dismisses it, on this device.
  await other.reload();
  const urgent = other.getByRole('region', { name: 'Was this you?' });
  await urgent.getByText('The phone number of your account changed.').waitFor();
  await urgent.getByRole('button', { name: "This wasn't me" }).waitFor();
  expect(await axeViolations(other)).toEqual([]);
  await urgent.getByRole('button', { name: 'This was me' }).click();
  expect(await urgent.count()).toBe(0);
  await other.reload();
  await other.getByText('We are not calling you right now.').waitFor();
  expect(await urgent.count()).toBe(0);
});

it('refuses a sign-in setting change when the fingerprint is not verified', async () => {
  const person = await registerWithPhone(t.browser, t.app.origin, jo);
  const { page } = person;
  const settings = section(page, 'Sign-in settings');
  await settings.getByText('Saving asks for your passkey').waitFor();
  await settings.getByLabel('Always ask for a code when I sign in').check();
  await person.setUserVerified(false);
  await settings.getByRole('button', { name: 'Save sign-in settings' }).click();
  await settings.getByRole('alert').waitFor();
  await person.setUserVerified(true);
  const saved = await page.evaluate(async () => (await (await fetch('/api/me/preferences')).json()).preferences.stepUp);
  expect(saved).toBe('risk');
  await settings.getByRole('button', { name: 'Save sign-in settings' }).click();
  await statusText(page, 'Saved. We will ask for a code every time you sign in.').waitFor();
});
