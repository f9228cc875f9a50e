/**
 * The API's error messages in French: every error code of shared/errors.ts and every field
 * message of shared/field-messages.ts (a code or a key without French is a type error). Answered
 * to a request that asks for French (`Accept-Language: fr`, as the app sends when it speaks French).
 */
import type { ErrorCode } from './errors.ts';
import type { FieldText } from './field-messages.ts';

export const frenchErrorMessages = {
  invalid_input: 'Certains champs sont à corriger.',
  malformed_json: 'Le corps de la requête n’est pas un JSON valide.',
  unsupported_media_type: 'Envoyez le corps de la requête en application/json.',
  payload_too_large: 'Le corps de la requête est trop volumineux.',
  origin_rejected: 'Cette requête ne vient pas de l’application Countersign.',
  not_signed_in: 'Connectez-vous pour continuer.',
  forbidden: 'Votre compte ne permet pas cette action.',
  not_found: 'Il n’y a rien ici.',
  method_not_allowed: 'Cette méthode n’est pas autorisée ici.',
  handle_taken: 'Cet identifiant est déjà pris. Choisissez-en un autre.',
  invite_invalid: 'Ce code d’invitation n’est pas valide. Il a peut-être déjà servi ou expiré.',
  ceremony_invalid: 'Cette demande de clé d’accès a expiré ou a déjà servi. Recommencez.',
  passkey_rejected: 'La clé d’accès n’a pas pu être vérifiée. Réessayez.',
  sign_in_failed: 'La connexion a échoué. Utilisez une clé d’accès enregistrée pour Countersign.',
  last_passkey: 'Vous ne pouvez pas supprimer votre seule clé d’accès. Ajoutez-en d’abord une autre.',
  passkey_not_found: 'Cette clé d’accès n’existe pas sur votre compte.',
  fresh_assertion_required:
    'Confirmez d’abord avec votre clé d’accès : cette action modifie la protection de votre compte.',
  staff_not_found: 'Ce membre du personnel n’existe pas.',
  webhook_not_found: 'Ce point de terminaison de webhook n’existe pas. Il a peut-être été supprimé.',
  webhook_limit: 'Il y a déjà 10 points de terminaison de webhook. Supprimez-en un d’abord.',
  last_admin: 'C’est le dernier administrateur actif : activez ou invitez d’abord un autre administrateur.',
  staff_disabled: 'Ce compte du personnel est désactivé. Adressez-vous à un administrateur.',
  call_not_found: 'Cette vérification d’appel n’existe pas, ou elle est terminée.',
  call_state: 'Cette vérification d’appel n’en est plus à cette étape. Regardez de nouveau l’écran.',
  customer_not_enrolled:
    'Ce client n’a pas l’application. Envoyez plutôt un code à usage unique à son téléphone vérifié.',
  customer_not_found:
    'Aucun client ne correspond. Vérifiez la saisie avec le client, ou recherchez avec une autre information.',
  customer_no_phone:
    'Ce client n’a pas de téléphone vérifié : aucun code ne peut lui être envoyé. Vérifiez son identité autrement.',
  lookup_limit: 'Vous avez recherché beaucoup de clients en peu de temps. Patientez un peu, puis réessayez.',
  account_locked:
    'Votre compte est verrouillé : aucun paiement, ajout ni changement n’est possible tant que la banque ne l’a pas déverrouillé. Appelez la banque au numéro figurant sur votre carte.',
  call_not_verified:
    'Vérifiez d’abord l’appelant : un compte n’est déverrouillé qu’au cours d’un appel vérifié dans les deux sens, avant sa fin.',
  reference_taken: 'Un autre client a déjà cette référence.',
  api_key_invalid: 'Cette clé d’API n’est pas valide, ou elle a été révoquée.',
  verification_not_found: 'Cette vérification n’existe pas, ou elle est terminée.',
  idempotency_key_reused: 'Cette Idempotency-Key a servi pour une autre requête. Utilisez une nouvelle clé.',
  verification_closed: 'Cette vérification n’est plus en attente. Lancez-en une nouvelle.',
  destination_not_allowed: 'Les codes ne peuvent pas être envoyés par SMS ou appel vers des numéros de ce pays.',
  rate_limited: 'Trop de codes ont été demandés. Patientez un peu, puis réessayez.',
  too_many_requests: 'Trop de tentatives depuis ce réseau. Patientez un peu, puis réessayez.',
  send_limit: 'Plus aucun code ne peut être envoyé pour cette vérification. Lancez-en une nouvelle.',
  delivery_failed: 'Nous n’avons pas pu envoyer le code pour le moment. Réessayez, ou choisissez un autre canal.',
  code_wrong: 'Ce code n’est pas le bon.',
  consent_required: 'Le titulaire du compte n’a pas autorisé cet agrégateur à consulter son compte.',
  payee_unknown: 'Ajoutez d’abord ce bénéficiaire : les paiements ne vont qu’aux bénéficiaires validés.',
  contacts_set_up_already: 'Vos contacts de confiance sont déjà définis. Ajoutez-les ou supprimez-les un par un.',
  contacts_not_set_up: 'Désignez d’abord vos 3 premiers contacts de confiance.',
  contacts_limit: 'Gardez entre 3 et 5 contacts de confiance.',
  contact_change_too_soon:
    'Vos contacts de confiance ont changé récemment. Pour votre sécurité, la prochaine modification doit attendre un jour.',
  recovery_not_found: 'Cette récupération n’existe pas, ou elle est terminée. Recommencez.',
  recovery_state: 'Cette récupération n’en est plus à cette étape. Regardez de nouveau l’écran.',
  misconfigured:
    'Ce déploiement a encore des réglages réservés au développement : il refuse donc de fonctionner. Son administrateur doit les modifier (voir le journal du serveur).',
  not_configured: 'Ce service n’est pas encore configuré. Prévenez votre administrateur.',
  unavailable: 'Nous sommes très sollicités en ce moment. Rien n’a été modifié ni compté : réessayez dans un instant.',
  internal: 'Une erreur s’est produite de notre côté. Réessayez.',
} as const satisfies { readonly [code in ErrorCode]: string };

