/**
 * The account's language (issue 11): a customer switches to French in Security; Home, Payments and
 * Security are in French and axe-clean; the choice survives a reload (it is the account's); and the
 * bank's text messages to them are in French, the WebOTP line unchanged.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, newPerson, openTab, registerThroughUi } from './browser.ts';
import { appAndBrowserPerTest } from './fixture.ts';
import { nextCode, outboxFor } from './outbox.ts';

const t = appAndBrowserPerTest();

/** A screenshot of the viewport when E2E_SCREENSHOTS names a folder. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}

const frenchTab = (page: Page, name: 'Accueil' | 'Paiements' | 'Sécurité') =>
  page.getByRole('navigation', { name: 'Rubriques' }).getByRole('link', { name }).click();

it('switches to French in Security: every screen in French, axe-clean, after a reload too, and so are its SMS', async () => {
  const { page } = await newPerson(t.browser, t.app.origin);
  await page.setViewportSize({ width: 390, height: 844 });
  await registerThroughUi(page, { handle: 'jeanne.d', name: 'Jeanne Dupont', phone: '+44 7911 123456' });
  await page.getByRole('heading', { level: 1, name: 'Hello, Jeanne Dupont' }).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

  await openTab(page, 'Security');
  await page.getByLabel('Language / Langue').selectOption('fr');
  await page.getByRole('heading', { level: 1, name: 'Sécurité' }).waitFor();
  await page.getByText('Langue enregistrée.').waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
  await page.getByRole('heading', { level: 2, name: 'Vos clés d’accès' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Paramètres de connexion' }).waitFor();
  await page.getByText('Langue modifiée').waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, 'security-fr-390');

  await frenchTab(page, 'Accueil');
  await page.getByRole('heading', { level: 1, name: 'Bonjour, Jeanne Dupont' }).waitFor();
  await page.getByRole('region', { name: 'La banque m’appelle-t-elle en ce moment ?' }).waitFor();
  await page.getByText('Nous ne vous appelons pas en ce moment.', { exact: false }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, 'home-fr-390');

  await frenchTab(page, 'Paiements');
  await page.getByRole('heading', { level: 1, name: 'Paiements' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Valider un paiement' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Vos bénéficiaires' }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, 'payments-fr-390');

  // The choice is the account's: a reload (and the app's first answer) is in French.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Paiements' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Paiements récents' }).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
  expect(await page.getByRole('button', { name: /Se déconnecter/ }).count()).toBe(1);

  // A code the bank sends them now is in French, and ends with the origin-bound line.
  await frenchTab(page, 'Sécurité');
  await page.getByRole('heading', { level: 2, name: 'Votre téléphone' }).waitFor();
  const seen = await outboxFor(t.app.origin, '+447911123456');
  await page.getByRole('button', { name: 'Envoyer un code' }).click();
  const { message, code } = await nextCode(t.app.origin, '+447911123456', seen);
  expect(message.text).toMatch(
    /^Le code \d{6} confirme ce numéro pour votre compte .+\. Ne le lisez jamais à personne/,
  );
  expect(message.text.split('\n').at(-1)).toMatch(new RegExp(`^@\\S+ #${code}$`));
});

it('opens the welcome in French for a French browser, before anyone signs in, axe-clean', async () => {
  const context = await t.browser.newContext({ baseURL: t.app.origin, locale: 'fr-FR' });
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await page.getByRole('heading', { level: 1, name: 'Bienvenue sur Countersign' }).waitFor();
  await page.getByRole('button', { name: 'Créer un compte avec une clé d’accès' }).waitFor();
  expect(await page.getByLabel('Numéro de mobile (facultatif)').count()).toBe(1);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, 'welcome-fr-390');
  await context.close();
});
