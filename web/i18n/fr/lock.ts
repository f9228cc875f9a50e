/** Français : verrouiller le compte après « Ce n’était pas moi » (Accueil) et le déverrouillage par l’agent. */
import type { english } from '../en/lock.ts';
import type { Translation } from '../index.ts';

export default {
  notMe: 'Ce n’était pas moi',
  chooseHeading: 'Protégez votre compte maintenant',
  chooseIntro:
    'Si quelqu’un d’autre a fait cela, verrouillez votre compte, puis appelez {bank}. Vous pouvez faire les deux.',
  lockExplained:
    'Le verrouillage déconnecte aussitôt tous vos autres appareils et arrête toute récupération de votre compte. Tant que {bank} ne l’a pas déverrouillé, personne ne peut faire de paiement, ajouter de bénéficiaire, ajouter ou supprimer de clé d’accès, ni changer votre téléphone ou vos contacts de confiance. Cet appareil reste connecté pour que vous puissiez nous appeler.',
  lockButton: 'Verrouiller mon compte',
  locking: 'Verrouillage de votre compte…',
  callBank: 'Appeler {bank} au {phone}',
  back: 'Retour',
  lockedHeading: 'Votre compte est verrouillé',
  lockedSince: 'Verrouillé le {when}.',
  lockedWhat:
    'Tous vos autres appareils ont été déconnectés et toute récupération a été arrêtée. Personne ne peut faire de paiement, ajouter de bénéficiaire, ajouter ou supprimer de clé d’accès, ni changer votre téléphone ou vos contacts de confiance.',
  lockedNext:
    'Que faire maintenant : appelez {bank} au {phone}. L’agent vérifie l’appel avec vous dans cette application, puis déverrouille votre compte.',
  agentHeading: 'Le compte du client est verrouillé',
  agentSince:
    'Le client l’a verrouillé le {when} : il a vu dans son application quelque chose qu’il dit ne pas avoir fait.',
  agentVerifyFirst:
    'Vérifiez d’abord l’appelant. Une fois l’appel vérifié dans les deux sens, vous pourrez déverrouiller le compte ici. Ne le déverrouillez pas pour un appelant que vous n’avez pas vérifié.',
  agentCanUnlock:
    'L’appel est vérifié. Ne déverrouillez le compte que si le client vous le demande après en avoir parlé avec vous.',
  unlockButton: 'Déverrouiller le compte',
  unlocking: 'Déverrouillage…',
  unlocked: 'Le compte est déverrouillé. Le client peut de nouveau l’utiliser.',
} satisfies Translation<typeof english>;
