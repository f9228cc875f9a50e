/** Français : les premiers pas après l’inscription et la vérification à la connexion. */
import type { english } from '../en/welcome.ts';
import type { Translation } from '../index.ts';

export default {
  welcomeName: 'Bienvenue, {name}',
  ready: 'Votre compte est prêt. Deux choses le rendent plus sûr, et chacune ne prend qu’un instant.',
  phoneVerified: 'Votre téléphone {masked} est vérifié.',
  knowCalling: 'Sachez quand c’est vraiment votre banque qui appelle',
  whenCalls:
    'Lorsque quelqu’un de votre banque vous appelle, cette application indique qui le demande, pour que vous puissiez vérifier que c’est bien elle.',
  noAlerts:
    ' Ce navigateur ne peut pas afficher d’alertes d’appel : lorsque votre banque appelle, ouvrez cette application pour vérifier qui appelle.',
  turnOnHint: ' Activez les alertes d’appel pour le voir même lorsque l’application est fermée.',
  continue: 'Continuer vers l’application',
  checkMobile: 'Vérifiez votre numéro de mobile',
  codesGoTo:
    'Les codes pour les bénéficiaires, les paiements et les connexions inhabituelles sont envoyés au {phone} une fois vérifié avec le code que nous y envoyons.',
  sendingCode: 'Envoi du code…',
  verifyPhone: 'Vérifier mon téléphone',
  codeCancelled: 'Annulé. Le code envoyé ne fonctionne plus.',
  sendNew: 'Envoyer un nouveau code',
  later: 'Plus tard : je le ferai dans Sécurité',
  new_country: 'Vous vous connectez depuis un pays d’où vous ne vous étiez jamais connecté.',
  impossible_travel:
    'Vous vous êtes connecté ailleurs il y a peu, trop loin pour que quiconque ait pu venir jusqu’ici depuis.',
  new_device: 'Vous vous connectez avec une clé d’accès ou un appareil jamais utilisé pour vous connecter.',
  always: 'Vous nous avez demandé de toujours envoyer un code à la connexion.',
  codeGone:
    'Ce code ne fonctionne plus : trop d’essais erronés, ou il a expiré. Recommencez et connectez-vous de nouveau avec votre clé d’accès.',
  checkYou: 'Vérifions que c’est bien vous',
  passkeyWorked:
    'Votre clé d’accès a fonctionné. Cette connexion ne ressemble pas à vos connexions habituelles, nous vous avons donc aussi envoyé un code :',
  signInCode: 'Votre code de connexion',
  checkAndSignIn: 'Vérifier le code et se connecter',
  startAgain: 'Recommencer',
  notSigningIn: 'Si vous n’êtes pas en train de vous connecter, ne saisissez ni ne communiquez ce code.',
} satisfies Translation<typeof english>;
