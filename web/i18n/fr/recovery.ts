/**
 * Français : la récupération du compte avec les contacts de confiance (web/recovery) : les étapes
 * sur le nouvel appareil, et la page qu’un contact ouvre depuis le lien de son SMS.
 */
import type { english } from '../en/recovery.ts';
import type { Translation } from '../index.ts';

export default {
  looking: 'Recherche d’une récupération lancée sur cet appareil…',
  recoverHeading: 'Récupérer votre compte',
  recoverIntro:
    'Vous avez perdu tous les appareils sur lesquels se trouvait votre clé d’accès ? Vous pouvez retrouver l’accès à votre compte grâce à un code envoyé sur votre téléphone et aux codes des contacts de confiance que vous avez désignés.',
  enterIdentifier: 'Saisissez votre identifiant ou votre numéro de téléphone.',
  identifierLabel: 'Votre identifiant ou numéro de téléphone',
  identifierHint:
    'L’identifiant que vous avez choisi, ou votre numéro de mobile vérifié au format international, par exemple +44 7911 123456.',
  sendingCode: 'Envoi du code…',
  sendCode: 'M’envoyer un code',
  backToSignIn: 'Retour à la connexion',
  startAgain: 'Recommencer',
  endedStartAgain: 'Cette récupération est terminée. Recommencez.',
  checkPhone: 'Vérifions qu’il s’agit bien de votre téléphone',
  sentTo: 'Nous avons envoyé un code par SMS au {to}.',
  notYourPhone: 'Si ce numéro n’est plus le vôtre, vous ne pourrez pas récupérer votre compte de cette façon.',
  firstCodeLabel: 'Le code que nous vous avons envoyé',
  checkCode: 'Vérifier le code',
  notRight: 'Ce code n’est pas le bon. {tries}.',
  firstTooMany: 'Trop de codes erronés : ce code ne fonctionne plus. Recommencez.',
  firstClosed: 'Ce code a expiré ou ne fonctionne plus. Recommencez.',
  askHeading: 'Demandez l’aide de vos contacts de confiance',
  askIntro:
    'Chaque contact que vous choisissez reçoit un code par SMS, ou une demande dans sa propre application {bank}. Avant de vous le communiquer, il vérifiera que c’est bien vous qui le demandez : appelez-le pour qu’il puisse le faire.',
  yourContacts: 'Vos contacts de confiance',
  askThese: 'Demander à ces contacts',
  chooseAtLeast: 'Choisissez-en au moins {n}.',
  asking: 'Envoi des demandes…',
  codesHeading: 'Les codes de vos contacts',
  codesIntro:
    'Appelez chaque contact sollicité. Une fois qu’il a vérifié que c’est bien vous, il vous lit le code que nous lui avons envoyé, ou il approuve dans sa propre application {bank} et cet écran l’affiche automatiquement.',
  confirmedBy: 'Confirmé par {approvals} des {quorum} contacts nécessaires.',
  notSent: 'Nous n’avons pas pu envoyer de SMS à {names}. Demandez à un autre contact.',
  askAnother: 'Demander à un autre contact',
  notAskedYet: 'Contacts non encore sollicités',
  askThemToo: 'Leur demander aussi',
  approved: 'Approuvé : ce contact a confirmé que c’est bien vous.',
  appExpired: 'Expiré : ce contact n’a pas approuvé à temps. Demandez à un autre contact.',
  askedInApp:
    'Demande envoyée dans son application {bank} : elle s’affichera comme approuvée dès que ce contact l’aura approuvée.',
  locked: 'Bloqué : trop de codes erronés. Demandez à un autre contact.',
  codeExpired: 'Expiré : le code de ce contact n’est plus valable. Demandez à un autre contact.',
  wrongCode: 'Code erroné. {tries}.',
  waitingCode: 'En attente de son code, ou de son approbation dans l’application.',
  codeFrom: 'Code de {name}',
  checkCodeFrom: 'Vérifier le code de {name}',
  almostThere: 'C’est presque terminé',
  recoverableOn:
    'Vos contacts ont confirmé que c’est bien vous. Pour votre sécurité, votre compte pourra être récupéré le {when}. Tous vos appareils et tous vos contacts ont été prévenus.',
  recoverableSoon:
    'Vos contacts ont confirmé que c’est bien vous. Pour votre sécurité, votre compte pourra être récupéré sous peu. Tous vos appareils et tous vos contacts ont été prévenus.',
  keepOpen:
    'Gardez cette page ouverte, ou revenez-y sur cet appareil : elle se met à jour automatiquement. Si quelqu’un arrête la récupération depuis l’un de vos appareils entre-temps, elle s’arrête ici.',
  createHeading: 'Créez votre nouvelle clé d’accès',
  canRecoverNow: 'Vos contacts ont confirmé que c’est bien vous. Votre compte peut maintenant être récupéré.',
  revokeOthers:
    'Déconnecter tous les autres appareils et supprimer les autres clés d’accès (recommandé si votre appareil a été perdu ou volé)',
  othersStay: 'Vos autres appareils restent connectés, et leurs clés d’accès continuent de fonctionner.',
  deviceWillAsk: 'Cet appareil vous demandera votre empreinte digitale, votre visage ou le verrouillage de l’écran.',
  creatingPasskey: 'Création de votre clé d’accès…',
  createPasskey: 'Créer une clé d’accès sur cet appareil',
  stoppedTitle: 'Récupération arrêtée',
  stoppedText: 'L’un de vos contacts a indiqué que vous ne lui aviez rien demandé. Cette récupération a été arrêtée.',
  cancelledTitle: 'Récupération annulée',
  cancelledText: 'Cette récupération a été annulée depuis un appareil connecté au compte.',
  endedTitle: 'Récupération terminée',
  expiredText: 'Cette récupération a pris fin : elle a pris trop de temps, ou un code a été erroné trop de fois.',
  endedText: 'Cette récupération est terminée.',
  recoveredTitle: 'Compte récupéré',
  recoveredText: 'Cette récupération est terminée. Connectez-vous avec la clé d’accès que vous avez créée.',
  abortTitle: 'Arrêter une récupération · {bank}',
  didTheyAsk: 'Vous a-t-on demandé un code ?',
  someoneRecovering:
    'Quelqu’un essaie de récupérer un compte et vous a désigné comme contact de confiance. Si personne ne vous a demandé de code, arrêtez cette récupération ici.',
  ifTheyDid:
    'Si cette personne vous l’a bien demandé, et que vous avez vérifié que c’est bien elle, vous n’avez rien à faire sur cette page. Ne communiquez jamais un code à quelqu’un sans l’avoir vérifié.',
  stopping: 'Arrêt de la récupération…',
  stopIt: 'On ne m’a rien demandé : arrêter cette récupération',
  stoppedReported: 'La récupération a été arrêtée et signalée.',
  brokenLink: 'Ce lien est incomplet. Ouvrez-le de nouveau depuis le SMS, tel que vous l’avez reçu.',
  endedAlready:
    'Cette récupération est déjà terminée, ou elle a été arrêtée : il n’y a plus rien à faire. Si vous pensez que quelqu’un essaie d’accéder à ce compte, prévenez son titulaire, ou appelez la banque au numéro figurant sur sa carte.',
} satisfies Translation<typeof english>;
