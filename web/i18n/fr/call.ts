/** Français : les alertes urgentes de l’Accueil et le signalement d’un appel. */
import type { english } from '../en/call.ts';
import type { Translation } from '../index.ts';

export default {
  recoveryStarted: 'Quelqu’un a lancé une récupération de votre compte auprès de vos contacts de confiance.',
  recoveryAborted:
    'L’un de vos contacts de confiance a arrêté une récupération de votre compte : personne ne le lui avait demandé.',
  newPasskey: 'Une nouvelle clé d’accès a été ajoutée à votre compte.',
  phoneChanged: 'Le numéro de téléphone de votre compte a changé.',
  newCountry: 'Quelqu’un s’est connecté à votre compte depuis un pays d’où vous ne vous étiez jamais connecté.',
  newCountryNamed:
    'Quelqu’un s’est connecté à votre compte depuis un pays d’où vous ne vous étiez jamais connecté ({country}).',
  wasThisYou: 'Était-ce vous ?',
  happenedTimes: ' C’est arrivé {n} fois.',
  lastOn: 'Dernière fois le {when}',
  wasMe: 'C’était moi',
  reportHeading: 'Signaler cet appel',
  reportHint: 'Dites-nous ce que l’appelant a dit ou demandé. Notre équipe antifraude lit chaque signalement.',
  whatHappened: 'Que s’est-il passé ? (facultatif)',
  sendingReport: 'Envoi de votre signalement…',
  reported: 'Merci : votre signalement a été enregistré. Notre équipe antifraude va l’examiner.',
} satisfies Translation<typeof english>;