export const frenchFieldTexts = {
  invisible_characters: 'Supprimez les caractères de contrôle ou invisibles.',
  choose_contacts: 'Choisissez suffisamment de contacts.',
  asked_in_app:
    'Ce contact a été sollicité dans son application Countersign : aucun code n’est nécessaire, son approbation y suffit.',
  contacts_invalid: 'Un contact ne peut pas être vous-même, et chacun doit avoir son propre numéro.',
  contact_number_own: 'Chaque contact doit avoir son propre numéro.',
  push_endpoint: 'Le point de terminaison push doit être une URL https d’au plus 2048 caractères.',
  push_service: 'Countersign n’envoie pas de notifications au service push de ce navigateur.',
  p256dh: 'Cette clé n’est pas un point de la courbe P-256.',
  push_auth: 'Un secret d’authentification est attendu : 16 octets en base64url.',
  staff_unchanged: 'Ce membre du personnel est déjà dans cet état.',
  disable_yourself: 'Vous ne pouvez pas vous désactiver vous-même. Adressez-vous à un autre administrateur.',
  channel_not_for: 'Cette vérification ne peut pas passer par ce canal.',
  webhook_types: 'Choisissez au moins un type d’événement.',
  webhook_url:
    'Utilisez une URL https sans nom d’utilisateur, mot de passe ni #fragment (http://localhost seulement quand l’application tourne sur localhost).',
  lookup_phone: 'Saisissez le numéro au format international, par exemple +44 7700 900123.',
  reference_taken: 'Un autre client a déjà cette référence.',
  reference_format: 'Utilisez de 1 à 64 lettres, chiffres, points, tirets ou tirets bas.',
  code_wrong_one: 'Ce code n’est pas le bon. 1 essai restant.',
  code_wrong: 'Ce code n’est pas le bon. {left} essais restants.',
  name_account: 'Indiquez le compte, la destination, ou les deux.',
  idempotency_key: 'Donnez de 1 à 255 caractères ASCII visibles, par exemple un UUID.',
  websocket: 'Une WebSocket est attendue.',
  cursor_invalid:
    'Ce n’est pas un curseur de cet export. Donnez l’en-tête Countersign-Next-Cursor d’une page précédente.',
  cursor_expired:
    'Ce curseur date de plus de 30 jours, la durée de conservation de l’export. Recommencez sans curseur.',
  phone_not_international: 'Commencez par + et l’indicatif du pays, par exemple +33 6 12 34 56 78.',
  phone_not_a_number: 'Ce n’est pas un numéro de téléphone : vérifiez les chiffres.',
  phone_not_in_use: 'Aucun téléphone n’a ce numéro : vérifiez les chiffres.',
  phone_not_mobile: 'C’est un numéro fixe. Donnez un numéro de mobile : nous envoyons les codes par SMS.',
  phone_not_allowed: 'Nous ne pouvons envoyer de SMS qu’aux numéros commençant par {codes}.',
  phone_no_country: 'Nous ne pouvons envoyer de SMS qu’aux numéros d’un pays autorisé par la banque.',
  destination_format: 'Donnez un numéro de téléphone au format international (+33…) ou une adresse e-mail.',
  unexpected_field: 'Champ inattendu : {keys}.',
  channel_fits: 'Les SMS et les appels vont vers un numéro de téléphone, les e-mails vers une adresse.',
} as const satisfies { readonly [key in FieldText]: string };
