/**
 * Staff lifecycle in Chromium: the admin disables an agent from the staff screen (confirmed on
 * screen, then with the admin's passkey); the agent's session ends and their passkey no longer
 * signs in; enabled again, the agent signs in with the same passkey.
 */
import { expect, it } from 'vitest';
import { axeViolations } from './browser.ts';
import { appAndBrowserPerTest } from './fixture.ts';
import { setUpAgent, statusText } from './people.ts';

const t = appAndBrowserPerTest();

it('lets an admin disable an agent, who is signed out and cannot sign in, then enable them again', async () => {
  const { admin, agent } = await setUpAgent(t.browser, t.app.origin);
  const page = admin.page;
  await page.reload();
  const staff = page.locator('section', { has: page.getByRole('heading', { name: 'Staff' }) });
  const agentRow = staff.getByRole('listitem').filter({ hasText: 'Anna K.' });
  await agentRow.getByText(/Agent, Fraud team · last sign-in/).waitFor();
  await staff.getByRole('listitem').filter({ hasText: 'Ada Admin' }).getByText(/· you/).waitFor();
  expect(await axeViolations(page)).toEqual([]);

  // Disable: asked to confirm first; "Keep their access" changes nothing.
  await agentRow.getByRole('button', { name: 'Disable Anna K.' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Disable Anna K.?' });
  await dialog.waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Keep their access' }).click();
  await dialog.waitFor({ state: 'detached' });
  await agentRow.getByText('Enabled').waitFor();

  await agentRow.getByRole('button', { name: 'Disable Anna K.' }).click();
  await page.getByRole('button', { name: 'Yes, disable Anna K.' }).click();
  await statusText(page, /Anna K\. is disabled/).waitFor();
  await agentRow.getByText(/^Disabled/).waitFor();

  // The agent's session ended at once; their passkey no longer signs in.
  expect(await agent.page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);
  await agent.page.reload();
  await agent.page.getByRole('heading', { name: 'Welcome to Countersign' }).waitFor();
  await agent.page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await agent.page
    .getByRole('alert')
    .filter({ hasText: /Sign-in failed/ })
    .waitFor();
  expect(await agent.page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);

  // Enabled again: the same passkey signs in.
  await agentRow.getByRole('button', { name: 'Enable Anna K.' }).click();
  await page.getByRole('button', { name: 'Yes, enable Anna K.' }).click();
  await statusText(page, /Anna K\. is enabled again/).waitFor();
  await agentRow.getByText('Enabled').waitFor();
  await agent.page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await agent.page.getByRole('heading', { name: 'Agent console' }).waitFor();

  // Both security logs say so.
  await page.reload();
  await page.getByText('You disabled a staff member').first().waitFor();
  await page.getByText('You enabled a staff member again').first().waitFor();
});
