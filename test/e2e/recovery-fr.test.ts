/**
 * Trusted-contact recovery in French, driven by the French words on screen: a customer whose
 * account speaks French recovers it from a new device whose browser speaks French (nobody is signed
 * in there, so the app speaks the browser's language); the contacts' text messages are in the
 * account's language; a contact who was not asked stops a recovery from the link in their message,
 * on a page in their browser's language. Every screen axe-clean, and photographed at 390×844.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations } from './browser.ts';
import { appPerTest } from './fixture.ts';
import { nextCode, outboxFor } from './outbox.ts';
import { snap, statusText, wrongCode } from './people.ts';
import {
  chooseFrench,
  jo,
  lee,
  masked,
  nameTrustedContacts,
  newFrenchPerson,
  pat,
  registerWithPhone,
  section,
} from './recovery-people.ts';

const start = appPerTest();
// Each test starts its own server, registers several people and runs several passkey ceremonies.
const slow = 200_000;
const ann = { name: 'Ann Other', phone: '+447911123460' };

/** axe finds nothing on the screen as it is now, in French (named, to say which screen failed). */
async function accessible(page: Page, screen: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
  await snap(page, `recovery-fr-${screen}`);
  expect({ screen, violations: await axeViolations(page) }).toEqual({ screen, violations: [] });
}

