/** Français : les clés d’API et les webhooks de l’écran administrateur. Même typographie que fr/agent.ts. */
import type { english } from '../en/integrations.ts';
import type { Translation } from '../index.ts';

export default {
  // ApiKeys.tsx
  revoke: 'Révoquer',
  revokeQ: 'Révoquer {name} ? Son système sera refusé dès maintenant. Cette action est définitive.',
  revoking: 'Révocation…',
  yesRevoke: 'Oui, révoquer {name}',
  keepIt: 'La conserver',
  keepEndpoint: 'Le conserver',
  revokedSaid: '{name} est révoquée.',
  apiKeysHeading: 'Clés d’API',
  loadingKeys: 'Chargement des clés d’API…',
  noneYet: 'Aucune pour l’instant.',
  noEndpoints: 'Aucun pour l’instant.',
  keyMeta: '{scopes} · émise le {when} par {by}',
  revokedAt: 'Révoquée le {when}',
  live: 'Active',
  // IssueApiKey.tsx
  scope_verifications: 'Vérifications',
  scope_verifications_hint: 'Envoyer et vérifier des codes à usage unique (/api/v1/verifications).',
  scope_aggregator: 'Agrégateur',
  scope_aggregator_hint: 'Consulter un compte, uniquement après que son titulaire a autorisé cette clé.',
  scope_audit: 'Événements de sécurité',
  scope_audit_hint:
    'Lire les événements de sécurité de tous les comptes pour le SIEM de la banque (/api/v1/security-events).',
  scope_customers: 'Références client',
  scope_customers_hint:
    'Attribuer à un client la référence interne de la banque, grâce à laquelle les conseillers peuvent le retrouver (/api/v1/customers).',
  issueKeyHeading: 'Émettre une clé d’API',
  issueKeyHint:
    'Pour un système de la banque qui envoie des codes, un agrégateur ou le SIEM de la banque. Il appelle avec l’en-tête Authorization: Bearer. L’émission d’une clé demande d’abord votre clé d’accès.',
  keyName: 'Nom du système',
  keyNameHint: 'Qui utilisera cette clé, par exemple Back-office des paiements.',
  keyMay: 'Ce que la clé permet',
  issuing: 'Émission…',
  issueKey: 'Émettre la clé d’API',
  apiKeyTerm: 'Clé d’API',
  copyKey: 'Copier la clé d’API',
  hideKey: 'Je l’ai copiée : masquer la clé',
  keyShown:
    'Clé d’API pour {name} ({scopes}). Nous n’en conservons qu’une empreinte ; si elle est perdue, émettez-en une nouvelle et révoquez celle-ci.',
  // Webhooks.tsx
  delete: 'Supprimer',
  deleteWhich: ' le point de terminaison {url}',
  deleteQ:
    'Supprimer {url} ? Les événements encore en attente pour lui ne seront pas envoyés. Nous vous demandons votre clé d’accès pour confirmer.',
  confirmPasskey: 'Confirmez avec votre clé d’accès…',
  yesDelete: 'Oui, le supprimer',
  status_pending: 'Nouvel essai prévu',
  status_delivered: 'Livré',
  status_failed: 'Échec',
  deliveriesHeading: 'Livraisons webhook récentes',
  loadingDeliveries: 'Chargement des livraisons…',
  noDeliveries: 'Aucune pour l’instant.',
  oneAttempt: '{n} tentative',
  attempts: '{n} tentatives',
  lastAnswer: ' · dernière réponse HTTP {status}',
  nextTry: ' · prochain essai le {when}',
  refreshDeliveries: 'Actualiser les livraisons',
  deletedSaid: '{url} est supprimé.',
  endpointsHeading: 'Points de terminaison webhook',
  loadingEndpoints: 'Chargement des points de terminaison webhook…',
  endpointMeta: '{types} · ajouté le {when} par {by}',
  // AddWebhook.tsx
  event_verification: 'Vérifications',
  event_verification_hint: 'codes à usage unique : approuvés, expirés…',
  event_call: 'Appels',
  event_call_hint: 'vérifications d’appel : vérifiées, échouées…',
  event_recovery: 'Récupérations',
  event_recovery_hint: 'récupérations par contacts de confiance : lancées, terminées…',
  addHeading: 'Ajouter un point de terminaison webhook',
  addHint:
    'Les systèmes de la banque sont prévenus lorsqu’une cérémonie change de statut : un POST signé vers cette URL, renvoyé jusqu’à une réponse 2xx. Les corps ne contiennent que des identifiants et des statuts. L’ajout demande d’abord votre clé d’accès.',
  urlLabel: 'URL du point de terminaison',
  urlHint: 'Une URL https du système de la banque, par exemple https://hooks.bank.example/countersign.',
  eventsToSend: 'Événements à envoyer',
  addEndpoint: 'Ajouter le point de terminaison',
  secretTerm: 'Secret de signature',
  copySecret: 'Copier le secret de signature',
  hideSecret: 'Je l’ai copié : masquer le secret',
  secretShown:
    'Secret de signature pour {url} ({types}). Transmettez-le à l’équipe qui exploite le point de terminaison : elle vérifie avec lui l’en-tête Countersign-Signature de chaque livraison.',
} satisfies Translation<typeof english>;
