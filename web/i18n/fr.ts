/** The French catalogue (loaded only when French is chosen): the keys of en.ts, no more, no less. */
import type { Catalogue } from './en.ts';

export const fr = {
  'app.loading': 'Chargement de votre compte…',
  'app.loadingPart': 'Chargement…',
  'lazy.failed':
    'Cette partie de l’application n’a pas pu être chargée. Vérifiez votre connexion, puis rechargez la page.',
  'app.unreachable': 'Impossible de joindre Countersign',
  'app.unreachableSafe':
    'Vos clés d’accès et votre compte sont en sécurité. Réessayez lorsque vous aurez une connexion.',
  'app.tryAgain': 'Réessayer',
  'shell.signOut': 'Se déconnecter',
  'shell.offline':
    'Vous êtes hors ligne. Ce que vous voyez n’est peut-être plus à jour ; rien ne peut être vérifié avant la reconnexion.',
} satisfies Catalogue;