/** A screenshot at a desktop width too (1280×800), when E2E_SCREENSHOTS names a folder; then back to the phone. */
async function wide(page: Page, screen: string): Promise<void> {
  if (!process.env.E2E_SCREENSHOTS) return;
  await page.setViewportSize({ width: 1280, height: 800 });
  await snap(page, `recovery-fr-${screen}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
}

/** Jo registers, names 3 trusted contacts and chooses French for the account. */
async function frenchAccount(browser: Parameters<typeof registerWithPhone>[0], origin: string) {
  const old = await registerWithPhone(browser, origin, jo);
  await nameTrustedContacts(old.page, origin, [pat, lee, ann]);
  await chooseFrench(old.page);
  return old;
}

/** From the welcome of the new device to the codes of the contacts, past one wrong first code. */
async function upToTheContacts(page: Page, origin: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Appareil perdu ? Récupérez votre compte' }).click();
  await page.getByRole('heading', { name: 'Récupérer votre compte' }).waitFor();
  await page.getByRole('button', { name: 'M’envoyer un code' }).click();
  await page.getByText('Saisissez votre identifiant ou votre numéro de téléphone.').waitFor();
  await accessible(page, 'start');

  const seen = await outboxFor(origin, jo.phone);
  await page.getByLabel('Votre identifiant ou numéro de téléphone').fill(jo.handle);
  await page.getByRole('button', { name: 'M’envoyer un code' }).click();
  await page.getByRole('heading', { name: 'Vérifions qu’il s’agit bien de votre téléphone' }).waitFor();
  await page.getByText(`Nous avons envoyé un code par SMS au ${masked(jo.phone)}.`).waitFor();
  const { code, message } = await nextCode(origin, jo.phone, seen);
  // The account speaks French: so does the code sent to its phone.
  expect(message.text).toMatch(/^Le code \d{6} récupère votre compte/);
  await page.getByLabel('Le code que nous vous avons envoyé').fill(wrongCode(code));
  await page.getByRole('button', { name: 'Vérifier le code' }).click();
  await statusText(page, 'Ce code n’est pas le bon. 4 essais restants.').waitFor();
  await accessible(page, 'first-code');
  await page.getByLabel('Le code que nous vous avons envoyé').fill(code);
  await page.getByRole('button', { name: 'Vérifier le code' }).click();
  await page.getByRole('heading', { name: 'Demandez l’aide de vos contacts de confiance' }).waitFor();
}

/** Asks Pat and Lee (after trying with one only); answers what their phones received. */
async function askPatAndLee(page: Page, origin: string) {
  await page.getByLabel(pat.name).check();
  await page.getByRole('button', { name: 'Demander à ces contacts' }).click();
  await statusText(page, 'Choisissez-en au moins 2.').waitFor();
  await accessible(page, 'choose-contacts');
  await page.getByLabel(lee.name).check();
  const before = { pat: await outboxFor(origin, pat.phone), lee: await outboxFor(origin, lee.phone) };
  await page.getByRole('button', { name: 'Demander à ces contacts' }).click();
  await page.getByRole('heading', { name: 'Les codes de vos contacts' }).waitFor();
  await statusText(page, 'Confirmé par 0 des 2 contacts nécessaires.').waitFor();
  return {
    pat: await nextCode(origin, pat.phone, before.pat),
    lee: await nextCode(origin, lee.phone, before.lee),
  };
}

/** Types the code a contact read out, into their own field. */
async function typeContactCode(page: Page, name: string, code: string): Promise<void> {
  const card = section(page, name);
  await card.getByLabel(`Code de ${name}`).fill(code);
  await card.getByRole('button', { name: `Vérifier le code de ${name}` }).click();
}

it(
  'recovers in French: a contact checks and gives their code, another stops the recovery from the link, in French',
  async () => {
    // A real waiting period (1 hour), so that the recovering device shows it and a contact can stop it.
    const { origin, browser } = await start({ RECOVERY_WAIT_HOURS: '1' });
    await frenchAccount(browser, origin);

    const page = await newFrenchPerson(browser, origin);
    await upToTheContacts(page, origin);
    const codes = await askPatAndLee(page, origin);
    await accessible(page, 'collecting');
    await wide(page, 'collecting');

    // Pat's text message is in the account's language: who asks, check it is them, the link to stop it.
    expect(codes.pat.message.text).toContain(`${jo.name} vous demande un code`);
    expect(codes.pat.message.text).toContain('Vérifiez d’abord que c’est bien elle');
    expect(codes.pat.message.text).toContain(`${origin}/recovery/abort#r=`);
    // Pat checked it is Jo, and reads the code out: Jo types it in (once wrong, then right).
    await typeContactCode(page, pat.name, wrongCode(codes.pat.code));
    await statusText(page, 'Ce code n’est pas le bon. 4 essais restants.').waitFor();
    await typeContactCode(page, pat.name, codes.pat.code);
    await section(page, pat.name).getByText('Approuvé : ce contact a confirmé que c’est bien vous.').waitFor();
    await statusText(page, 'Confirmé par 1 des 2 contacts nécessaires.').waitFor();
    await page.getByText('Demander à un autre contact').click();
    await page.getByRole('group', { name: 'Contacts non encore sollicités' }).getByLabel(ann.name).waitFor();
    await accessible(page, 'one-approved');
    await typeContactCode(page, lee.name, codes.lee.code);

    await page.getByRole('heading', { name: 'C’est presque terminé' }).waitFor();
    await statusText(
      page,
      /Vos contacts ont confirmé que c’est bien vous\.\sPour votre sécurité, votre compte pourra être récupéré le \d/,
    ).waitFor();
    await accessible(page, 'waiting');

    // Ann was never asked, and is told of the quorum, in French, with a link of her own: she stops it.
    const [told] = await outboxFor(origin, ann.phone);
    expect(told?.text).toContain(`Le compte Countersign de ${jo.name} pourra être récupéré le`);
    const link = /(http\S+\/recovery\/abort#\S+)/.exec(told?.text ?? '')?.[1];
    expect(link, told?.text).toBeDefined();
    const contact = await newFrenchPerson(browser, origin);
    await contact.goto(link as string);
    await contact.getByRole('heading', { name: 'Vous a-t-on demandé un code ?' }).waitFor();
    await contact
      .getByText('Quelqu’un essaie de récupérer un compte et vous a désigné comme contact de confiance.')
      .waitFor();
    expect(await contact.title()).toBe('Arrêter une récupération · Countersign');
    await accessible(contact, 'abort-page');
    await wide(contact, 'abort-page');
    await contact.getByRole('button', { name: 'On ne m’a rien demandé : arrêter cette récupération' }).click();
    await statusText(contact, 'La récupération a été arrêtée et signalée.').waitFor();
    await accessible(contact, 'abort-page-stopped');
    // The same link again: nothing left to stop, and it says so in French.
    await contact.reload();
    await contact.getByRole('button', { name: 'On ne m’a rien demandé : arrêter cette récupération' }).click();
    await statusText(contact, 'Cette récupération est déjà terminée').waitFor();
    await accessible(contact, 'abort-page-ended');

    // The recovering device sees it stopped, and can only start again.
    await page.getByRole('heading', { name: 'Récupération arrêtée' }).waitFor();
    await statusText(
      page,
      'L’un de vos contacts a indiqué que vous ne lui aviez rien demandé. Cette récupération a été arrêtée.',
    ).waitFor();
    await accessible(page, 'aborted');
    await page.getByRole('button', { name: 'Recommencer' }).click();
    await page.getByRole('heading', { name: 'Récupérer votre compte' }).waitFor();
  },
  slow,
);

it(
  'recovers in French up to the new passkey, and signs in to the account in French',
  async () => {
    const { origin, browser } = await start();
    await frenchAccount(browser, origin);

    const page = await newFrenchPerson(browser, origin);
    await upToTheContacts(page, origin);
    const codes = await askPatAndLee(page, origin);
    await typeContactCode(page, pat.name, codes.pat.code);
    await typeContactCode(page, lee.name, codes.lee.code);

    // No wait in dev: the passkey at once.
    await page.getByRole('heading', { name: 'Créez votre nouvelle clé d’accès' }).waitFor();
    expect(await page.getByLabel(/^Déconnecter tous les autres appareils/).isChecked()).toBe(true);
    await accessible(page, 'ready');
    await wide(page, 'ready');
    await page.getByRole('button', { name: 'Créer une clé d’accès sur cet appareil' }).click();
    await page.getByRole('heading', { level: 1, name: `Bonjour, ${jo.name}` }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
  },
  slow,
);
