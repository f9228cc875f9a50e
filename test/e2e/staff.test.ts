import { expect, it } from 'vitest';
import { axeViolations, newPerson, registerThroughUi } from './browser.ts';
import { appAndBrowserPerTest } from './fixture.ts';
import { bootstrapSecret } from './server.ts';

const t = appAndBrowserPerTest();

it('lets the bootstrap admin invite an agent, who registers and opens the console', async () => {
  const admin = await newPerson(t.browser, t.app.origin);
  await registerThroughUi(admin.page, { handle: 'ada.admin', name: 'Ada Admin', invite: bootstrapSecret });
  await admin.page.getByRole('heading', { name: 'Administration' }).waitFor();
  expect(await axeViolations(admin.page)).toEqual([]);

  await admin.page.getByLabel('An agent').check();
  await admin.page.getByLabel('Team').fill('Fraud team');
  await admin.page.getByRole('button', { name: 'Issue invite code' }).click();
  const codeCell = admin.page.locator('dd', { hasText: /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/ });
  await codeCell.waitFor();
  const code = (await codeCell.textContent())?.trim() as string;
  await admin.page.getByRole('cell', { name: 'Agent, Fraud team' }).waitFor();
  expect(await axeViolations(admin.page)).toEqual([]);

  const agent = await newPerson(t.browser, t.app.origin);
  await registerThroughUi(agent.page, { handle: 'anna.k', name: 'Anna K.', invite: code });
  await agent.page.getByRole('heading', { name: 'Agent console' }).waitFor();
  await agent.page.getByRole('heading', { name: 'Signed in as Anna K.' }).waitFor();
  await agent.page.getByText('Fraud team').waitFor();
  expect(await axeViolations(agent.page)).toEqual([]);

  // The admin sees the invite used, by whom.
  await admin.page.reload();
  await admin.page.getByRole('cell', { name: /Used by anna\.k/ }).waitFor();

  // A second person cannot use the same code.
  const other = await newPerson(t.browser, t.app.origin);
  await registerThroughUi(other.page, { handle: 'mallory', name: 'Mallory', invite: code });
  await other.page
    .getByText(/invite code is not valid/)
    .first()
    .waitFor();
  await other.page.getByRole('heading', { name: 'Welcome to Countersign' }).waitFor();
});

it('refuses the bootstrap secret a second time', async () => {
  const first = await newPerson(t.browser, t.app.origin);
  await registerThroughUi(first.page, { handle: 'first.admin', name: 'First Admin', invite: bootstrapSecret });
  await first.page.getByRole('heading', { name: 'Administration' }).waitFor();
  const second = await newPerson(t.browser, t.app.origin);
  await registerThroughUi(second.page, { handle: 'second.admin', name: 'Second Admin', invite: bootstrapSecret });
  await second.page
    .getByText(/invite code is not valid/)
    .first()
    .waitFor();
});
