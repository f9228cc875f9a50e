/**
 * The customer's side of a call in French (issue 11: every screen in both languages, axe-clean):
 * the question, the code to read, the bank's code with the warning after a wrong one, verified;
 * "No, I am not on a call"; and the danger screen after too many wrong codes — driven by the
 * French labels a customer sees, at 390×844.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations } from './browser.ts';
import { appAndBrowserPerTest } from './fixture.ts';
import {
  agentName,
  agentTeam,
  codeOnScreen,
  fr,
  setUpAgent,
  setUpCustomer,
  snap,
  speakFrench,
  startCall,
  statusText,
  wrongCode,
} from './people.ts';

const t = appAndBrowserPerTest();

/** The agent checks the customer's code; returns the agent's own code. */
async function agentChecks(agent: Page, customer: Page): Promise<string> {
  const customerCode = await codeOnScreen(customer);
  await agent.getByLabel('The code the customer reads to you').fill(customerCode);
  await agent.getByRole('button', { name: 'Check the customer’s code' }).click();
  return codeOnScreen(agent);
}

it('verifies a call in French: the question, the code, the warning after a wrong code, verified — axe-clean', async () => {
  const { agent } = await setUpAgent(t.browser, t.app.origin);
  const customer = await setUpCustomer(t.browser, t.app.origin);
  await speakFrench(customer.page);
  await customer.page.getByText('Nous ne vous appelons pas en ce moment.', { exact: false }).waitFor();
  await startCall(agent.page);

  const page = customer.page;
  await page.getByRole('heading', { level: 1, name: 'Un appel de votre banque' }).waitFor();
  await page.getByRole('heading', { name: fr('Êtes-vous en ligne avec nous en ce moment ?') }).waitFor();
  await statusText(page, `${agentName} attend votre réponse.`).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await snap(page, 'fr-call-question-390');

  await page.getByRole('button', { name: 'Oui, je suis en ligne' }).click();
  await page.getByRole('heading', { name: `Lisez ce code à ${agentName}` }).waitFor();
  await page.getByText(/^Expire dans \d+:\d\d\. Ne le lisez qu’à la personne de cet appel\.$/).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await snap(page, 'fr-call-code-390');

  const agentCode = await agentChecks(agent.page, page);
  await page.getByRole('heading', { name: 'Vérifiez le code de la banque' }).waitFor();
  const field = page.getByLabel(`Le code que vous lit ${agentName}`);
  await field.waitFor();
  await page.getByText('Six chiffres.', { exact: false }).waitFor();
  await field.fill(wrongCode(agentCode));
  await statusText(page, 'Ce n’est pas le bon code. Si l’appelant vous demande de réessayer, raccrochez.').waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await snap(page, 'fr-call-wrong-code-390');
  await field.fill(agentCode.replace(' ', ''));

  await page.getByRole('heading', { level: 1, name: 'C’est bien Countersign' }).waitFor();
  await statusText(page, fr(`Vérifié : vous parlez avec ${agentName}, ${agentTeam}.`)).waitFor();
  const never = page.getByRole('region', { name: 'Au téléphone, Countersign ne vous demandera jamais de' });
  for (const item of [
    fr('virer de l’argent sur un « compte sécurisé »').replace('« ', '«\u00a0'),
    'communiquer votre code secret ou un code reçu par SMS',
    'installer une application',
  ])
    await never.getByRole('listitem').filter({ hasText: item }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await snap(page, 'fr-call-verified-390');
  await page.getByRole('button', { name: 'Retour à l’accueil' }).click();
});

it('in French: "No, I am not on a call" reassures; too many wrong codes give the danger screen — axe-clean', async () => {
  const { agent } = await setUpAgent(t.browser, t.app.origin);
  const customer = await setUpCustomer(t.browser, t.app.origin);
  await speakFrench(customer.page);
  await customer.page.getByText('Nous ne vous appelons pas en ce moment.', { exact: false }).waitFor();
  const page = customer.page;

  await startCall(agent.page);
  await page.getByRole('button', { name: 'Non, je ne suis pas en ligne' }).click();
  await page.getByRole('heading', { level: 1, name: 'Merci de nous avoir prévenus' }).waitFor();
  await statusText(
    page,
    fr('Aucune opération n’a été effectuée : les équipes de Countersign ont été prévenues.'),
  ).waitFor();
  const callBank = page.getByRole('link', { name: 'Appeler Countersign au +44 20 7946 0000' });
  expect(await callBank.getAttribute('href')).toBe('tel:+442079460000');
  expect(await axeViolations(page)).toEqual([]);
  await snap(page, 'fr-call-denied-390');
  await page.getByRole('button', { name: 'Retour à l’accueil' }).click();
  await agent.page.getByRole('button', { name: 'Back to the console' }).click();

  await startCall(agent.page);
  await page.getByRole('button', { name: 'Oui, je suis en ligne' }).click();
  const agentCode = await agentChecks(agent.page, page);
  const field = page.getByLabel(`Le code que vous lit ${agentName}`);
  for (const left of ['2 essais restants', '1 essai restant']) {
    await field.fill(wrongCode(agentCode));
    await statusText(page, `raccrochez. ${left}.`).waitFor();
  }
  await field.fill(wrongCode(agentCode));

  await page.getByRole('heading', { level: 1, name: 'Raccrochez maintenant' }).waitFor();
  await statusText(page, fr('Le code qu’on vous a lu n’est pas celui de Countersign. Raccrochez :')).waitFor();
  await page.getByText(`L’appelant a dit être ${agentName}, ${agentTeam}.`).waitFor();
  await page.getByRole('link', { name: 'Appeler Countersign au +44 20 7946 0000' }).waitFor();
  await page.getByRole('heading', { name: 'Signaler cet appel' }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await snap(page, 'fr-call-hang-up-390');
});
