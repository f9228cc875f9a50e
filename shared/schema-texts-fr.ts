/**
 * The API schemas' own field messages (the `error:` of the zod schemas in shared/ and the routes)
 * in French, keyed by their English text: the error response says a schema's message in French
 * when French is asked for. test/worker/error-language.test.ts finds every such message in the
 * sources and fails when one has no French here.
 */
import { personNameMaxLength, personNameProblem } from './person-name.ts';
import { textLimits, textMessage } from './text.ts';
import { maxWebhookUrlLength, webhookEventTypes } from './webhooks.ts';

export const frenchSchemaTexts: Readonly<Record<string, string>> = {
  [personNameProblem]:
    'Utilisez uniquement des lettres, des espaces, des traits d’union et des apostrophes (ni chiffres, ni liens, ni @).',
  [`Use at most ${personNameMaxLength} characters.`]: `Utilisez au plus ${personNameMaxLength} caractères.`,
  [`At most ${maxWebhookUrlLength} characters.`]: `Au plus ${maxWebhookUrlLength} caractères.`,
  [`Choose from ${webhookEventTypes.join(', ')}.`]: `Choisissez parmi ${webhookEventTypes.join(', ')}.`,
  'A number from 1 to 100.': 'Un nombre de 1 à 100.',
  'A payment needs the amount.': 'Un paiement a besoin du montant.',
  'Adding a payee takes no amount.': 'L’ajout d’un bénéficiaire ne prend pas de montant.',
  'Agents belong to a team.': 'Les conseillers font partie d’un service.',
  'Choose "en" (English) or "fr" (français).': 'Choisissez « en » (English) ou « fr » (français).',
  'Choose "risk" (only when needed) or "always".': 'Choisissez « risk » (seulement si nécessaire) ou « always ».',
  'Choose at least one event type.': 'Choisissez au moins un type d’événement.',
  'Choose at least one scope.': 'Choisissez au moins une portée.',
  'Choose customer, agent or admin.': 'Choisissez customer, agent ou admin.',
  'Choose invite, api_key, access or webhook.': 'Choisissez invite, api_key, access ou webhook.',
  'Choose passkeys, contact or settings.': 'Choisissez passkeys, contact ou settings.',
  'Choose sign_in, add_payee, payment, recovery or enrol_phone.':
    'Choisissez sign_in, add_payee, payment, recovery ou enrol_phone.',
  'Choose sms or call.': 'Choisissez sms ou call.',
  'Choose sms, call or email.': 'Choisissez sms, call ou email.',
  'Choose verifications, aggregator, audit or customers.': 'Choisissez verifications, aggregator, audit ou customers.',
  'Choose your contacts.': 'Choisissez vos contacts.',
  'Confirm with your passkey to invite an admin.': 'Confirmez avec votre clé d’accès pour inviter un administrateur.',
  'Each event type once.': 'Chaque type d’événement une seule fois.',
  'Enter a handle.': 'Saisissez un identifiant.',
  'Enter a phone number.': 'Saisissez un numéro de téléphone.',
  'Enter an amount above zero with at most two decimals.':
    'Saisissez un montant supérieur à zéro avec au plus deux décimales.',
  'Enter the 6-digit code.': 'Saisissez le code à 6 chiffres.',
  'Enter the account number or IBAN.': 'Saisissez le numéro de compte ou l’IBAN.',
  'Enter the amount, such as 12.50.': 'Saisissez le montant, par exemple 12.50.',
  'Enter the currency, such as GBP.': 'Saisissez la devise, par exemple EUR.',
  'Enter the customer reference.': 'Saisissez la référence client.',
  'Enter the invite code.': 'Saisissez le code d’invitation.',
  'Enter the six digits of the code.': 'Saisissez les six chiffres du code.',
  'Enter the six-digit code.': 'Saisissez le code à six chiffres.',
  'Expected a P-256 public key: 65 bytes in base64url.':
    'Une clé publique P-256 est attendue : 65 octets en base64url.',
  'Expected an auth secret: 16 bytes in base64url.':
    'Un secret d’authentification est attendu : 16 octets en base64url.',
  'Expected an object.': 'Un objet est attendu.',
  'Expected base64url text.': 'Un texte en base64url est attendu.',
  'Give 3 to 5 contacts.': 'Donnez de 3 à 5 contacts.',
  'Give a limit from 1 to 100.': 'Donnez une limite de 1 à 100.',
  'Give a limit from 1 to 500.': 'Donnez une limite de 1 à 500.',
  'Give a phone number in international format or an e-mail address.':
    'Donnez un numéro de téléphone au format international ou une adresse e-mail.',
  'Give an IPv4 or IPv6 address, such as 203.0.113.7.': 'Donnez une adresse IPv4 ou IPv6, par exemple 203.0.113.7.',
  'Give rate_limits as { "end_user_ip_address": "…" }.':
    'Donnez rate_limits sous la forme { "end_user_ip_address": "…" }.',
  'Give the Countersign-Next-Cursor header of an earlier page.':
    'Donnez l’en-tête Countersign-Next-Cursor d’une page précédente.',
  'Give the amount: value and currency.': 'Donnez le montant : valeur et devise.',
  'Give the end user’s IP address.': 'Donnez l’adresse IP de l’utilisateur final.',
  'Give the https URL that receives the events.': 'Donnez l’URL https qui reçoit les événements.',
  'Give the next_cursor of an earlier page.': 'Donnez le next_cursor d’une page précédente.',
  'Give the payee: name and account.': 'Donnez le bénéficiaire : nom et compte.',
  'Give the phone number or e-mail address to enrol.':
    'Donnez le numéro de téléphone ou l’adresse e-mail à enregistrer.',
  'Invites are for agents or admins.': 'Les invitations sont destinées aux conseillers ou aux administrateurs.',
  'Missing ceremony id.': 'Identifiant de cérémonie manquant.',
  'Missing passkey id.': 'Identifiant de clé d’accès manquant.',
  'Missing the auth secret.': 'Le secret d’authentification manque.',
  'Missing the p256dh key.': 'La clé p256dh manque.',
  'Missing the push endpoint.': 'Le point de terminaison push manque.',
  'Missing the subscription keys.': 'Les clés de l’abonnement manquent.',
  'Name at least 3 contacts.': 'Désignez au moins 3 contacts.',
  'Name at most 5 contacts.': 'Désignez au plus 5 contacts.',
  'Not a call id.': 'Ce n’est pas un identifiant d’appel.',
  'Not a ceremony id.': 'Ce n’est pas un identifiant de cérémonie.',
  'Not a contact id.': 'Ce n’est pas un identifiant de contact.',
  'Not a payee id.': 'Ce n’est pas un identifiant de bénéficiaire.',
  'Not a recovery id.': 'Ce n’est pas un identifiant de récupération.',
  'Not a recovery link.': 'Ce n’est pas un lien de récupération.',
  'Not a staff id.': 'Ce n’est pas un identifiant de membre du personnel.',
  'Not a verification id.': 'Ce n’est pas un identifiant de vérification.',
  'Not a webhook endpoint id.': 'Ce n’est pas un identifiant de point de terminaison de webhook.',
  'Not an API key id.': 'Ce n’est pas un identifiant de clé d’API.',
  'Say true or false.': 'Indiquez true ou false.',
  'Say whether the old passkeys stop working.': 'Indiquez si les anciennes clés d’accès cessent de fonctionner.',
  'Search by one of handle, phone or reference.': 'Recherchez par identifiant, téléphone ou référence (un seul).',
  'That is too long for a phone number or e-mail.': 'C’est trop long pour un numéro de téléphone ou un e-mail.',
  'That is too long for a phone number.': 'C’est trop long pour un numéro de téléphone.',
  'That is too long for an IP address.': 'C’est trop long pour une adresse IP.',
  'That is too long for an account number.': 'C’est trop long pour un numéro de compte.',
  'That is too long for an invite code.': 'C’est trop long pour un code d’invitation.',
  'The push endpoint must be an https URL of at most 2048 characters.':
    'Le point de terminaison push doit être une URL https d’au plus 2048 caractères.',
  'Use 1 to 64 letters, digits, dots, dashes or underscores.':
    'Utilisez de 1 à 64 lettres, chiffres, points, tirets ou tirets bas.',
  'Use 3 to 32 letters, digits, dots, dashes or underscores.':
    'Utilisez de 3 à 32 lettres, chiffres, points, tirets ou tirets bas.',
  'Use a three-letter currency code, such as GBP.': 'Utilisez un code de devise à trois lettres, par exemple EUR.',
  'add_payee and payment need the transaction; other purposes take none.':
    'add_payee et payment demandent la transaction ; les autres usages n’en prennent pas.',
  // The free-text fields' own messages (shared/text.ts, `textField`): what each one is missing…
  'Enter your name.': 'Saisissez votre nom.',
  "Enter the contact's name.": 'Saisissez le nom du contact.',
  'Name the system that will use this key.': 'Nommez le système qui utilisera cette clé.',
  'Name the passkey.': 'Nommez la clé d’accès.',
  "Enter the payee's name.": 'Saisissez le nom du bénéficiaire.',
  'Enter your handle or your phone number.': 'Saisissez votre identifiant ou votre numéro de téléphone.',
  'Say what happened.': 'Dites ce qui s’est passé.',
  'Enter a team.': 'Saisissez un service.',
  // …and what is wrong with a text, whichever field (every length a field allows).
  [textMessage('malformed', textLimits.personName, '')]:
    'Ce texte contient des caractères Unicode non valides. Saisissez-le de nouveau.',

  [textMessage('control', textLimits.reportNote, '')]: 'Retirez les caractères de contrôle ou invisibles.',
  [textMessage('control', textLimits.personName, '')]:
    'Utilisez uniquement des lettres, des chiffres, des espaces et de la ponctuation.',
  ...Object.fromEntries(
    Object.values(textLimits).map((limits) => [
      textMessage('too_long', limits, ''),
      `Utilisez au plus ${limits.max.toLocaleString('fr-FR')}\u00a0caractères.`,
    ]),
  ),
};
