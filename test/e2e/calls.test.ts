/**
 * Two-way call verification in the browser: an agent and a customer, each with their own context
 * and passkey, read each other's codes off their screens.
 */
import { expect, it } from 'vitest';
import { axeViolations } from './browser.ts';
import { appAndBrowserPerTest } from './fixture.ts';
import {
  agentName,
  agentTeam,
  codeOnScreen,
  customerName,
  findCustomer,
  setUpAgent,
  setUpCustomer,
  snap,
  startCall,
  statusText,
  wrongCode,
} from './people.ts';

const t = appAndBrowserPerTest();

it('verifies both ways: each reads their code to the other, and both screens end on verified', async () => {
  const { agent } = await setUpAgent(t.browser, t.app.origin);
  const customer = await setUpCustomer(t.browser, t.app.origin);
  expect(await axeViolations(customer.page)).toEqual([]);
  expect(await axeViolations(agent.page)).toEqual([]);
  await snap(customer.page, 'customer-home');
  await snap(agent.page, 'agent-console');

  // A handle nobody has (a typo): the console says so plainly.
  await findCustomer(agent.page, 'Handle', 'nobody.here');
  await statusText(agent.page, 'No customer has the handle nobody.here.').waitFor();

  await startCall(agent.page);
  await agent.page.getByRole('heading', { name: `Verifying ${customerName}` }).waitFor();
  expect(await axeViolations(agent.page)).toEqual([]);
  await snap(agent.page, 'agent-waiting');

  // The customer's app opens the call by itself, naming who asks.
  const asks = customer.page.getByRole('heading', { name: 'Are you on a call with us right now?' });
  await asks.waitFor();
  await customer.page.getByText(agentName, { exact: true }).waitFor();
  await customer.page.getByText(agentTeam, { exact: true }).waitFor();
  expect(await axeViolations(customer.page)).toEqual([]);
  await snap(customer.page, 'customer-question');

  await customer.page.getByRole('button', { name: 'Yes, I am on a call' }).click();
  await customer.page.getByRole('heading', { name: `Read this code to ${agentName}` }).waitFor();
  const customerCode = await codeOnScreen(customer.page);
  await customer.page.getByText(/Expires in \d+:\d{2}/).waitFor();
  expect(await axeViolations(customer.page)).toEqual([]);
  await snap(customer.page, 'customer-code');

  // The agent mistypes once (tries left shown), then types what the customer reads.
  await statusText(agent.page, 'The customer confirmed with their passkey').waitFor();
  const customerCodeField = agent.page.getByLabel('The code the customer reads to you');
  await customerCodeField.fill(wrongCode(customerCode));
  await agent.page.getByRole('button', { name: 'Check the customer’s code' }).click();
  await statusText(agent.page, 'That is not the code. 4 tries left.').waitFor();
  expect(await axeViolations(agent.page)).toEqual([]);
  await snap(agent.page, 'agent-customer-code-wrong');
  await customerCodeField.fill(customerCode);
  await agent.page.getByRole('button', { name: 'Check the customer’s code' }).click();
  await agent.page.getByRole('heading', { name: 'Read this code to the customer' }).waitFor();
  const firstAgentCode = await codeOnScreen(agent.page);

  // A reload loses the agent's code; the console returns to the call and makes a new one.
  await agent.page.reload();
  await agent.page.getByRole('button', { name: 'Show a new code' }).click();
  const agentCode = await codeOnScreen(agent.page);
  expect(agentCode).not.toBe(firstAgentCode);
  expect(await axeViolations(agent.page)).toEqual([]);
  await snap(agent.page, 'agent-code');

  // The customer's screen has moved on to the agent's code; the first one no longer works.
  const agentCodeField = customer.page.getByLabel(`The code ${agentName} reads to you`);
  await agentCodeField.waitFor();
  expect(await axeViolations(customer.page)).toEqual([]);
  await snap(customer.page, 'customer-agent-code');
  // The field is focused and checks the code at its sixth digit: no button to press.
  await agentCodeField.fill(firstAgentCode);
  await statusText(
    customer.page,
    'That is not the code. If the caller tells you to keep trying, hang up. 2 tries left.',
  ).waitFor();
  await agentCodeField.fill(agentCode);

  await customer.page.getByRole('heading', { name: 'This is really Countersign' }).waitFor();
  await statusText(customer.page, `Verified: you are speaking with ${agentName}, ${agentTeam}.`).waitFor();
  await customer.page.getByRole('heading', { name: 'Countersign will never ask you on a call to' }).waitFor();
  await customer.page.getByText('move money to a “safe account”').waitFor();
  await statusText(agent.page, `Verified: you are speaking with ${customerName} (jo.bloggs).`).waitFor();
  expect(await axeViolations(customer.page)).toEqual([]);
  expect(await axeViolations(agent.page)).toEqual([]);
  await snap(customer.page, 'customer-verified');
  await snap(agent.page, 'agent-verified');

  // Back home, the card shows the verified call.
  await customer.page.getByRole('button', { name: 'Back to home' }).click();
  await customer.page.getByText(`Verified call with ${agentName}, ${agentTeam}`).waitFor();
  await agent.page.getByRole('button', { name: 'Back to the console' }).click();
  await agent.page.getByRole('heading', { name: 'Find a customer' }).waitFor();
});

