/** The bank's messages in French (wording.ts), for an account whose language is `fr`. */
import type { Wording } from './wording.ts';

const typeIt = 'Ne le lisez jamais à personne, pas même à la banque : saisissez-le dans l’application.';

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

export const frenchWording: Wording = {
  typeIt,
  someone: 'Une personne que vous connaissez',
  thePayee: 'LE BÉNÉFICIAIRE',
  payee: (name, ending) => `${name}, compte se terminant par ${ending}`,
  amount: (value, currency) => `${value.replace('.', ',')} ${currency}`,
  date: (at) => `${dateFormat.format(at)} UTC`,
  otp: {
    add_payee: (code, payee) => `Le code ${code} ajoute le bénéficiaire ${payee}. ${typeIt}`,
    payment: (code, amount, payee) => `Le code ${code} valide le paiement de ${amount} à ${payee}. ${typeIt}`,
    sign_in: (code, bank) => `Le code ${code} vous connecte à ${bank}. ${typeIt}`,
    recovery: (code, bank) =>
      `Le code ${code} récupère votre compte ${bank}. ${typeIt} Si vous ne l’avez pas demandé, quelqu’un d’autre essaie d’accéder à votre compte : ne l’utilisez pas.`,
    enrol_phone: (code, bank) => `Le code ${code} confirme ce numéro pour votre compte ${bank}. ${typeIt}`,
    call_fallback: (code) =>
      `Code ${code} : lisez-le uniquement au conseiller de la banque avec qui vous êtes en ligne, et seulement si la banque vous identifie pendant cet appel. Ne le saisissez nulle part, ne le donnez à personne d’autre.`,
  },
  contactNominated: (holder, bank) =>
    `${holder} vous a désigné(e) comme contact de confiance pour son compte ${bank}. Si cette personne vous demande un jour un code ${bank}, vérifiez d’abord que c’est bien elle : rappelez-la à un numéro que vous connaissez, ou voyez-la. Seulement alors, donnez le code.`,
  contactCode: (holder, bank, code, link) =>
    `${holder} vous demande un code pour retrouver l’accès à son compte ${bank}. Vérifiez d’abord que c’est bien elle : rappelez-la à un numéro que vous connaissez, ou voyez-la. Puis donnez ce code à elle seule : ${code}. Si elle ne vous a rien demandé, ouvrez ${link}`,
  recoveryQuorum: (holder, bank, when, link) =>
    `Le compte ${bank} de ${holder} pourra être récupéré ${when ? `le ${when}` : 'dès maintenant'} avec les codes de ses contacts de confiance. Si cette personne ne vous a pas demandé de code, ouvrez ${link} pour l’arrêter.`,
  changes: {
    passkey_added: 'Une nouvelle clé d’accès a été ajoutée à votre compte.',
    passkey_removed: 'Une clé d’accès a été supprimée de votre compte.',
    phone_changed: 'Le numéro de téléphone de votre compte a changé.',
    email_changed: 'L’adresse e-mail de votre compte a changé.',
    sign_in_settings_changed: 'Les paramètres de connexion de votre compte ont changé.',
    trusted_contacts_changed: 'Les contacts de confiance de votre compte ont changé.',
    contact_added: 'Un contact de confiance a été ajouté à votre compte.',
    contact_removed: 'Un contact de confiance a été supprimé de votre compte.',
  },
  announcement: (change, bank) =>
    `${bank} : ${change} Si ce n’est pas vous, ouvrez l’application maintenant ou appelez-nous au numéro figurant sur votre carte.`,
};
