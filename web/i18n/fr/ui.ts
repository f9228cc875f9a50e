/** Français : les éléments de web/ui/ communs aux clients et au personnel, et les messages du client d’API. */
import type { english } from '../en/ui.ts';
import type { Translation } from '../index.ts';

export default {
  offline: 'Vous êtes hors ligne. L’application a besoin d’une connexion pour vérifier votre identité.',
  serverAnswered: 'Le serveur a répondu {status}. Réessayez.',
  passkeyCancelled: 'La demande de clé d’accès a été annulée ou a expiré. Réessayez.',
  passkeyExists: 'Cet appareil possède déjà une clé d’accès pour ce compte.',
  somethingWrong: 'Une erreur s’est produite. Réessayez.',
  callCardNumber: 'Appelez le numéro au dos de votre carte.',
  now: 'maintenant',
  copyNow: 'Copiez-le maintenant : il ne sera plus affiché.',
  copied: 'Copié dans le presse-papiers.',
  copyYourself: 'Ce navigateur ne nous a pas permis de copier. La clé est sélectionnée : copiez-la vous-même.',
  tooManyWrong: 'Trop de codes erronés : ce code ne fonctionne plus. Recommencez.',
  codeExpired: 'Ce code a expiré. Recommencez pour en obtenir un nouveau.',
  codeCancelled: 'Ce code a été annulé.',
  codeClosed: 'Ce code ne fonctionne plus. Recommencez.',
} satisfies Translation<typeof english>;
