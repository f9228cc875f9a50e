/**
 * The recovery cards of Home in French (issue 11: every screen in both languages, axe-clean): a
 * contact's "someone asks for your help" and the owner's "recovery of your account under way",
 * each answered by its French buttons.
 */
import { expect, it } from 'vitest';
import { axeViolations } from './browser.ts';
import { appPerTest } from './fixture.ts';
import { fr, snap, speakFrench, statusText } from './people.ts';
import { nameContacts, recoveringDevice } from './recovering-device.ts';
import { lee, pat, registerWithPhone, section } from './recovery-people.ts';

const start = appPerTest();
const slow = 150_000;

it(
  'shows a contact’s help request and the owner’s recovery under way in French, axe-clean',
  async () => {
    const { origin, browser } = await start({ RECOVERY_WAIT_HOURS: '1' });
    const jo = { handle: 'jo.bloggs', name: 'Jo Bloggs', phone: '+447911123456' };
    const sam = { handle: 'sam.bloggs', name: 'Sam Bloggs', phone: '+447911123457' };
    const owner = await registerWithPhone(browser, origin, jo);
    const helper = await registerWithPhone(browser, origin, sam);
    await nameContacts(owner, [sam, pat, lee]);
    await speakFrench(owner.page);
    await speakFrench(helper.page);

    // Someone asks Sam (in the app) and Pat: Sam's Home shows the request, in French.
    await recoveringDevice(origin).askContacts(jo.handle, jo.phone, [sam.name, pat.name]);
    const request = section(helper.page, 'Quelqu’un vous demande de l’aide');
    await request.waitFor({ timeout: 15_000 });
    await request.getByText(`${jo.name} essaie de retrouver l’accès à son compte`).waitFor();
    await request.getByText(fr('rappelez-la à un numéro que vous connaissez, ou voyez-la.')).waitFor();
    expect(await axeViolations(helper.page)).toEqual([]);
    await snap(helper.page, 'fr-help-request-390');
    await request.getByRole('button', { name: 'On ne m’a rien demandé' }).click();
    await request.getByText('Ceci arrête immédiatement la récupération et la signale à la banque.').waitFor();
    expect(await axeViolations(helper.page)).toEqual([]);
    await request.getByRole('button', { name: 'Oui, l’arrêter et la signaler' }).click();
    await statusText(helper.page, `Vous avez arrêté cette récupération du compte de ${jo.name}`).waitFor();

    // Another try, with Pat's and Lee's codes: Jo's Home shows the recovery under way, in French.
    const again = recoveringDevice(origin);
    await again.codesFrom(jo.phone, jo.phone, [pat, lee]);
    const underWay = section(owner.page, 'Récupération de votre compte en cours');
    await underWay.waitFor({ timeout: 15_000 });
    await underWay.getByText(/Elle peut aboutir le .+, sauf si vous l’annulez\./).waitFor();
    expect(await axeViolations(owner.page)).toEqual([]);
    await snap(owner.page, 'fr-own-recovery-390');
    await underWay.getByRole('button', { name: 'Annuler cette récupération — ce n’est pas moi' }).click();
    await underWay.getByRole('button', { name: 'Non, c’était moi' }).waitFor();
    expect(await axeViolations(owner.page)).toEqual([]);
    await underWay.getByRole('button', { name: 'Oui, l’annuler' }).click();
    await statusText(owner.page, fr('La récupération est annulée : personne ne pourra accéder')).waitFor();
    expect(await again.state()).toBe('canceled');
  },
  slow,
);
