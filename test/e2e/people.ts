/** The cast of the call-verification tests, set up through the UI as each would do it themselves. */
import type { Browser, Page } from 'playwright-core';
import { newPerson, type Person, registerThroughUi } from './browser.ts';
import { bootstrapSecret } from './server.ts';

export const agentName = 'Anna K.';
export const agentTeam = 'Fraud team';
export const customerHandle = 'jo.bloggs';
export const customerName = 'Jo Bloggs';

/** The bootstrap admin registers with the bootstrap secret and sees the administration screen. */
export async function setUpAdmin(browser: Browser, origin: string): Promise<Person> {
  const admin = await newPerson(browser, origin);
  await registerThroughUi(admin.page, { handle: 'ada.admin', name: 'Ada Admin', invite: bootstrapSecret });
  await admin.page.getByRole('heading', { name: 'Administration' }).waitFor();
  return admin;
}

/** The bootstrap admin invites an agent, who registers with the invite code (as in staff.test.ts). */
export async function setUpAgent(
  browser: Browser,
  origin: string,
  who: { handle: string; name: string; team: string } = { handle: 'anna.k', name: agentName, team: agentTeam },
): Promise<{ admin: Person; agent: Person }> {
  const admin = await setUpAdmin(browser, origin);
  await admin.page.getByLabel('An agent').check();
  await admin.page.getByLabel('Team').fill(who.team);
  await admin.page.getByRole('button', { name: 'Issue invite code' }).click();
  const codeCell = admin.page.locator('dd', { hasText: /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/ });
  await codeCell.waitFor();
  const code = (await codeCell.textContent())?.trim() as string;

  const agent = await newPerson(browser, origin);
  await registerThroughUi(agent.page, { handle: who.handle, name: who.name, invite: code });
  await agent.page.getByRole('heading', { name: 'Agent console' }).waitFor();
  return { admin, agent };
}

/** A customer registers in the app and sees that the bank is not calling. */
export async function setUpCustomer(
  browser: Browser,
  origin: string,
  who: { handle: string; name: string } = { handle: customerHandle, name: customerName },
): Promise<Person> {
  const customer = await newPerson(browser, origin);
  await registerThroughUi(customer.page, who);
  await customer.page.getByRole('heading', { name: `Hello, ${who.name}` }).waitFor();
  await notCalling(customer.page).waitFor();
  return customer;
}

/** POST from inside the page, with its session cookie and its Origin, as the app itself would. */
export function postAsPage(page: Page, path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ([path, body]) => {
      const response = await fetch(path as string, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    [path, body] as const,
  );
}

/** The "is the bank calling me now?" card's all-clear. */
export const notCalling = (page: Page) => page.getByText('We are not calling you right now.');

const lookupFields = {
  Handle: "Customer's handle",
  'Verified phone': 'Verified phone number',
  Reference: 'Customer reference',
};

/** The agent finds a customer in the console by one of the three kinds. */
export async function findCustomer(agent: Page, by: keyof typeof lookupFields, value: string): Promise<void> {
  await agent.getByLabel(by, { exact: true }).check();
  await agent.getByLabel(lookupFields[by], { exact: true }).fill(value);
  await agent.getByRole('button', { name: 'Find the customer' }).click();
}

/** The agent finds the customer by handle, asks their app to confirm the call and waits; returns the call's id. */
export async function startCall(agent: Page, handle = customerHandle): Promise<string> {
  const started = agent.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/calls'));
  await findCustomer(agent, 'Handle', handle);
  await agent.getByRole('button', { name: 'Ask the customer to confirm' }).click();
  const { call } = (await (await started).json()) as { call: { id: string } };
  await statusText(agent, 'Waiting for the customer…').waitFor();
  return call.id;
}

/** A live status or alert message with this text. */
export const statusText = (page: Page, text: string | RegExp) =>
  page.locator('[role=status], [role=alert]').filter({ hasText: text });

/** The six-digit code on screen, as it is read aloud (`482 915`). */
export async function codeOnScreen(page: Page): Promise<string> {
  const code = page.getByText(/^\d{3} \d{3}$/);
  await code.waitFor();
  return ((await code.textContent()) ?? '').trim();
}

/** Some other six-digit code. */
export const wrongCode = (code: string) => (code.replace(/\s/g, '') === '000000' ? '111 111' : '000 000');

/** Saves a screenshot when E2E_SCREENSHOTS names a folder (to look at the screens by eye). */
export async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** French as the app typesets it: a non-breaking space before : ; ! ? */
export const fr = (text: string) => text.replace(/ ([:;!?»])/g, '\u00a0$1');

/** The signed-in person (on a phone) chooses French in Security, then goes back to Home. */
export async function speakFrench(page: Page): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Security' }).click();
  await page.getByLabel('Language / Langue').selectOption('fr');
  await page.getByText('Langue enregistrée.').waitFor();
  await page.getByRole('navigation', { name: 'Rubriques' }).getByRole('link', { name: 'Accueil' }).click();
}
