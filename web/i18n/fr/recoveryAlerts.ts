/** Français : les alertes de récupération en haut de l’Accueil. */
import type { english } from '../en/recoveryAlerts.ts';
import type { Translation } from '../index.ts';

export default {
  collecting:
    'Nous demandons des codes à vos contacts de confiance. La récupération ne peut aboutir que si assez d’entre eux l’approuvent.',
  readyOn: 'Assez de vos contacts de confiance ont approuvé. Elle peut aboutir le {when}, sauf si vous l’annulez.',
  readyNow:
    'Assez de vos contacts de confiance ont approuvé. Elle peut aboutir dès maintenant : la personne qui l’a lancée peut ajouter une clé d’accès à votre compte à tout moment.',
  cancelled:
    'La récupération est annulée : personne ne pourra accéder à votre compte grâce à elle. Si vous ne l’avez pas lancée, quelqu’un connaît votre numéro de téléphone : demandez à vos contacts de confiance de ne donner de code à personne.',
  ownHeading: 'Récupération de votre compte en cours',
  ownAlert: 'Quelqu’un essaie de récupérer votre compte auprès de vos contacts de confiance.',
  started: 'Lancée le {when}.',
  confirmCancel:
    'Annuler cette récupération ? La personne qui l’a lancée n’accédera pas à votre compte. Si c’est vous, sur un nouvel appareil, conservez-la.',
  yesCancel: 'Oui, l’annuler',
  itWasMe: 'Non, c’était moi',
  notMe: 'Annuler cette récupération — ce n’est pas moi',
  approved: 'Vous avez approuvé la demande de {name}. Cela vaut votre code : vous n’avez rien d’autre à faire.',
  stopped:
    'Vous avez arrêté cette récupération du compte de {name} et nous l’avons signalée. Personne n’y accédera grâce à elle. Si c’était vraiment cette personne, elle peut recommencer.',
  helpHeading: 'Quelqu’un vous demande de l’aide',
  namedYou: '{name} essaie de retrouver l’accès à son compte et a cité votre nom parmi ses contacts de confiance.',
  checkFirst:
    'Avant d’approuver, vérifiez que c’est bien cette personne : rappelez-la à un numéro que vous connaissez, ou voyez-la. N’approuvez pas seulement parce qu’on vous l’a demandé, par message ou lors d’un appel qu’on vous a passé.',
  askedAt: 'Demandé à {asked} ; cette demande prend fin à {ends}.',
  notAsked:
    'Cette personne ne vous a rien demandé ? Alors quelqu’un d’autre essaie d’accéder au compte de {name}. Ceci arrête immédiatement la récupération et la signale à la banque.',
  stopAndReport: 'Oui, l’arrêter et la signaler',
  goBack: 'Retour',
  itIsThem: 'C’est bien la bonne personne — approuver avec ma clé d’accès',
  didNotAsk: 'On ne m’a rien demandé',
  waitingPasskey: 'En attente de votre clé d’accès…',
} satisfies Translation<typeof english>;
