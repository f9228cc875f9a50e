/**
 * The staff screens in French (issue 11), driven by their French labels: an agent switches the
 * console to French (the language choice beside their account), finds a customer, is told plainly
 * when none matches, and verifies a call both ways; an admin in French manages staff, invites,
 * API keys and webhook endpoints (each change confirmed with the passkey). axe finds nothing at
 * each step. Screenshots (E2E_SCREENSHOTS): the console at 1280×800, the admin screen at 390×844.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, newPerson, registerThroughUi } from './browser.ts';
import { appAndBrowserPerTest } from './fixture.ts';
import { codeOnScreen, customerHandle, customerName, setUpAgent, setUpCustomer, statusText } from './people.ts';
import { bootstrapSecret } from './server.ts';

const t = appAndBrowserPerTest();
const slowTest = 150_000;

/** A screenshot of the viewport when E2E_SCREENSHOTS names a folder. */
async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage });
}

/** Switches the signed-in staff member's account to French, as a customer does in Security. */
async function chooseFrench(page: Page, heading: string): Promise<void> {
  await page.getByLabel('Language / Langue').selectOption('fr');
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await page.getByText('Langue enregistrée.').waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
}

/** The agent looks a customer up by handle, in French. */
async function findByHandle(page: Page, handle: string): Promise<void> {
  await page.getByLabel('Identifiant', { exact: true }).check();
  await page.getByLabel('Identifiant du client', { exact: true }).fill(handle);
  await page.getByRole('button', { name: 'Rechercher le client' }).click();
}

