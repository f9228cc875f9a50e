/** Français : l’accueil administrateur, les collaborateurs et les invitations. Typographie : espace insécable avant « : » et dans « », espace fine insécable avant ; ! ? */
import type { english } from '../en/admin.ts';
import type { Translation } from '../index.ts';

export default {
  // AdminHome.tsx
  adminHeading: 'Administration',
  signedInAs: 'Votre session : {name} (administrateur).',
  loadingIntegrations: 'Chargement des clés d’API…',
  // Staff.tsx
  staffDisabledNow:
    '{name} est désactivé. Ses sessions ont pris fin et ses clés d’accès ne permettent plus de se connecter.',
  staffEnabledNow: '{name} est de nouveau activé et peut se connecter avec sa clé d’accès.',
  staffHeading: 'Collaborateurs',
  staffHint:
    'Conseillers et administrateurs. Désactivez une personne qui est partie : cela prend effet immédiatement, sur tous ses appareils.',
  loadingStaff: 'Chargement des collaborateurs…',
  noStaff: 'Aucun collaborateur pour l’instant.',
  staffMembers: 'Liste des collaborateurs',
  roleAdmin: 'Administrateur',
  roleAgent: 'Conseiller, {team}',
  noTeam: 'sans équipe',
  lastSignIn: '{role} · dernière connexion le {when}',
  never: 'jamais',
  enabled: 'Activé',
  disabled: 'Désactivé',
  disabledAt: 'Désactivé le {when}',
  you: ' · vous',
  disable: 'Désactiver',
  enable: 'Activer',
  disableQ: 'Désactiver {name} ?',
  enableQ: 'Activer {name} ?',
  disableText:
    'Ses sessions prennent fin immédiatement sur tous ses appareils, ses clés d’accès ne permettent plus de se connecter et ses appels en cours sont annulés. Vous pourrez le réactiver plus tard.',
  enableText: 'Cette personne pourra de nouveau se connecter avec sa clé d’accès.',
  askPasskey: 'Nous vous demandons votre clé d’accès pour confirmer.',
  confirmPasskey: 'Confirmez avec votre clé d’accès…',
  yesDisable: 'Oui, désactiver {name}',
  yesEnable: 'Oui, activer {name}',
  keepAccess: 'Conserver son accès',
  cancel: 'Annuler',
  // Invites.tsx
  usedBy: 'Utilisé par {who} le {when}',
  someone: 'une personne',
  expired: 'Expiré',
  unused: 'Non utilisé, expire le {when}',
  issueHeading: 'Émettre une invitation',
  inviteFor: 'L’invitation est destinée à',
  anAgent: 'Un conseiller',
  anAdmin: 'Un administrateur',
  team: 'Équipe',
  teamHint: 'Les clients la voient lorsque le conseiller leur demande une vérification, par exemple Équipe antifraude.',
  issuing: 'Émission…',
  issueInvite: 'Émettre le code d’invitation',
  adminInviteHint: 'Une invitation d’administrateur demande d’abord votre clé d’accès.',
  inviteShown_agent:
    'Code d’invitation pour un conseiller ({team}), affiché uniquement maintenant. Il ne sert qu’une fois, jusqu’au {when} :',
  inviteShown_admin:
    'Code d’invitation pour un administrateur, affiché uniquement maintenant. Il ne sert qu’une fois, jusqu’au {when} :',
  inviteCode: 'Code d’invitation',
  invitesHeading: 'Invitations que vous avez émises',
  loadingInvites: 'Chargement des invitations…',
  noneYet: 'Aucune pour l’instant.',
  colFor: 'Pour',
  colIssued: 'Émise',
  colState: 'État',
} satisfies Translation<typeof english>;