it('tells the customer to hang up after three wrong agent codes (the default CALL_AGENT_CODE_TRIES), takes a report, and shows the incident', async () => {
  const { admin, agent } = await setUpAgent(t.browser, t.app.origin);
  const customer = await setUpCustomer(t.browser, t.app.origin);
  await agent.page.getByText('No incidents.').waitFor();
  await startCall(agent.page);

  await customer.page.getByRole('button', { name: 'Yes, I am on a call' }).click();
  const customerCode = await codeOnScreen(customer.page);
  await agent.page.getByLabel('The code the customer reads to you').fill(customerCode);
  await agent.page.getByRole('button', { name: 'Check the customer’s code' }).click();
  const agentCode = await codeOnScreen(agent.page);

  // Someone who is not the agent reads out codes that are not the agent's.
  const field = customer.page.getByLabel(`The code ${agentName} reads to you`);
  for (const left of ['2 tries left', '1 try left']) {
    await field.fill(wrongCode(agentCode));
    await statusText(
      customer.page,
      `That is not the code. If the caller tells you to keep trying, hang up. ${left}.`,
    ).waitFor();
  }
  await field.fill(wrongCode(agentCode));

  // A full danger screen: the caller only as what they claimed, and the bank's real number.
  await customer.page.getByRole('heading', { name: 'Hang up now' }).waitFor();
  await statusText(customer.page, 'The code you were read is not Countersign’s code.').waitFor();
  await customer.page.getByText(`The caller said they were ${agentName}, ${agentTeam}.`).waitFor();
  const callBank = customer.page.getByRole('link', { name: 'Call Countersign on +44 20 7946 0000' });
  expect(await callBank.getAttribute('href')).toBe('tel:+442079460000');
  expect(await customer.page.getByRole('heading', { name: 'A call from your bank' }).count()).toBe(0);
  await statusText(agent.page, /the customer typed a wrong code too many times/).waitFor();
  expect(await axeViolations(customer.page)).toEqual([]);
  await snap(customer.page, 'customer-hang-up');

  await customer.page.getByLabel('What happened? (optional)').fill('He asked me to move my savings.');
  await customer.page.getByRole('button', { name: 'Report this call' }).click();
  await statusText(customer.page, 'Thank you: your report was recorded.').waitFor();
  expect(await axeViolations(customer.page)).toEqual([]);
  await snap(customer.page, 'customer-reported');

  // Both incidents are in the agent console and the admin's home.
  await agent.page.getByRole('button', { name: 'Back to the console' }).click();
  await agent.page.getByRole('cell', { name: 'Reported by the customer' }).waitFor();
  await agent.page.getByRole('cell', { name: 'He asked me to move my savings.' }).waitFor();
  await agent.page.getByRole('cell', { name: /typed a wrong agent code too many times/ }).waitFor();
  expect(await agent.page.getByRole('cell', { name: `${agentName}, ${agentTeam}` }).count()).toBe(2);
  expect(await axeViolations(agent.page)).toEqual([]);
  await snap(agent.page, 'agent-incidents');
  await admin.page.reload();
  await admin.page.getByRole('cell', { name: 'Reported by the customer' }).waitFor();
  expect(await axeViolations(admin.page)).toEqual([]);
  await snap(admin.page, 'admin-incidents');
});