it(
  'gives the agent the console in French: find a customer, a miss said plainly, a call verified both ways',
  async () => {
    const { agent } = await setUpAgent(t.browser, t.app.origin);
    const customer = await setUpCustomer(t.browser, t.app.origin);
    const page = agent.page;
    await page.setViewportSize({ width: 1280, height: 800 });

    await chooseFrench(page, 'Console conseiller');
    await page.getByRole('heading', { level: 2, name: 'Rechercher un client' }).waitFor();
    await page.getByRole('complementary', { name: 'Votre compte' }).getByText('Votre session : Anna K.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A typo: no customer matches, and the console says so in French.
    await findByHandle(page, 'jo.blogs');
    await statusText(page, 'Aucun client n’a l’identifiant jo.blogs.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await findByHandle(page, customerHandle);
    const card = page.getByRole('region', { name: customerName });
    await card.getByText('Application installée (clé d’accès)').waitFor();
    await card.getByRole('heading', { level: 3, name: `Vérifier l’identité de ${customerName}` }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'agent-console-fr-1280');

    await page.getByRole('button', { name: 'Demander au client de confirmer' }).click();
    await page.getByRole('heading', { level: 1, name: `Vérification de ${customerName}` }).waitFor();
    await statusText(page, 'En attente du client…').waitFor();
    await page.getByRole('complementary', { name: 'Le client' }).getByText(customerName).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The customer (in English) confirms and reads their code; the agent checks it in French.
    await customer.page.getByRole('button', { name: 'Yes, I am on a call' }).click();
    const customerCode = await codeOnScreen(customer.page);
    await statusText(page, 'Le client a confirmé avec sa clé d’accès.').waitFor();
    await page.getByLabel('Le code que le client vous lit').fill(customerCode);
    await page.getByRole('button', { name: 'Vérifier le code du client' }).click();
    await page.getByRole('heading', { level: 2, name: 'Lisez ce code au client' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'agent-code-fr-1280');

    const agentCode = await codeOnScreen(page);
    await customer.page.getByLabel(/^The code .+ reads to you$/).fill(agentCode);
    await statusText(page, `Vérifié : vous êtes bien en ligne avec ${customerName} (${customerHandle}).`).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'agent-verified-fr-1280');
    await page.getByRole('button', { name: 'Retour à la console' }).click();
    await page.getByRole('heading', { level: 1, name: 'Console conseiller' }).waitFor();
  },
  slowTest,
);

it(
  'gives the admin staff, invites, API keys and webhooks in French, each change confirmed with the passkey',
  async () => {
    const admin = await newPerson(t.browser, t.app.origin);
    const page = admin.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await registerThroughUi(page, { handle: 'ada.admin', name: 'Ada Admin', invite: bootstrapSecret });
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await chooseFrench(page, 'Administration');
    await page.getByText('Votre session : Ada Admin (administrateur).').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Collaborateurs' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Ajouter un point de terminaison webhook' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'admin-fr-390');

    // An invite for an agent; the agent registers with it (in English: their own choice).
    const issue = page.getByRole('region', { name: 'Émettre une invitation' });
    await issue.getByLabel('Un conseiller').check();
    await issue.getByLabel('Équipe').fill('Équipe antifraude');
    await issue.getByRole('button', { name: 'Émettre le code d’invitation' }).click();
    const codeCell = issue.locator('dd', { hasText: /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/ });
    await issue.getByText(/^Code d’invitation pour un conseiller \(Équipe antifraude\), affiché uniquement/).waitFor();
    const code = ((await codeCell.textContent()) ?? '').trim();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'admin-invite-fr-390');
    const agent = await newPerson(t.browser, t.app.origin);
    await registerThroughUi(agent.page, { handle: 'anna.k', name: 'Anna K.', invite: code });
    await agent.page.getByRole('heading', { name: 'Agent console' }).waitFor();

    // The staff list, after a reload, names the agent; disabling asks first, then the passkey.
    await page.reload();
    const staff = page.getByRole('region', { name: 'Collaborateurs' });
    await staff.getByText('Conseiller, Équipe antifraude · dernière connexion le', { exact: false }).waitFor();
    await staff.getByRole('button', { name: 'Désactiver Anna K.' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Désactiver Anna K. ?' });
    await dialog.getByText('Nous vous demandons votre clé d’accès pour confirmer.', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Oui, désactiver Anna K.' }).click();
    await statusText(page, 'Anna K. est désactivé.').waitFor();
    await staff.getByRole('button', { name: 'Activer Anna K.' }).waitFor();

    // An API key, shown once.
    const issueKey = page.getByRole('region', { name: 'Émettre une clé d’API' });
    await issueKey.getByLabel('Nom du système').fill('Back-office des paiements');
    await issueKey.getByRole('button', { name: 'Émettre la clé d’API' }).click();
    await issueKey.locator('dd', { hasText: /^csk_[0-9a-f]{16}_/ }).waitFor();
    await issueKey.getByText(/Clé d’API pour Back-office des paiements \(Vérifications\)/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await issueKey.getByRole('button', { name: 'Je l’ai copiée : masquer la clé' }).click();
    const keys = page.getByRole('region', { name: 'Clés d’API' });
    await keys.getByText('Active').waitFor();

    // A webhook endpoint: added with the passkey, its secret shown once, then deleted with the passkey.
    const url = 'http://localhost:9/countersign';
    const add = page.getByRole('region', { name: 'Ajouter un point de terminaison webhook' });
    await add.getByLabel('URL du point de terminaison').fill(url);
    await add.getByLabel(/^Appels/).uncheck();
    await add.getByRole('button', { name: 'Ajouter le point de terminaison' }).click();
    await add
      .getByText(/Secret de signature pour http:\/\/localhost:9\/countersign \(Vérifications, Récupérations\)/)
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'admin-webhook-fr-390');
    await add.getByRole('button', { name: 'Je l’ai copié : masquer le secret' }).click();
    const endpoints = page.getByRole('region', { name: 'Points de terminaison webhook' });
    await endpoints.getByText(/^Vérifications, Récupérations · ajouté le/).waitFor();
    await endpoints.getByRole('button', { name: `Supprimer le point de terminaison ${url}` }).click();
    await endpoints.getByText(`Supprimer ${url} ?`, { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await endpoints.getByRole('button', { name: 'Oui, le supprimer' }).click();
    await statusText(page, `${url} est supprimé.`).waitFor();

    // Each change is in the admin's security events, in French.
    await page.reload();
    await page.getByText('Vous avez supprimé un point de terminaison webhook').first().waitFor();
    await page.getByText('Vous avez ajouté un point de terminaison webhook').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'admin-events-fr-390', true);
  },
  slowTest,
);
