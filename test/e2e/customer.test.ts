import { expect, it } from 'vitest';
import { axeViolations, newPerson, openTab, registerThroughUi } from './browser.ts';
import { appAndBrowserPerTest } from './fixture.ts';
import { nextCode, outboxFor } from './outbox.ts';
import { snap } from './people.ts';

const t = appAndBrowserPerTest();

it('lets a customer register with a passkey, reload, sign out and sign in again', async () => {
  const jo = await newPerson(t.browser, t.app.origin);
  const { page } = jo;
  await page.goto('/');
  await expect.poll(() => page.getByRole('heading', { name: 'Welcome to Countersign' }).isVisible()).toBe(true);
  expect(await axeViolations(page)).toEqual([]);

  const seen = await outboxFor(t.app.origin, '+447911123456');
  await registerThroughUi(page, { handle: 'jo.bloggs', name: 'Jo Bloggs', phone: '+44 7911 123456' }, 'stay');
  // The first steps: the number given is checked there, with the code sent to it; then call alerts.
  const checkPhone = page.getByRole('region', { name: 'Check your mobile number' });
  await checkPhone.getByText('We sent a code to +44 •••• ••• 456 by text message.').waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await snap(page, 'first-steps-phone');
  const { code } = await nextCode(t.app.origin, '+447911123456', seen);
  await checkPhone.getByLabel('The code we sent you').fill(code);
  await checkPhone.getByRole('button', { name: 'Verify my phone' }).click();
  await page.getByRole('status').filter({ hasText: 'Your phone +44 •••• ••• 456 is verified.' }).waitFor();
  await page.getByRole('heading', { name: 'Know when your bank is really calling' }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await snap(page, 'first-steps-alerts');
  await page.getByRole('button', { name: 'Continue to the app' }).click();
  await page.getByRole('heading', { name: 'Hello, Jo Bloggs' }).waitFor();
  await expect.poll(() => page.getByText('+447911123456').isVisible()).toBe(true);
  await openTab(page, 'Security');
  await page.getByText('Device passkey 1').waitFor();
  await page.getByText('Account created').waitFor();
  expect(await axeViolations(page)).toEqual([]);

  await openTab(page, 'Home');
  // The session survives a reload.
  await page.reload();
  await page.getByRole('heading', { name: 'Hello, Jo Bloggs' }).waitFor();

  await page.getByRole('button', { name: /Sign out/ }).click();
  await page.getByRole('heading', { name: 'Welcome to Countersign' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Welcome to Countersign' }).waitFor();

  // Usernameless: the authenticator offers the passkey, no handle typed.
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await page.getByRole('heading', { name: 'Hello, Jo Bloggs' }).waitFor();
  await openTab(page, 'Security');
  await page.getByText('Signed in', { exact: true }).first().waitFor();
});

it('offers the passkey in the browser’s autofill of the sign-in field (conditional mediation)', async () => {
  const { page } = await newPerson(t.browser, t.app.origin);
  await registerThroughUi(page, { handle: 'autofill.user', name: 'Ava Fill' });
  await page.getByRole('heading', { name: 'Hello, Ava Fill' }).waitFor();
  await page.getByRole('button', { name: /Sign out/ }).click();
  await page.getByRole('heading', { name: 'Welcome to Countersign' }).waitFor();
  const field = page.getByLabel('Sign in as (optional)');
  expect(await field.getAttribute('autocomplete')).toBe('username webauthn');
  // The page has a passkey request waiting on the field's autofill; the virtual authenticator answers it.
  await field.focus();
  await page.getByRole('heading', { name: 'Hello, Ava Fill' }).waitFor();
});

it('fails sign-in cleanly when the fingerprint is not verified', async () => {
  const jo = await newPerson(t.browser, t.app.origin);
  const { page } = jo;
  await registerThroughUi(page, { handle: 'uv.off', name: 'Una Verified' });
  await page.getByRole('heading', { name: 'Hello, Una Verified' }).waitFor();
  await page.getByRole('button', { name: /Sign out/ }).click();
  await page.getByRole('heading', { name: 'Welcome to Countersign' }).waitFor();

  await jo.setUserVerified(false);
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: /cancelled or timed out/ })
    .waitFor();
  // Still on the welcome screen, the button usable again, and no session was opened.
  await expect.poll(() => page.getByRole('button', { name: 'Sign in with a passkey' }).isEnabled()).toBe(true);
  const me = await page.evaluate(async () => (await fetch('/api/me')).status);
  expect(me).toBe(401);
});

it('shows what went wrong in the form, field by field', async () => {
  const { page } = await newPerson(t.browser, t.app.origin);
  await registerThroughUi(page, { handle: 'x', name: 'Xavier', phone: '12' }, 'refused');
  await page.getByText('Use 3 to 32 letters, digits, dots, dashes or underscores.').waitFor();
  expect(await page.getByLabel('Handle').getAttribute('aria-invalid')).toBe('true');
  expect(await axeViolations(page)).toEqual([]);
});
