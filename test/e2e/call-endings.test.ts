/**
 * How a call verification ends other than verified: it expires, the customer declines, the agent
 * cancels; and the customer's "is the bank calling me now?" card follows it live.
 */
import type { WebSocketRoute } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations } from './browser.ts';
import { appPerTest } from './fixture.ts';
import {
  agentName,
  agentTeam,
  codeOnScreen,
  notCalling,
  setUpAgent,
  setUpCustomer,
  snap,
  startCall,
  statusText,
} from './people.ts';

const start = appPerTest();

it('shows both screens that the call expired, and treats the cleared call as ended', async () => {
  const { origin, browser } = await start({ CALL_TTL_SECONDS: '10' });
  const { agent } = await setUpAgent(browser, origin);
  const customer = await setUpCustomer(browser, origin);
  const callId = await startCall(agent.page);
  await customer.page.getByRole('button', { name: 'Yes, I am on a call' }).click();
  await codeOnScreen(customer.page);

  // The ten-second call runs out with nobody typing the code.
  await statusText(customer.page, /This verification expired/).waitFor({ timeout: 20_000 });
  await statusText(agent.page, 'This verification expired before it was finished.').waitFor({ timeout: 20_000 });
  expect(await customer.page.getByText(/^\d{3} \d{3}$/).count()).toBe(0);
  expect(await axeViolations(customer.page)).toEqual([]);
  expect(await axeViolations(agent.page)).toEqual([]);
  await snap(customer.page, 'customer-expired');
  await snap(agent.page, 'agent-expired');

  // Once the server has cleared it, a reloaded console finds the call gone: ended, not an error.
  await expect
    .poll(async () => (await agent.page.request.get(`/api/calls/${callId}`)).status(), { timeout: 10_000 })
    .toBe(404);
  await agent.page.reload();
  await statusText(agent.page, 'This verification has ended.').waitFor();
  await agent.page.getByRole('button', { name: 'Back to the console' }).click();
  await agent.page.getByRole('heading', { name: 'Find a customer' }).waitFor();
  await customer.page.getByRole('button', { name: 'Back to home' }).click();
  await notCalling(customer.page).waitFor();
});

it('tells the agent the customer declined, also when the agent’s live connection dropped meanwhile', async () => {
  const { origin, browser } = await start();
  const { agent } = await setUpAgent(browser, origin);
  const customer = await setUpCustomer(browser, origin);

  // The agent's call socket goes through a route the test can cut, as a flaky network would.
  let cut = false;
  const sockets: WebSocketRoute[] = [];
  await agent.page.routeWebSocket(/\/api\/calls\/[0-9a-f]{64}\/live$/, async (ws) => {
    if (cut) return ws.close({ code: 4000, reason: 'network down' });
    ws.connectToServer();
    sockets.push(ws);
  });
  await agent.page.reload();
  await startCall(agent.page);
  await customer.page.getByRole('heading', { name: 'Are you on a call with us right now?' }).waitFor();
  await expect.poll(() => sockets.length, { timeout: 10_000 }).toBe(1);

  // The connection drops and stays down while the customer answers.
  cut = true;
  await sockets[0]?.close({ code: 4000, reason: 'network down' });
  await customer.page.getByRole('button', { name: 'No, I am not on a call' }).click();
  await statusText(customer.page, 'Nothing was done. Countersign has been told.').waitFor();
  expect(await axeViolations(customer.page)).toEqual([]);
  await snap(customer.page, 'customer-declined');

  // Back online, the agent's screen catches up with what happened.
  cut = false;
  await statusText(
    agent.page,
    'The customer says they are not on a call with you. Do not act on this account.',
  ).waitFor({ timeout: 20_000 });
  expect(await axeViolations(agent.page)).toEqual([]);
  await snap(agent.page, 'agent-declined');
});

it('shows the call on the "is the bank calling me now?" card while it lasts, and the all-clear after', async () => {
  const { origin, browser } = await start();
  const { agent } = await setUpAgent(browser, origin);
  const customer = await setUpCustomer(browser, origin);
  await startCall(agent.page);

  // The app opens the new call by itself; back home, the card shows who is calling.
  await customer.page.getByRole('heading', { name: 'Are you on a call with us right now?' }).waitFor();
  await customer.page.getByRole('button', { name: 'Back to home' }).click();
  await statusText(customer.page, `${agentName}, ${agentTeam} is asking to verify this call`).waitFor();
  expect(await axeViolations(customer.page)).toEqual([]);
  await snap(customer.page, 'customer-card-calling');

  await customer.page.getByRole('button', { name: `Open the call from ${agentName}` }).click();
  await customer.page.getByRole('heading', { name: 'Are you on a call with us right now?' }).waitFor();
  await customer.page.getByRole('button', { name: 'Back to home' }).click();

  await agent.page.getByRole('button', { name: 'Cancel this verification' }).click();
  await statusText(agent.page, 'You cancelled this verification.').waitFor();
  await notCalling(customer.page).waitFor();
  expect(await customer.page.getByText(/is asking to verify this call/).count()).toBe(0);
});
